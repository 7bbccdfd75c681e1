#!/bin/sh
lychee .
