#!/bin/sh
set -e
mkdir -p artifacts
cp bin/* artifacts/
