#!/bin/sh
go test "${1:-./...}"
