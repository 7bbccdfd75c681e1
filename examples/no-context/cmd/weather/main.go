package main

import (
	"fmt"
	"os"

	"example.com/weather/internal/forecast"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: weather CITY")
		os.Exit(2)
	}
	fmt.Println(forecast.For(os.Args[1]))
}
