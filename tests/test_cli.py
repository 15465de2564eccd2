"""The `upheld` console script as an operator runs it."""

import os
import subprocess
import sys
from pathlib import Path

UPHELD = Path(sys.executable).with_name("upheld")


def run(*args, tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "UPHELD_VAR_DIR": str(tmp_path)}
    return subprocess.run([str(UPHELD), *args], capture_output=True, text=True, env=env, timeout=120)


def test_setup_then_django_commands_pass_through(tmp_path):
    first = run("setup", tmp_path=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "365 added" in first.stdout
    again = run("setup", tmp_path=tmp_path)
    assert "0 added, 365 updated" in again.stdout
    check = run("check", tmp_path=tmp_path)
    assert check.returncode == 0
    assert "no issues" in check.stdout
    migrations = run("showmigrations", "casework", tmp_path=tmp_path)
    assert "[X] 0001_initial" in migrations.stdout


def test_unknown_subcommand_is_a_clear_error(tmp_path):
    result = run("frobnicate", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "Unknown command: 'frobnicate'" in result.stderr
    assert "Traceback" not in result.stderr
