"""The import group's PostgreSQL half: `upheld import cases` into PostgreSQL beside a raw `COPY`.

Run by `import_group` under `scripts/with-postgres` (a throwaway server on a
free loopback port, gone when this ends), which sets DATABASE_URL:

    scripts/with-postgres python -m benchmarks.postgres_import CASES.csv

It sets the database up (`upheld setup`: the councils register, no cases),
times `upheld import cases` of the file in a child process, then empties the
cases table again and times the floor: the same rows, already parsed into
what the table stores, sent with one `COPY` through psycopg, in this process.
Both go into the same empty table with the same indexes. Prints one JSON
object.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from benchmarks.national import BENCH_DIR, UPHELD

COLUMNS = "reference, authority_id, received, category, subcategory, synthetic"


def _cases(db: psycopg.Connection) -> int:
    return db.execute("SELECT count(*) FROM casework_case").fetchone()[0]


def _import_rows_per_s(path: Path, env: dict[str, str], rows: int) -> float:
    started = time.perf_counter()
    subprocess.run([UPHELD, "import", "cases", str(path), "--no-progress"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    with psycopg.connect(env["DATABASE_URL"]) as db:
        if (imported := _cases(db)) != rows:
            raise RuntimeError(f"imported {imported} rows, expected {rows}")
    return rows / elapsed


def _floor_rows_per_s(parsed: list[tuple], url: str) -> float:
    with psycopg.connect(url) as db:
        db.execute("TRUNCATE casework_case CASCADE")
        db.commit()
        started = time.perf_counter()
        with db.cursor() as cursor, cursor.copy(f"COPY casework_case ({COLUMNS}) FROM STDIN") as copy:
            for row in parsed:
                copy.write_row(row)
        db.commit()
        elapsed = time.perf_counter() - started
        if _cases(db) != len(parsed):
            raise RuntimeError("the floor's COPY did not write every row")
    return len(parsed) / elapsed


def main(path: Path) -> dict[str, float]:
    from benchmarks.groups import _floor_rows

    url = os.environ["DATABASE_URL"]
    env = {**os.environ, "UPHELD_VAR_DIR": str(BENCH_DIR)}
    subprocess.run([UPHELD, "setup"], env=env, check=True, stdout=subprocess.DEVNULL)
    with psycopg.connect(url) as db:
        councils = db.execute("SELECT id, gss FROM authorities_authority").fetchall()
    parsed = _floor_rows(path, councils)
    rows_per_s = _import_rows_per_s(path, env, len(parsed))
    floor = _floor_rows_per_s(parsed, url)
    return {
        "import_pg_rows_per_s": round(rows_per_s),
        "import_pg_floor_rows_per_s": round(floor),
        "import_pg_ratio_to_floor": round(rows_per_s / floor, 3),
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
