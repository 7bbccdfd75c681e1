import os

from setuptools import setup

# A package the tests install: it finds cmake the way its own users would tell it.
cmake = os.getenv("CMAKE_EXECUTABLE", "")
setup(name="cmake-package", version="1.0")
