package main

import "os"

func main() {
	addr := os.Getenv("API_ADDR")
	_ = addr
}
