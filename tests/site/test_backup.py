"""`upheld backup` and `upheld restore`, end to end as an operator runs them: a site with a released year is
backed up, restored into a new empty database, and every published download is the same afterwards.

Each step is its own process with its own DATABASE_URL: SQLite files here, or, on the PostgreSQL run
(DATABASE_URL set by scripts/with-postgres), fresh databases created on that server.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

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

    def step(self, name: str, *argv) -> str:
        return self.run(sys.executable, "-m", "tests.site.backup_steps", name, *argv).stdout

    def hashes(self) -> dict[str, str]:
        return json.loads(self.step("hashes"))


@pytest.fixture(scope="module")
def new_site(tmp_path_factory):
    """`new_site(name)`: an installation with an empty database of its own, dropped afterwards."""
    created = []

    def make(name: str) -> Site:
        var = tmp_path_factory.mktemp(f"var-{name}")
        if not ON_POSTGRES:
            return Site(f"sqlite:///{var / 'upheld.sqlite3'}", var)
        import psycopg

        database = f"upheld_backup_{secrets.token_hex(4)}_{name}"
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


@pytest.fixture(scope="module")
def backed_up(new_site, tmp_path_factory):
    """A site with Sefton's 2017-18 records, an uploaded report and the year released; its published
    downloads' hashes; and its backup both as one .tar file and as a folder."""
    site = new_site("live")
    site.step("build")
    backups = tmp_path_factory.mktemp("backups")
    archive, folder = backups / "upheld.tar", backups / "upheld"
    for out in (archive, folder):
        done = site.upheld("backup", out)
        assert done.stdout.startswith(f"{out}: backup of the {'postgresql' if ON_POSTGRES else 'sqlite'} database")
    return site, site.hashes(), archive, folder


def test_restored_site_publishes_exactly_the_same_downloads(backed_up, new_site):
    site, before, archive, _ = backed_up
    assert len(before) == 11  # 4 formats × (latest, v1), 2 letters, 1 uploaded report
    assert archive.stat().st_mode & 0o777 == 0o600  # personal data: the owner's only
    restored = new_site("restored")
    done = restored.upheld("restore", archive)
    assert done.stdout.startswith(f"{archive}: restored the ")
    assert restored.hashes() == before
    assert (restored.var / "media" / "reports" / "public-interest" / "wirral.pdf").is_file()


@pytest.mark.parametrize("name", ["upheld.tar", "upheld"])
def test_every_file_of_a_backup_is_the_owners_only_from_its_creation(backed_up, tmp_path, name):
    site = backed_up[0]
    watched = json.loads(site.step("watched-backup", tmp_path / name))
    moments = ["added to the .tar", "database copied", "done"] if name.endswith(".tar") else ["database copied", "done"]
    assert watched == {"exposed": [], "looks": moments}  # "done": the archive and all it holds
    assert (tmp_path / name).exists()


def test_manifest_says_what_the_archive_holds(backed_up):
    folder = backed_up[3]
    manifest = json.loads((folder / "manifest.json").read_text())
    database = "database.pgdump" if ON_POSTGRES else "database.sqlite3"
    assert set(manifest["files"]) == {database, "files/media/reports/public-interest/wirral.pdf"}
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"].values())
    assert manifest["engine"] == ("postgresql" if ON_POSTGRES else "sqlite")
    assert "0002_letter_history" in manifest["migrations"]["publication"]
    assert manifest["counts"]["casework.Case"] == 59 + 13 + 2 + 2 + 1  # the builder's cases and Wirral's
    assert manifest["counts"]["releases.FiguresVersion"] == 1
    assert manifest["counts"]["decisions.PublicInterestReport"] == 1


def test_restore_refuses_a_database_with_data(backed_up):
    site, _, archive, _ = backed_up
    done = site.upheld("restore", archive, check=False)
    assert done.returncode == 1
    assert "is not empty" in done.stderr and "nothing was restored" in done.stderr
    assert "Traceback" not in done.stderr


def test_restore_refuses_a_damaged_archive_and_changes_nothing(backed_up, new_site, tmp_path):
    _, _, archive, folder = backed_up
    target = new_site("target")
    # The folder archive with one byte of the database changed.
    altered = shutil.copytree(folder, tmp_path / "altered")
    database, = altered.glob("database.*")
    data = bytearray(database.read_bytes())
    data[len(data) // 2] ^= 0xFF
    database.write_bytes(bytes(data))
    done = target.upheld("restore", altered, check=False)
    assert done.returncode == 1
    assert f"{altered} is damaged or was altered: {database.name} does not match its checksum; nothing was " \
           "restored" in done.stderr
    # The .tar cut short.
    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(archive.read_bytes()[:archive.stat().st_size // 3])
    done = target.upheld("restore", truncated, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "nothing was restored" in done.stderr
    # Nothing was changed: the target is still empty, so the good archive restores into it.
    assert target.upheld("restore", archive).stdout.startswith(f"{archive}: restored the ")
