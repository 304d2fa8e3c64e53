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

# files: a home of its own (firejail's whitelist: a tmpfs home holding
# only the paths below; the rest of the home is absent, not "Permission
# denied").  What it writes elsewhere in this home is gone at exit.
# Media are played from the video, music and download directories and
# /tmp, read-only; ~/.ssh, ~/.gnupg and other secrets are not in it
# (and are hidden by mounts too).  No private-dev: the GPU (/dev/dri,
# from common-gui.inc) for video output and decoding, the sound cards
# (/dev/snd) for ALSA output.
whitelist-ro = ${XDG_VIDEOS_DIR}, ${XDG_MUSIC_DIR}, ${XDG_DOWNLOAD_DIR}
# screenshots ('s'; screenshot-directory=~/Pictures in mpv.conf: by
# default they go to the current directory)
whitelist = ${XDG_PICTURES_DIR}
# its mpv.conf, input.conf and scripts: read-only (a script written
# from here would run in every later mpv)
whitelist-ro = ${XDG_CONFIG_HOME}/mpv
# watch_later (resume playback where it stopped)
mkdir = ${XDG_STATE_HOME}/mpv
whitelist = ${XDG_STATE_HOME}/mpv
# its cache (demuxer cache files, yt-dlp's none)
whitelist = ${XDG_CACHE_HOME}/mpv
# the caches the desktop stack writes: fontconfig's (the OSD's fonts)
# and mesa's compiled shaders (--vo=gpu)
whitelist = ${XDG_CACHE_HOME}/fontconfig, ${XDG_CACHE_HOME}/mesa_shader_cache
# what Xlib, fontconfig and libpulse read in the home (common-gui.inc),
# read-only; the PulseAudio cookie (~/.config/pulse) is bound by sound
whitelist-ro = ~/.Xauthority, ~/.Xresources, ~/.fonts
whitelist-ro = ${XDG_CONFIG_HOME}/fontconfig, ${XDG_DATA_HOME}/fonts
landlock.read = /tmp
landlock.write = ~
landlock.write = ${XDG_PICTURES_DIR}, ${XDG_STATE_HOME}/mpv
landlock.write = ${XDG_CACHE_HOME}/mpv, /dev/snd
