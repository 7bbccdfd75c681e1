#!/bin/sh
echo "${NOBODY_RUNS_THIS:-x}"
