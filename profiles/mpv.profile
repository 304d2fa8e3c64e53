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
