# mpv: media player.
# X11 GUI (common-gui.inc: deny-list, unix sockets for X11, PulseAudio
# and PipeWire, host IPC namespace for MIT-SHM), plus inet and inet6 for
# network streams (http, rtsp, ...).
# No exec after the start: the youtube-dl/yt-dlp hook cannot run, so
# web pages (as opposed to direct stream URLs) do not play.
include = common-gui.inc
sound = yes
protocol = inet, inet6
seccomp.drop = execve, execveat

# files
# A player: it reads the media the user names in the home directory and
# /tmp, and writes only its own directories (config, watch_later in
# ${XDG_STATE_HOME}/mpv, cache) and ${XDG_PICTURES_DIR} for screenshots --
# screenshots go to the current directory unless screenshot-directory
# says otherwise, so set it.  No private-dev: the GPU (/dev/dri, from
# common-gui.inc) for video output and decoding, the sound cards
# (/dev/snd) for ALSA output.
include = landlock-base.inc
landlock.read = ~, /tmp
landlock.write = ${XDG_CONFIG_HOME}/mpv, ${XDG_STATE_HOME}/mpv
landlock.write = ${XDG_CACHE_HOME}/mpv, ${XDG_PICTURES_DIR}
landlock.write = /dev/snd
