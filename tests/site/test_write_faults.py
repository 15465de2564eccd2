"""Files whole or absent: `upheld letters --out`, `upheld scrutiny-pack`, `upheld publish` and `upheld backup` on a
full disk and into a read-only folder, each run as an operator runs it, in its own process (`tests.site.sites`).

A full disk is simulated without root: the command runs under a file size limit (RLIMIT_FSIZE) with SIGXFSZ
ignored, so a write past the limit fails with an OSError (EFBIG), as one on a full disk fails (ENOSPC), instead
of killing the process. The limit and the ignored signal are inherited by the letters' worker processes;
pg_dump, which Python starts with the signal's default action back, is stopped by it. A read-only folder is
one of mode 0555; root ignores modes, so as root the command runs without the capability to (setpriv drops
CAP_DAC_OVERRIDE).

Each command must stop with one line on standard error naming the folder and the cause (no traceback), leave
no file that is not whole (nor any temporary one), and, run again on a disk with room, complete.
"""

import json
import os
import sys
from pathlib import Path

import pytest

from tests.site.sites import UPHELD, Site

YEAR = "2017-18"
SEFTON = "E08000014"
TOO_LARGE = "a file would be larger than the system allows"
# A disk that takes no file over 33 KB: room for SQLite's shared-memory file (32 KB) and a spreadsheet, not for a
# letter, a scrutiny pack or the export's stylesheet.
FULL = 33 * 1024

LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv.pop(1))
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from upheld.cli import main
main()
"""


@pytest.fixture(scope="module")
def site(new_site) -> Site:
    """Sefton's 2017-18 records and an uploaded report at Wirral, 2017-18 released, and four more councils:
    six letters, a quick export."""
    made = new_site("faults")
    made.step("build", "E08000012", "E06000001", "E10000016", "E09000007")
    return made


def limited(site: Site, limit: int, *argv) -> str:
    """Run `upheld ARGV` unable to write any file past `limit` bytes (as on a full disk); what it said on
    standard error, once it has failed as it must."""
    done = site.run(sys.executable, "-c", LIMITED, limit, *argv, check=False)
    assert done.returncode == 1, done.stdout
    return done.stderr


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, hidden ones too, by relative path."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_letters_on_a_full_disk_stop_in_one_line_leave_only_whole_files_and_a_rerun_completes(site, tmp_path):
    out = tmp_path / "letters"
    command = ("letters", "--year", YEAR, "--out", out, "--no-progress")
    said = limited(site, FULL, *command)  # in the worker processes: six letters are more than one per core
    assert said.splitlines() == [f"CommandError: cannot write to {out}: {TOO_LARGE}"]
    assert not [name for name in files_in(out) if name.endswith(".pdf")]  # none cut short, none temporary

    site.upheld(*command)
    written = files_in(out)
    letters = [content for name, content in written.items() if name.endswith(".pdf")]
    assert len(letters) == 6 and all(content.rstrip().endswith(b"%%EOF") for content in letters)
    assert len(written) == 6 * 4 and all(not name.startswith(".") for name in written)


def test_a_scrutiny_pack_on_a_full_disk_is_not_written_and_a_rerun_writes_it(site, tmp_path):
    out = tmp_path / "packs"
    command = ("scrutiny-pack", "--authority", SEFTON, "--year", YEAR, "--out", out)
    said = limited(site, FULL, *command)
    assert said.splitlines() == [f"CommandError: cannot write to {out}: {TOO_LARGE}"]
    assert files_in(out) == {}

    site.upheld(*command)
    [(name, pack)] = files_in(out).items()
    assert name == "sefton-2017-18-scrutiny-pack.pdf" and pack.rstrip().endswith(b"%%EOF")


def test_an_export_on_a_full_disk_leaves_the_earlier_one_as_it_was_and_a_rerun_replaces_it(site, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    earlier = {".upheld-export": b"2017-18\n", "index.html": b"<p>The earlier export</p>"}
    for name, content in earlier.items():
        (out / name).write_bytes(content)
    command = ("publish", "--year", YEAR, "--out", out, "--no-progress")

    said = limited(site, FULL, *command)
    assert said.splitlines() == [f"CommandError: cannot write to {out}: {TOO_LARGE}"]
    assert files_in(out) == earlier
    assert [path.name for path in tmp_path.iterdir()] == ["site"]  # no temporary folder left beside it

    site.upheld(*command)
    exported = files_in(out)
    assert exported["index.html"] != earlier["index.html"]
    assert "reports/public-interest/1/report.pdf" in exported  # an uploaded file, served as it is
    assert [path.name for path in tmp_path.iterdir()] == ["site"]


def test_a_backup_on_a_full_disk_stops_in_one_line_leaves_nothing_and_a_rerun_completes(site, tmp_path):
    site.upheld("backup", tmp_path / "good")
    manifest = json.loads((tmp_path / "good" / "manifest.json").read_text())
    database = next(entry["bytes"] for name, entry in manifest["files"].items() if name.startswith("database."))
    backups = tmp_path / "backups"
    backups.mkdir()

    # Room for the database copy but not for the .tar that holds it.
    said = limited(site, database + 1024, "backup", backups / "upheld.tar")
    assert said.splitlines() == [f"CommandError: cannot write to {backups}: {TOO_LARGE}"]
    assert list(backups.iterdir()) == []
    # No room for the database copy. SQLite tells a write refused by the limit only as an I/O error (a full disk,
    # as full); pg_dump is stopped by the signal here (on a full disk it says "could not write to output file: …").
    [line] = limited(site, database // 2, "backup", backups / "upheld").splitlines()
    assert line in (f"CommandError: cannot write to {backups}: disk I/O error",
                    f"CommandError: the database could not be copied into {backups}: pg_dump failed: stopped by "
                    "signal 25 (File size limit exceeded)")
    assert list(backups.iterdir()) == []

    assert site.upheld("backup", backups / "upheld.tar").stdout.startswith(f"{backups / 'upheld.tar'}: backup of ")


@pytest.mark.parametrize(("command", "named"), [
    (("letters", "--year", YEAR, "--authority", SEFTON, "--out", "{folder}"), "{folder}"),
    (("scrutiny-pack", "--authority", SEFTON, "--year", YEAR, "--out", "{folder}/packs"), "{folder}/packs"),
    (("publish", "--year", YEAR, "--no-progress", "--out", "{folder}/site"), "{folder}"),
    (("backup", "{folder}/upheld.tar"), "{folder}"),
], ids=["letters", "scrutiny-pack", "publish", "backup"])
def test_a_read_only_folder_stops_each_command_in_one_line(site, tmp_path, command, named):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    as_anyone = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []
    try:
        done = site.run(*as_anyone, UPHELD, *(part.format(folder=folder) for part in command), check=False)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"CommandError: cannot write to {named.format(folder=folder)}: "
                                        "permission denied"]
    assert list(folder.iterdir()) == []
