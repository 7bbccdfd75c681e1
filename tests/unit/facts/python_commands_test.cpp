// Tests for the commands a Python script runs (facts/python_commands): argument lists and command strings
// handed to a runner count; packages installed, queried or removed, docstrings and messages do not.

#include "../../../src/facts/runners.hpp"

#include <doctest/doctest.h>

#include <string>

using tacit::facts::python_script_commands;

TEST_CASE("python_script_commands: argument lists and runner strings are commands") {
  CHECK(python_script_commands(
            "import subprocess\nsubprocess.run([\"ruff\", \"check\", \".\"], check=True)\n") ==
        "ruff check .\n");
  CHECK(python_script_commands("sys.exit(subprocess.call([sys.executable, \"-m\", \"mypy\", \"src\"]))\n") ==
        "python -m mypy src\n");
  // An argument list over several lines, and one whose program is an option's value.
  CHECK(python_script_commands("cmd = [\n    'pylint',\n    '--rcfile=.pylintrc',\n    'src',\n]\n") ==
        "pylint --rcfile=.pylintrc src\n");
  CHECK(python_script_commands("command = [opts.mypy] if opts.mypy else [sys.executable, '-m', 'mypy']\n") ==
        "python -m mypy\n");
  // A command string handed to a runner: os.system, subprocess with shell=True, invoke's c.run.
  CHECK(python_script_commands("os.system(\"pylint src && ruff check\")\n") == "pylint src\nruff check\n");
  CHECK(python_script_commands("subprocess.run(\"ruff format --check .\", shell=True, cwd=\"web\")\n") ==
        "ruff format --check .\n");
  CHECK(python_script_commands("@task\ndef lint(c):\n    c.run(\"flake8 src\")\n") == "flake8 src\n");
}

TEST_CASE("python_script_commands: a package installed, queried or removed is no command of the tool") {
  // The packages a script manages to test an installer: pylint is installed, shown and uninstalled.
  const auto script =
      "\"\"\"Install `pylint` into the system Python, then remove it.\n\nRun pylint? No.\n\"\"\"\n"
      "import shutil\n"
      "requirement = (f\"pylint=={version}\" if version is not None else \"pylint\")\n"
      "subprocess.run([uv, \"pip\", \"install\", requirement, \"--system\"], check=True)\n"
      "subprocess.run([sys.executable, \"-m\", \"pip\", \"show\", \"pylint\"], check=True)\n"
      "logger.info(\"Checking that `pylint` is in the path.\")\n"
      "if shutil.which(\"pylint\") is None:\n"
      "    raise RuntimeError(\"The package `pylint` isn't in the path.\")\n"
      "subprocess.run(\n    [uv, \"pip\", \"uninstall\", \"pylint\", \"--system\"],\n"
      "    cwd=\"/tmp\",\n)\n"
      "subprocess.run([\"pip\", \"uninstall\", \"-y\", \"pylint\"])\n"
      "subprocess.run([uv, \"tool\", \"install\", \"ruff\"])\n"
      "MESSAGES = [\"Run pylint before you push\"]\n"
      "for package in [\"pylint\", \"numpy\"]:\n    pass\n"
      "if name not in ['pylint', 'ruff']:\n    pass\n"
      "# subprocess.run([\"pylint\", \"src\"])\n"
      "print(TOOLS[\"pylint\"])\n";
  CHECK(python_script_commands(script) == "");
}

TEST_CASE("python_script_commands: strings with quotes, escapes and prefixes") {
  CHECK(python_script_commands("run([r'ruff', 'check', 'it\\'s'])\n") == "ruff check it's\n");
  CHECK(python_script_commands("x = 'unterminated\nrun([\"mypy\"])\n") == "mypy\n");
  CHECK(python_script_commands("") == "");
  CHECK(python_script_commands("run(((((\n") == "");
  CHECK(python_script_commands("]])) run([\"mypy\"]) ") == "mypy\n");
}
