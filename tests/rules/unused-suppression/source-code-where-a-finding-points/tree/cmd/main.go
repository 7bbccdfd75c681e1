package main

// tacit: ignore[TASK109] -- unused, but source code is read only where a finding points
func main() {}
