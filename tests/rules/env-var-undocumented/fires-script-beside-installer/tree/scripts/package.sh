#!/bin/sh
set -eu
VERSION=$(git describe --tags)
echo "publishing ${VERSION:-dev} to ${SHIPIT_REGISTRY:-ghcr.io}"
ls "${SHIPIT_SDK_DIRECTORY:-/tmp/sdks}"
