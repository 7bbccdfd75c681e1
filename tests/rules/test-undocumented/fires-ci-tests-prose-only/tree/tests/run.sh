#!/bin/sh
./app
