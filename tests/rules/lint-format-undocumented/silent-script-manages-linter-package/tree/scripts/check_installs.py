"""Install the `pylint` package with our installer, check it is there, then remove it.

This exercises the installer, not the linter: pylint is just a package with an entry point.
"""

import shutil
import subprocess
import sys

installer = sys.argv[2]
version = None
requirement = f"pylint=={version}" if version is not None else "pylint"

subprocess.run([installer, "pip", "install", requirement, "--system"], check=True)
subprocess.run([sys.executable, "-m", "pip", "show", "pylint"], check=True)
print("Checking that `pylint` is on the path.")
if shutil.which("pylint") is None:
    raise RuntimeError("The package `pylint` is not on the path.")
for package in ["pylint", "numpy"]:
    subprocess.run([installer, "pip", "uninstall", package, "--system"], check=True)
subprocess.run([sys.executable, "-m", "pip", "uninstall", "-y", "pylint"], check=True)
