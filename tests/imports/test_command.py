"""`upheld import KIND FILE` as an operator runs it: messages, exit status,
and never a traceback."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from upheld.casework.models import Case

from .conftest import CASES_HEADER, SEFTON, counts, write_bytes, write_csv

UPHELD = Path(sys.executable).with_name("upheld")


def call(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_success_prints_one_summary_line(db):
    write_csv("cases.csv", [CASES_HEADER, ["17001", SEFTON, "2017-05-01", "Housing"]])
    out, err = call("cases", "cases.csv")
    assert out.startswith("cases.csv: imported 1 case in ") and out.endswith(" s\n")
    assert out.count("\n") == 1
    assert err == ""
    assert Case.objects.filter(reference="17001").exists()


def test_problems_go_to_stderr_and_fail_the_command(db):
    write_csv("cases.csv", [[*CASES_HEADER, "notes"], ["17001", "E99999999", "2017-05-01", "Housing", ""],
                            ["17002", SEFTON, "2017-02-29", "Housing", ""]])
    err = io.StringIO()
    before = counts()
    with pytest.raises(CommandError, match=r"^cases.csv: 2 problems; nothing imported$"):
        call_command("import", "cases", "cases.csv", stderr=err)
    assert counts() == before
    assert err.getvalue().splitlines() == [
        "cases.csv:1: notes: warning: column not used; ignored",
        "cases.csv:2: authority: unknown council 'E99999999': not a GSS code (such as E08000014) in the register",
        "cases.csv:3: received: 2017-02-29 is not a real date",
    ]


@pytest.mark.parametrize(("args", "message"), [
    (("cases", "missing.csv"), "missing.csv: no such file"),
    (("cases", "cases.txt"), "cases.txt: cannot import a .txt file; use a .csv, .xlsx or .jsonl file"),
    (("cases", "cases"), "cases: cannot import a file without an extension; use a .csv, .xlsx or .jsonl file"),
    (("cases", "folder.csv"), "folder.csv: not a file"),
    (("appeals", "cases.csv"), "invalid choice: 'appeals'"),
])
def test_nothing_to_import_is_a_clear_error(db, args, message):
    os.mkdir("folder.csv")
    write_bytes("cases.txt", b"reference\n")
    with pytest.raises(CommandError, match=message):
        call(*args)


def run(*args, database):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "UPHELD_VAR_DIR": str(database.parent)}
    return subprocess.run([str(UPHELD), *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A real database file for the console script, set up once."""
    path = tmp_path_factory.mktemp("upheld") / "db.sqlite3"
    setup = run("setup", database=path)
    assert setup.returncode == 0, setup.stderr
    return path


def test_console_script(database):
    bad = write_csv("bad.csv", [CASES_HEADER, ["17001", SEFTON, "2018-02-30", "Housing"]])
    result = run("import", "cases", bad, database=database)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "bad.csv:2: received: 2018-02-30 is not a real date",
        "CommandError: bad.csv: 1 problem; nothing imported",
    ]

    good = write_csv("good.csv", [CASES_HEADER, ["17001", SEFTON, "2018-02-28", "Housing"]])
    result = run("import", "cases", good, "--no-progress", database=database)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("good.csv: imported 1 case in ")
    assert result.stderr == ""


@pytest.mark.parametrize("args", [
    ("import", "cases", "missing.csv"),
    ("import", "appeals", "cases.csv"),
    ("import", "cases"),
    ("import", "cases", "garbage.xlsx"),
    ("import", "cases", "garbage.csv"),
])
def test_console_script_never_shows_a_traceback(database, args):
    write_bytes("garbage.xlsx", os.urandom(300))
    write_bytes("garbage.csv", b"\xff\xfe\x00\x00" + os.urandom(300))
    result = run(*args, database=database)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal(db, monkeypatch, capsys):
    from upheld.imports import run_import

    write_csv("cases.csv", [CASES_HEADER] + [[f"R{n}", SEFTON, "2017-05-01", "Housing"] for n in range(3000)])
    assert run_import("cases", "cases.csv", progress=True).ok
    assert capsys.readouterr().err == ""  # stderr is not a terminal under pytest

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    write_csv("more.csv", [CASES_HEADER, ["S1", SEFTON, "2017-05-01", "Housing"]])
    assert run_import("cases", "more.csv", progress=True).ok
    assert "more.csv:" in terminal.getvalue() and "%|" in terminal.getvalue()
