package main

import (
	"fmt"
	"os"
)

// A hook program the tests build and run.
func main() {
	fmt.Println(os.Getenv("INSTALLER_HOOK_MODE"))
}
