#!/usr/bin/env bash
set -e
command -v pylint && exit 1
pip install pylint
pip show pylint
pip uninstall -y pylint
