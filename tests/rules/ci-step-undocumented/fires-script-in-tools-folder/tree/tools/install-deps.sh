#!/bin/sh
echo deps
