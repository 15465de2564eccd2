"""Backups of everything the product keeps, taken while the site runs, and restoring them.

An archive is a folder, or the same folder as one `.tar` file, holding:

- `database.sqlite3` (SQLite, copied with SQLite's online backup API) or
  `database.pgdump` (PostgreSQL, `pg_dump --format=custom`): every table,
  casework with complainants' details, published versions, letter texts,
  statements, accounts and the audit trail;
- `files/media/…`: the files kept beside the database, which are the
  uploaded public interest report PDFs (`var/media`). Nothing else on disk
  is state: letters, open data and pages are rendered on request from the
  published figures (and only cached in memory); static files are rebuilt by
  `collectstatic`; the secret key is configuration, kept apart from backups;
- `manifest.json`: when it was made, the database engine, the migrations
  applied, the number of rows of the key tables, and the size and SHA-256 of
  every other file.

The database copy is consistent: SQLite's backup API copies one state of the
file, and for PostgreSQL the rows are counted and `pg_dump` dumps in one
exported snapshot, so the manifest's counts describe exactly what was dumped.

A restore checks every file against the manifest before it touches anything,
goes only into an empty database (and an empty media folder), and checks the
restored row counts against the manifest. The archive holds personal data and
password hashes: it is written readable by its owner only.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import glob
import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from upheld import files
from upheld.audit.models import Action
from upheld.audit.record import record

FORMAT = "upheld backup 1"
MANIFEST = "manifest.json"
FILES = "files"
KEPT_DIRS = ("media",)  # under the var directory: the files that are state, not cache
KEY_MODELS = (
    "authorities.Authority", "authorities.Population", "authorities.Contact",
    "casework.Case", "casework.Decision", "casework.Recommendation", "casework.ComplianceOutcome",
    "releases.Release", "releases.FiguresVersion", "releases.LetterHistory",
    "letters.LetterText", "letters.LetterIssue", "decisions.Statement", "decisions.PublicInterestReport",
    "auth.User", "audit.AuditEvent",
)


class BackupError(Exception):
    """The backup or restore cannot be done; the message says why, for the operator, and what was left as it was."""


# Taking a backup -----------------------------------------------------------------------------------------------

def backup(out: str | Path) -> dict:
    """Write an archive of the database and the kept files to `out` (a `.tar` file, or else a folder);
    returns its manifest. The archive appears whole or not at all."""
    out = Path(out)
    if out.exists():
        raise BackupError(f"{out} already exists: a backup never overwrites; give a new name")
    if not out.parent.is_dir():
        raise BackupError(f"{out.parent} is not a folder")
    engine = database_engine()
    # Recorded before the copy is taken, so the archive carries the record of its own making.
    record(Action.EXPORT, object_type="site.backup", object_repr=f"backup to {out}"[:200],
           after={"engine": engine.name})
    staging = out.parent / f".{out.name}.staging"
    shutil.rmtree(staging, ignore_errors=True)  # left by a run that was killed
    # Every file and folder is created readable by the owner only (the database copy, pg_dump's too, and the
    # .tar), not made so afterwards: no moment when another user of the machine could open it. A failed write
    # (a full disk, a read-only folder) is `WriteFailed`, and leaves nothing behind.
    with _created_owner_only(), files.writing(out.parent):
        try:
            staging.mkdir(mode=0o700)
            try:
                described = engine.dump(staging / engine.file)
            except BackupError as error:  # pg_dump's: it says why (no room: "could not write to output file")
                raise BackupError(f"the database could not be copied into {out.parent}: {error}") from None
            for kept in KEPT_DIRS:
                source = settings.VAR_DIR / kept
                if source.is_dir():
                    shutil.copytree(source, staging / FILES / kept)
            manifest = {
                "format": FORMAT,
                "created": timezone.localtime().isoformat(timespec="seconds"),
                "engine": engine.name,
                **described,
                "files": {name: _file_entry(staging / name) for name in _files_in(staging)},
            }
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
            _owner_only(staging)
            if out.suffix == ".tar":
                with files.atomic_file(out) as file, tarfile.open(fileobj=file, mode="w") as archive:
                    for name in [MANIFEST, *manifest["files"]]:
                        archive.add(staging / name, arcname=name, recursive=False)
            else:
                staging.rename(out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _files_in(folder: Path) -> list[str]:
    names = (path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
    return sorted(name for name in names if name != MANIFEST)


def _file_entry(path: Path) -> dict:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return {"sha256": digest.hexdigest(), "bytes": path.stat().st_size}


@contextlib.contextmanager
def _created_owner_only() -> Iterator[None]:
    """The process's umask 077 meanwhile (inherited by pg_dump). A backup runs as its own command, so
    changing the process-wide umask affects nothing else."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _owner_only(folder: Path) -> None:
    """Copied files keep their source's mode (`copytree` copies it), so they are made private before the
    staging folder becomes the archive or goes into it."""
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)


# Restoring ------------------------------------------------------------------------------------------------------

