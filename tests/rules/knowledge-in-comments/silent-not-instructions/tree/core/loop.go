package core

// The table below must stay in sync with the switch in step(): both list every state.
var states = []string{"idle", "busy"}

// HACK: shortcut.
var help = "keep in sync with config.yaml when you add a key" // a string, not a comment

func step(s string) string {
	switch s {
	case "idle":
		return "busy"
	}
	return "idle"
}

// This copy is no longer kept in sync with upstream/pprint.go.
var copied = true

// The cache is kept in sync with state.go by the watcher.
var cache = map[string]string{}

// Never edit the slice in place: callers share it.
var shared = []int{}

// The linter looks for "keep in sync with a.go" in comments.
var phrases = 1
