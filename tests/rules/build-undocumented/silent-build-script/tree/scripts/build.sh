#!/bin/sh
go build -o bin/x .
