echo release
