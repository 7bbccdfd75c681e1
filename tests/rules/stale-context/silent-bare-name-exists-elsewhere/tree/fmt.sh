#!/bin/sh
gofmt -l .
