"""The national-scale database the benchmarks share, built once and reused.

Every council × 11 years × about 18,000 cases a year: the demonstration data at
scale 1. Stored under `var/bench/`; delete it to rebuild.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path("var/bench").resolve()
NATIONAL_DB = BENCH_DIR / "national.sqlite3"
UPHELD = str(Path(sys.executable).with_name("upheld"))
WITH_POSTGRES = Path(__file__).resolve().parents[1] / "scripts" / "with-postgres"  # a throwaway PostgreSQL server


def upheld_env(database: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "UPHELD_VAR_DIR": str(BENCH_DIR)}


def national_database() -> Path:
    if not NATIONAL_DB.exists():
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        building = NATIONAL_DB.with_suffix(".building")
        building.unlink(missing_ok=True)
        env = upheld_env(building)
        subprocess.run([UPHELD, "setup"], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([UPHELD, "demodata", "--no-progress"], env=env, check=True, stdout=subprocess.DEVNULL)
        # Fold the write-ahead log in so a plain file copy is a whole database.
        subprocess.run([sys.executable, "-c", (
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_checkpoint(TRUNCATE)');"
            " c.execute('PRAGMA journal_mode=DELETE'); c.close()"
        ), str(building)], check=True)
        building.rename(NATIONAL_DB)
    return NATIONAL_DB


def scratch_copy(name: str) -> Path:
    """A private copy of the national database that a benchmark may write to."""
    target = BENCH_DIR / f"{name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(national_database(), target)
    return target
