import os
import subprocess


def run_shop(*args):
    """Runs the shop binary the way the suite needs it."""
    env = dict(os.environ, SHOP_TEST_DB="sqlite://")
    return subprocess.run(["shop", *args], env=env, check=True)
