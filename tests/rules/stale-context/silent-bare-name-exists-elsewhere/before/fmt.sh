#!/bin/sh
gofmt
