# convert (ImageMagick 6): converts and transforms images.
# Allow-list, learned from PNG -> JPEG, xc: -> GIF, -rotate to ppm:- on
# stdout, -depth 8 to BMP and -resize, then written with groups:
#   @stdio @rpath        start, read images, policy.xml and coders
#   @wpath @cpath        write the output, temporary files (removed after)
#   @thread              OpenMP worker threads on large images
# Delegates (Ghostscript for PS/PDF, curl for URLs, ...) are other
# programs: execve is denied once it has started, so formats that
# ImageMagick hands to a delegate fail.  No sockets at all; protocol is
# the narrowest family list there is.
protocol = unix
caps.drop = all
shell = none
seccomp = yes
seccomp.keep = @stdio, @rpath, @wpath, @cpath, @thread
seccomp.drop = execve, execveat

# files
# Converts the images the user names, wherever they are in the home
# directory or /tmp (its temporary files go to /tmp, or $MAGICK_TMPDIR);
# its policy and coders are in /etc and /usr/lib.  The keys and secrets in
# ~ are hidden.
include = landlock-base.inc
include = disable-secrets.inc
include = disable-keys.inc
landlock.write = ~, /tmp
private-dev = yes
