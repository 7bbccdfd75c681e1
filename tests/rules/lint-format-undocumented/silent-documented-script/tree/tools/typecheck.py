"""Runs the type checker over the sources."""
import subprocess
import sys

sys.exit(subprocess.call([sys.executable, "-m", "mypy", "src"]))
