#!/bin/sh
set -eu
VERSION=$(git describe --tags)
echo "publishing ${VERSION:-dev} to ${REGISTRY:-ghcr.io}"
