#!/bin/sh
createdb app
