"""Faults around an import, as they happen on a server: other processes writing while a long import runs, a
database held by another writer for longer than anyone waits, a full disk.

Everything runs in processes of its own (the console script, and a caseworker's requests through
`fault_steps`) against a database of its own: an SQLite file, or on the PostgreSQL run (DATABASE_URL set by
scripts/with-postgres) a new database on that server. An import is paused mid-check with SIGSTOP: it runs in short
steps until the position of its read in the file (/proc) is part-way, so that what runs beside it is not left to
timing.
"""

import json
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.imports.conftest import CASES_HEADER, SEFTON, write_csv
from upheld.site.busy import EXIT_STATUS, MESSAGE

ROOT = Path(__file__).resolve().parents[2]
UPHELD = Path(sys.executable).with_name("upheld")
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
ROWS = 10_000  # enough for the check to take a moment, to pause it in


class Site:
    """One installation with a caseworker signed in: its database URL, var folder and session cookie."""

    def __init__(self, url: str, var: Path):
        self.url, self.var = url, var
        self.cookie = ""

    def env(self, busy_seconds: float = 10) -> dict:
        return {**os.environ, "DATABASE_URL": self.url, "UPHELD_VAR_DIR": str(self.var), "PYTHONWARNINGS": "ignore",
                "UPHELD_DB_BUSY_SECONDS": str(busy_seconds)}

    def start(self, *argv, busy_seconds: float = 10) -> subprocess.Popen:
        return subprocess.Popen([*map(str, argv)], cwd=ROOT, env=self.env(busy_seconds), text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def upheld(self, *argv, busy_seconds: float = 10) -> subprocess.Popen:
        return self.start(UPHELD, *argv, busy_seconds=busy_seconds)

    def caseworker(self, reference: str, busy_seconds: float = 10) -> subprocess.Popen:
        return self.start(sys.executable, "-m", "tests.imports.fault_steps", "work", self.cookie, reference,
                          busy_seconds=busy_seconds)

    def count(self, sql: str) -> int:
        if ON_POSTGRES:
            import psycopg

            with psycopg.connect(self.url) as db:
                return db.execute(sql).fetchone()[0]
        with sqlite3.connect(urlsplit(self.url).path) as db:
            return db.execute(sql).fetchone()[0]


def finished(process: subprocess.Popen) -> subprocess.CompletedProcess:
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    database = None
    if ON_POSTGRES:
        import psycopg

        database = f"upheld_faults_{secrets.token_hex(4)}"
        with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as server:
            server.execute(f'CREATE DATABASE "{database}"')
        url = urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{database}"))
    else:
        url = f"sqlite:///{var / 'upheld.sqlite3'}"
    site = Site(url, var)
    set_up = finished(site.start(sys.executable, "-m", "tests.imports.fault_steps", "set-up"))
    assert set_up.returncode == 0, set_up.stderr
    site.cookie = json.loads(set_up.stdout)
    yield site
    if database:
        with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def cases_file(tmp_path: Path, prefix: str) -> Path:
    rows = [[f"{prefix}{number:06d}", SEFTON, "2023-05-01", "Housing"] for number in range(ROWS)]
    return Path(write_csv(str(tmp_path / f"{prefix}.csv"), [CASES_HEADER, *rows]))


def paused_mid_check(process: subprocess.Popen, file: Path) -> None:
    """Leave `process` stopped (SIGSTOP) part-way through reading `file`: it is checking the file, which it reads
    whole before writing anything. It runs in steps of a millisecond, stopped between them while its read is
    looked at, so that however busy the machine it cannot read the whole file between two looks."""
    size, deadline = file.stat().st_size, time.monotonic() + 120
    while time.monotonic() < deadline:
        stopped(process)
        position = read_position(process, file)
        if position is not None and 8192 <= position < size:
            return
        assert position is None or position < size, f"{file} was read whole in one step"
        process.send_signal(signal.SIGCONT)
        time.sleep(0.001)
    raise AssertionError(f"{file} was never read part-way")


def stopped(process: subprocess.Popen) -> None:
    """Stop `process` and wait until it is: a signal to another process arrives when the kernel next runs it."""
    process.send_signal(signal.SIGSTOP)
    while (state := Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) not in "Tt":
        assert state != "Z", finished(process).stderr
        time.sleep(0.0005)


def read_position(process: subprocess.Popen, file: Path) -> int | None:
    """How far `process` has read `file` (where the kernel has its open file), or None while it has it not open."""
    for descriptor in Path(f"/proc/{process.pid}/fd").iterdir():
        try:
            if Path(os.readlink(descriptor)) == file:
                return int(Path(f"/proc/{process.pid}/fdinfo/{descriptor.name}").read_text().split()[1])
        except (FileNotFoundError, ValueError):
            continue
    return None


@contextmanager
def held(site: Site):
    """Another writer holding the database: SQLite's write lock; on PostgreSQL the tables a save, a
    release, a backup and an import write, locked against writers (readers carry on)."""
    if ON_POSTGRES:
        import psycopg

        with psycopg.connect(site.url) as db:
            db.execute("LOCK TABLE casework_case, django_session, audit_auditevent, releases_release "
                       "IN EXCLUSIVE MODE")
            yield
            db.rollback()
    else:
        db = sqlite3.connect(urlsplit(site.url).path, isolation_level=None)
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            db.execute("ROLLBACK")
            db.close()


def test_others_write_while_an_import_checks_its_file(site, tmp_path):
    """Finding 1: the import held SQLite's write lock from its first row, so a caseworker's save waited the
    busy timeout and failed with a server error, and `release` and `backup` failed too."""
    file = cases_file(tmp_path, "P")
    cases = site.count("SELECT count(*) FROM casework_case")
    importing = site.upheld("import", "cases", file, "--no-progress")
    paused_mid_check(importing, file)
    try:
        others = [site.caseworker("S1"), site.upheld("release", "--year", "2016-17", "--at", "2099-01-01"),
                  site.upheld("backup", tmp_path / "backup.tar")]
        staff, release, backup = map(finished, others)
    finally:
        importing.send_signal(signal.SIGCONT)
    assert json.loads(staff.stdout)["new case"]["status"] == 302, staff.stdout + staff.stderr
    assert json.loads(staff.stdout)["caseload"]["status"] == 200
    assert release.returncode == 0, release.stderr
    assert backup.returncode == 0, backup.stderr
    imported = finished(importing)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith(f"{file}: imported {ROWS:,} cases in ")
    assert site.count("SELECT count(*) FROM casework_case") == cases + ROWS + 1
    assert site.count("SELECT count(*) FROM casework_case WHERE reference = 'S1'") == 1


def test_a_reference_taken_while_the_import_checked_refuses_the_whole_file(site, tmp_path):
    """The write checks again what another writer could have changed since the check: all rows or none."""
    file = cases_file(tmp_path, "Q")
    cases = site.count("SELECT count(*) FROM casework_case")
    importing = site.upheld("import", "cases", file, "--no-progress")
    paused_mid_check(importing, file)
    try:
        staff = finished(site.caseworker("Q000123"))
    finally:
        importing.send_signal(signal.SIGCONT)
    assert json.loads(staff.stdout)["new case"]["status"] == 302, staff.stdout + staff.stderr
    refused = finished(importing)
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [f"{file}:125: reference: case Q000123 is already in the database",
                                           f"CommandError: {file}: 1 problem; nothing imported"]
    assert site.count("SELECT count(*) FROM casework_case") == cases + 1  # the caseworker's case only


def test_a_busy_database_gets_a_clear_answer_everywhere(site, tmp_path):
    file = cases_file(tmp_path, "R")
    cases = site.count("SELECT count(*) FROM casework_case")
    with held(site):
        running = [site.caseworker("S2", busy_seconds=1),
                   site.upheld("release", "--year", "2016-17", "--at", "2099-01-01", busy_seconds=1),
                   site.upheld("backup", tmp_path / "busy.tar", busy_seconds=1),
                   site.upheld("import", "cases", file, "--no-progress", busy_seconds=1)]
        staff, *commands = map(finished, running)
    for request in json.loads(staff.stdout).values():
        assert request == {"status": 503, "retry_after": "10", "busy_page": True, "seconds": request["seconds"]}
    for command in commands:
        assert (command.returncode, command.stdout, command.stderr) == (EXIT_STATUS, "", f"upheld: {MESSAGE}\n")
    assert not (tmp_path / "busy.tar").exists()
    assert site.count("SELECT count(*) FROM casework_case") == cases


def test_a_full_disk_is_said_as_such(site, tmp_path):
    """Finding 6: the import ended "Has `upheld setup` been run?" whatever the database said. An SQLite file
    on both runs (the site's copied, or a new one set up): the limit on the size of the files a process
    writes (RLIMIT_FSIZE) is the writer's full disk, and the server's on PostgreSQL is beyond its reach."""
    import resource

    database = tmp_path / "db.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "UPHELD_VAR_DIR": str(tmp_path),
           "PYTHONDONTWRITEBYTECODE": "1"}
    if ON_POSTGRES:
        assert subprocess.run([UPHELD, "setup"], env=env, capture_output=True, timeout=120).returncode == 0
    else:
        with sqlite3.connect(urlsplit(site.url).path) as live, sqlite3.connect(database) as copy:
            live.backup(copy)
    cases = sqlite_count(database)
    file = write_csv(str(tmp_path / "cases.csv"), [CASES_HEADER] + [
        [f"F{number:05d}", SEFTON, "2023-05-01", "Housing > Homelessness"] for number in range(5000)])

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails rather than kills
        # No file may grow past 200 kB: the write-ahead log (new at each start) stops short of 5,000 cases.
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

    done = subprocess.run([UPHELD, "import", "cases", file, "--no-progress"], env=env, capture_output=True,
                          text=True, timeout=120, preexec_fn=small_files)
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith(f"CommandError: {file}: the database refused (") and line.endswith("); nothing imported.")
    assert "database or disk is full" in line or "disk I/O error" in line
    assert sqlite_count(database) == cases


def sqlite_count(database: Path) -> int:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT count(*) FROM casework_case").fetchone()[0]
