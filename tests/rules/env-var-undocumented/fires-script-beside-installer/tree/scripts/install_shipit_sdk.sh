#!/bin/sh
set -eu
sdk_dir="${SHIPIT_SDK_DIRECTORY:-/tmp/sdks}"
mkdir -p "$sdk_dir"
