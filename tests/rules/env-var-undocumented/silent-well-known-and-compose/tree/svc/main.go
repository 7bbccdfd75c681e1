package main

import "os"

func main() {
	_ = os.Getenv("HOME")
	_ = os.Getenv("GITHUB_TOKEN")
	_ = os.Getenv("XDG_CONFIG_HOME")
	_ = os.Getenv("NO_COLOR")
	_ = os.Getenv("GO_BUILDER_NAME")
	_ = os.Getenv("SVC_MODE")
}
