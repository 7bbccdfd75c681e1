package integration

import (
	"os"
	"testing"
)

func TestPull(t *testing.T) {
	if os.Getenv("CIRRUS_CI") != "" {
		t.Skip("no network on Cirrus CI")
	}
	if os.Getenv("SEMAPHORE_JOB_ID") != "" {
		t.Skip("slow on Semaphore")
	}
}
