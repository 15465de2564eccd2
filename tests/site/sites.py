"""Installations for the end-to-end tests of the operator's commands (backups, write faults): each has a
database and a var directory of its own, and every command runs in its own process against them, as an
operator runs it. SQLite files, or, on the PostgreSQL run (DATABASE_URL set by scripts/with-postgres), fresh
databases created on that server and dropped afterwards."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
UPHELD = Path(sys.executable).with_name("upheld")
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


class Site:
    """One installation: a database and a var directory."""

    def __init__(self, url: str, var: Path):
        self.url, self.var = url, var

    def run(self, *argv, check: bool = True) -> subprocess.CompletedProcess:
        env = {**os.environ, "DATABASE_URL": self.url, "UPHELD_VAR_DIR": str(self.var), "PYTHONWARNINGS": "ignore"}
        done = subprocess.run([*map(str, argv)], cwd=ROOT, env=env, capture_output=True, text=True, check=False,
                              timeout=120)
        if check:
            assert done.returncode == 0, done.stderr
        return done

    def upheld(self, *argv, check: bool = True) -> subprocess.CompletedProcess:
        return self.run(UPHELD, *argv, check=check)

    def step(self, name: str, *argv, steps: str = "tests.site.backup_steps") -> str:
        """Run step `name` of the module `steps` (`python -m STEPS NAME ARGV...`) against this installation."""
        return self.run(sys.executable, "-m", steps, name, *argv).stdout

    def hashes(self) -> dict[str, str]:
        return json.loads(self.step("hashes"))


def installations(tmp_path_factory):
    """`make(name)`: an installation with an empty database of its own; its databases are dropped when the
    generator is closed (a module-scoped fixture: `new_site` in conftest.py)."""
    created = []

    def make(name: str) -> Site:
        var = tmp_path_factory.mktemp(f"var-{name}")
        if not ON_POSTGRES:
            return Site(f"sqlite:///{var / 'upheld.sqlite3'}", var)
        import psycopg

        database = f"upheld_site_{secrets.token_hex(4)}_{name}"
        with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as server:
            server.execute(f'CREATE DATABASE "{database}"')
        created.append(database)
        return Site(urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{database}")), var)

    yield make
    if created:
        import psycopg

        with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as server:
            for database in created:
                server.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
