# ffprobe: shows what a media file holds; ffmpeg's libraries, same needs.
include = ffmpeg.profile
