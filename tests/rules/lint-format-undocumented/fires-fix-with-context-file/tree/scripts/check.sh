#!/usr/bin/env bash
set -e
sudo apt-get install -y shellcheck
uv run mypy src
shellcheck scripts/*.sh