def restore(archive: str | Path) -> dict:
    """Restore the archive into the configured, empty database and media folder; returns its manifest.

    Every file is checked against the manifest first: a damaged or altered archive changes nothing."""
    archive = Path(archive)
    engine = database_engine()
    with opened(archive) as (folder, manifest):
        if manifest["engine"] != engine.name:
            raise BackupError(f"{archive} is a backup of a {manifest['engine']} database; this site uses "
                              f"{engine.name}: restore it into a {manifest['engine']} database")
        _check_migrations(archive, manifest)
        _check_empty(engine)
        connections.close_all()
        engine.load(folder / engine.file)
        connections.close_all()
        kept = folder / FILES
        if kept.is_dir():
            shutil.copytree(kept, settings.VAR_DIR, dirs_exist_ok=True)
    restored = count_rows(connection.cursor(), manifest["counts"])
    if restored != manifest["counts"]:
        differing = ", ".join(f"{label} {manifest['counts'][label]} → {n}" for label, n in restored.items()
                              if n != manifest["counts"][label])
        raise BackupError(f"the restored database does not hold what the manifest says ({differing}): "
                          "do not use it; restore again into a new empty database")
    record(Action.IMPORT, object_type="site.backup", object_repr=f"restore from {archive}"[:200],
           after={"created": manifest["created"], "engine": manifest["engine"]})
    return manifest


@contextlib.contextmanager
def opened(archive: Path) -> Iterator[tuple[Path, dict]]:
    """The archive's folder (a `.tar` is unpacked into a temporary one) and its manifest, once every file
    has been checked against the manifest."""
    if archive.is_dir():
        yield archive, verified(archive, archive)
        return
    if not archive.is_file():
        raise BackupError(f"{archive}: no such archive")
    with tempfile.TemporaryDirectory(prefix="upheld-restore-") as unpacked:
        try:
            with tarfile.open(archive) as tar:
                tar.extractall(unpacked, filter="data")
        except (tarfile.TarError, OSError) as error:
            raise BackupError(f"{archive} is not a readable backup archive ({error}); nothing was restored") from None
        yield Path(unpacked), verified(archive, Path(unpacked))


def verified(archive: Path, folder: Path) -> dict:
    """The manifest, after checking that the folder holds exactly its files with their sizes and checksums."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
        files, engine = manifest["files"], manifest["engine"]
        if manifest["format"] != FORMAT or engine not in ENGINES or not isinstance(files, dict):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        raise BackupError(f"{archive} has no readable {MANIFEST} of an upheld backup; nothing was restored") from None
    problems = []
    present = set(_files_in(folder))
    for name, expected in files.items():
        if name not in present:
            problems.append(f"{name} is missing")
        elif _file_entry(folder / name) != expected:
            problems.append(f"{name} does not match its checksum")
    problems += [f"{name} is not in the manifest" for name in sorted(present - set(files))]
    if ENGINES[engine].file not in files:
        problems.append(f"the database ({ENGINES[engine].file}) is missing")
    if problems:
        raise BackupError(f"{archive} is damaged or was altered: {'; '.join(problems)}; nothing was restored")
    return manifest


def _check_migrations(archive: Path, manifest: dict) -> None:
    """Refuse an archive from a newer upheld: its database would have migrations this code does not know."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names
                     if (app, name) not in known)
    if unknown:
        raise BackupError(f"{archive} comes from a newer version of upheld (migrations {', '.join(unknown[:5])} "
                          "are unknown here): restore it with that version; nothing was restored")


def _check_empty(engine: Engine) -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(f"the database {engine.where()} is not empty ({len(tables)} tables): a restore goes only "
                          "into an empty database, so nothing is overwritten. Create a new database (PostgreSQL: "
                          "createdb; SQLite: a new file) and point DATABASE_URL at it; nothing was restored")
    for kept in KEPT_DIRS:
        folder = settings.VAR_DIR / kept
        if folder.is_dir() and any(folder.iterdir()):
            raise BackupError(f"{folder} already holds files: a restore writes only into an empty folder "
                              "(set UPHELD_VAR_DIR to a new one); nothing was restored")


# What the manifest says of a database ----------------------------------------------------------------------------

def count_rows(cursor, labels) -> dict[str, int]:
    """Rows of each model's table, through `cursor` (of whichever connection holds the state being described)."""
    counts = {}
    for label in labels:
        table = apps.get_model(label)._meta.db_table
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - the name comes from the model's _meta
        counts[label] = cursor.fetchone()[0]
    return counts


def describe(cursor) -> dict:
    """The migrations applied and the key tables' row counts, as the manifest records them."""
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    migrations: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        migrations.setdefault(app, []).append(name)
    return {"migrations": migrations, "counts": count_rows(cursor, KEY_MODELS)}


# The two database engines ----------------------------------------------------------------------------------------

