import os
import subprocess
import sys


def test_edit(tmp_path):
    script = tmp_path / "script"
    script.write_text("new text")
    env = dict(os.environ)
    env["EDIT_SCRIPT"] = str(script)
    target = tmp_path / "file"
    subprocess.run([sys.executable, "tests/fake_editor.py", str(target)], env=env, check=True)
    assert target.read_text() == "new text"
