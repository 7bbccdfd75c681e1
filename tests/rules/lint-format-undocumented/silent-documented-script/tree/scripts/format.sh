#!/usr/bin/env bash
set -euo pipefail
find src -name '*.py' | xargs black
