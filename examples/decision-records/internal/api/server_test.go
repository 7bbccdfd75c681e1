package api

import "testing"

func TestNewServer(t *testing.T) {
	if NewServer(nil) == nil {
		t.Fatal("no handler")
	}
}
