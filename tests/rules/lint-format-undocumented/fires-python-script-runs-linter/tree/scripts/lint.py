"""Lint the sources."""

import subprocess
import sys

if shutil.which("pylint") is None:
    subprocess.run([sys.executable, "-m", "pip", "install", "pylint"], check=True)
sys.exit(subprocess.call([sys.executable, "-m", "pylint", "--jobs", "0", "src"]))
