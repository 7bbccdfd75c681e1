# Keep in sync with core/loop.go: the demo lists the same states.
STATES = ["idle", "busy"]
