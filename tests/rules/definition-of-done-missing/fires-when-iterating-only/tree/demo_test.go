package demo

import "testing"

func TestX(t *testing.T) {}
