# ffmpeg: converts, records and filters audio and video files.
# Allow-list, learned from a lavfi test clip to MP4, MP4 to WebM, a sine
# tone to Ogg, a frame to PNG and -version, then written with groups:
#   @stdio @rpath        start, read inputs
#   @wpath @cpath        write outputs
#   @thread              decoder and encoder threads
#   prctl                threads name themselves
#   @memlock             crypto libraries lock their key memory
#   get_mempolicy, set_mempolicy   libnuma (x265) asks where memory
#                        lives; set_mempolicy is in @default-deny, so it
#                        is taken out of the drops again (!set_mempolicy):
#                        it only places this process's own memory
# Local files only: no sockets (socket is not in the list), so network
# inputs and outputs (http://, rtmp://, udp://) fail; for those, add
# @inet, @dns and protocol = inet,inet6 in ffmpeg.local.
# It never runs another program: execve is denied once it has started.
protocol = unix
caps.drop = all
shell = none
seccomp = yes
seccomp.keep = @stdio, @rpath, @wpath, @cpath, @thread, @memlock, prctl
seccomp.keep = get_mempolicy, set_mempolicy
seccomp.drop = execve, execveat, !set_mempolicy

# files
# Converts the files the user names, in the home directory or /tmp.  No
# private-dev: it records from capture devices, so the GPU (/dev/dri,
# hardware encoders), sound cards (/dev/snd) and the first cameras
# (/dev/video0..3) are writable -- those that exist.  The keys and secrets
# in ~ are hidden.
include = landlock-base.inc
include = disable-secrets.inc
include = disable-keys.inc
landlock.write = ~, /tmp
landlock.write = /dev/dri, /dev/snd
landlock.write = /dev/video0, /dev/video1, /dev/video2, /dev/video3
landlock.read = /sys/dev, /sys/devices
