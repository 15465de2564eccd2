"""`upheld backup` and `upheld restore`, end to end as an operator runs them: a site with a released year is
backed up, restored into a new empty database, and every published download is the same afterwards.

Each step is its own process with its own DATABASE_URL (`tests.site.sites`): SQLite files here, or, on the
PostgreSQL run (DATABASE_URL set by scripts/with-postgres), fresh databases created on that server.
"""

import json
import shutil

import pytest

from tests.site.sites import ON_POSTGRES


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