class Engine:
    name: str
    file: str

    def dump(self, target: Path) -> dict:
        """Copy the database to `target`; return `describe` of exactly the state copied."""
        raise NotImplementedError

    def load(self, source: Path) -> None:
        raise NotImplementedError

    def where(self) -> str:
        return str(settings.DATABASES["default"]["NAME"])


class SQLite(Engine):
    name, file = "sqlite", "database.sqlite3"

    def dump(self, target: Path) -> dict:
        with contextlib.closing(sqlite3.connect(self.where())) as source, \
                contextlib.closing(sqlite3.connect(target)) as copy:
            try:
                source.backup(copy)  # one consistent state, even while the site writes (WAL)
            except sqlite3.OperationalError as error:
                # A write that failed, in SQLite's words (a full disk is SQLITE_FULL; a refusal for another
                # reason, an I/O error): as an OSError, for `files.writing` to tell in one line.
                if error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_FULL:
                    raise OSError(errno.ENOSPC, str(error)) from None
                if error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_IOERR:
                    raise OSError(errno.EIO, str(error)) from None
                raise
            return describe(copy.cursor())

    def load(self, source: Path) -> None:
        with contextlib.closing(sqlite3.connect(source)) as archived, \
                contextlib.closing(sqlite3.connect(self.where())) as database:
            archived.backup(database)


class PostgreSQL(Engine):
    name, file = "postgresql", "database.pgdump"

    def dump(self, target: Path) -> dict:
        """Count and dump in one snapshot: a repeatable-read transaction exports it and pg_dump uses it."""
        with contextlib.closing(connection.get_new_connection(connection.get_connection_params())) as snapshot:
            snapshot.autocommit = True
            cursor = snapshot.cursor()
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            exported = cursor.fetchone()[0]
            described = describe(cursor)
            self._run("pg_dump", "--format=custom", f"--snapshot={exported}", f"--file={target}")
            cursor.execute("COMMIT")
        return described

    def load(self, source: Path) -> None:
        # One transaction, stopping at the first error: a restore that fails leaves the database empty.
        self._run("pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", f"--dbname={self.where()}",
                  str(source))

    def _run(self, tool: str, *arguments: str) -> None:
        config = settings.DATABASES["default"]
        environment = {**os.environ, "PGDATABASE": config["NAME"], "PGHOST": config.get("HOST") or "",
                       "PGPORT": str(config.get("PORT") or ""), "PGUSER": config.get("USER") or "",
                       "PGPASSWORD": config.get("PASSWORD") or "",
                       "PGSSLMODE": config.get("OPTIONS", {}).get("sslmode") or ""}
        environment = {key: value for key, value in environment.items() if value or not key.startswith("PG")}
        done = subprocess.run([pg_tool(tool), *arguments], env=environment, capture_output=True, text=True,  # noqa: S603
                              check=False)
        if done.returncode != 0:  # its messages on one line (a full disk: "could not write to output file: …")
            said = "; ".join(line for line in done.stderr.splitlines() if line.strip())
            code = done.returncode
            ended = f"stopped by signal {-code} ({signal.strsignal(-code)})" if code < 0 else f"exit status {code}"
            raise BackupError(f"{tool} failed: {said or ended}")


ENGINES: dict[str, Engine] = {"sqlite": SQLite(), "postgresql": PostgreSQL()}


def database_engine() -> Engine:
    vendor = {"sqlite": "sqlite", "postgresql": "postgresql"}.get(connection.vendor)
    if vendor is None:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")
    return ENGINES[vendor]


def pg_tool(tool: str) -> str:
    """`tool` (pg_dump, pg_restore) of the server's major version, or else the oldest newer one: older ones
    refuse a newer server. Looked for where Debian installs each version, then on the PATH."""
    server = connection.pg_version // 10000
    candidates = [Path(bindir) / tool for bindir in glob.glob("/usr/lib/postgresql/*/bin")]
    if found := shutil.which(tool):
        candidates.append(Path(found))
    versions = {}
    for candidate in candidates:
        major = _major_version(candidate)
        if major is not None and major >= server:
            versions.setdefault(major, str(candidate))
    if not versions:
        raise BackupError(f"{tool} of PostgreSQL {server} (or newer) is not installed: install "
                          f"postgresql-client-{server}")
    return versions[min(versions)]


def _major_version(tool: Path) -> int | None:
    try:
        done = subprocess.run([str(tool), "--version"], capture_output=True, text=True, timeout=10, check=False)  # noqa: S603
    except OSError:
        return None
    match = re.search(r"\(PostgreSQL\)\s+(\d+)", done.stdout)
    return int(match[1]) if match else None


def summary(manifest: dict) -> str:
    counts = manifest["counts"]
    return (f"{manifest['engine']} database of {datetime.datetime.fromisoformat(manifest['created']):%d %B %Y %H:%M}"
            f" with {counts['casework.Case']:,} cases, {counts['casework.Decision']:,} decisions, "
            f"{counts['releases.FiguresVersion']:,} published versions and {len(manifest['files'])} "
            f"file{'s' if len(manifest['files']) != 1 else ''}")
