"""ringo."""
