package pager

import "os"

func Command() string {
	return os.Getenv("CLIP_PAGER")
}
