#!/bin/sh
echo keep
