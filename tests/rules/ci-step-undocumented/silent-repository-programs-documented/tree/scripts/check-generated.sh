#!/bin/sh
git diff --exit-code
