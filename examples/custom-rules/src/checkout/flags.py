"""Feature flags, read from the FLAGS environment variable (comma-separated)."""

import os


def enabled(name: str) -> bool:
    return name in os.environ.get("FLAGS", "").split(",")
