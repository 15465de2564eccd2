"""Benchmark groups. Each returns a dict of figures for the JSON object."""

import csv
import datetime
import os
import random
import sqlite3
import subprocess
import time
from pathlib import Path

from benchmarks.national import BENCH_DIR, UPHELD, national_database, scratch_copy, upheld_env

IMPORT_ROWS = 1_000_000
CATEGORY_LABELS = {
    "adult_care": "Adult Care Services", "benefits_tax": "Benefits and Tax",
    "corporate": "Corporate and Other Services", "education_children": "Education and Children's Services",
    "environment": "Environment Services", "highways": "Highways and Transport", "housing": "Housing",
    "planning": "Planning and Development", "other": "Other",
}


def _cases_file(councils: list[tuple[int, str]]) -> Path:
    """A 1,000,000-row cases CSV for 2023-24 about councils that existed all year (made once)."""
    path = BENCH_DIR / f"cases-{IMPORT_ROWS}.csv"
    if path.exists():
        return path
    rng = random.Random(2024)
    first = datetime.date(2023, 4, 1)
    labels = list(CATEGORY_LABELS.values())
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["reference", "authority", "received", "category"])
        for number in range(IMPORT_ROWS):
            _, gss = councils[rng.randrange(len(councils))]
            received = first + datetime.timedelta(days=rng.randrange(366))
            category = rng.choice(labels)
            if rng.random() < 0.3:
                category += " > Other matters"
            writer.writerow([f"B{number:09d}", gss, received.isoformat(), category])
    return path


def _councils_existing_all_year(database: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(database) as db:
        return db.execute(
            "SELECT id, gss FROM authorities_authority"
            " WHERE (start_date IS NULL OR start_date <= '2023-04-01')"
            " AND (end_date IS NULL OR end_date >= '2024-03-31') ORDER BY id"
        ).fetchall()


def _floor_rows(path: Path, councils: list[tuple[int, str]]) -> list[tuple]:
    """The file's rows already parsed into what the cases table stores."""
    ids = {gss: pk for pk, gss in councils}
    codes = {label: code for code, label in CATEGORY_LABELS.items()}
    rows = []
    with path.open(newline="", encoding="utf-8") as source:
        reader = csv.reader(source)
        next(reader)
        for reference, gss, received, category in reader:
            name, _, subcategory = category.partition(" > ")
            rows.append((reference, ids[gss], received, codes[name], subcategory, False))
    return rows


def _floor_rows_per_s(rows: list[tuple]) -> float:
    """A plain executemany of the parsed rows into the same table of the same database."""
    database = scratch_copy("import-floor")
    db = sqlite3.connect(database, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    started = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    db.executemany(
        "INSERT INTO casework_case (reference, authority_id, received, category, subcategory, synthetic)"
        " VALUES (?, ?, ?, ?, ?, ?)", rows)
    db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return len(rows) / elapsed


def _import_run(path: Path) -> tuple[float, float]:
    """`upheld import cases` in a child process: (rows per second, peak RSS in MB)."""
    database = scratch_copy("import")
    started = time.perf_counter()
    child = subprocess.Popen([UPHELD, "import", "cases", str(path), "--no-progress"],
                             env=upheld_env(database), stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"upheld import exited {child.returncode}")
    with sqlite3.connect(database) as db:
        imported = db.execute("SELECT count(*) FROM casework_case WHERE reference LIKE 'B%'").fetchone()[0]
    if imported != IMPORT_ROWS:
        raise RuntimeError(f"imported {imported} rows, expected {IMPORT_ROWS}")
    return IMPORT_ROWS / elapsed, usage.ru_maxrss / 1024


def import_group() -> dict[str, float]:
    councils = _councils_existing_all_year(national_database())
    path = _cases_file(councils)
    rows_per_s, peak_rss_mb = _import_run(path)
    floor = _floor_rows_per_s(_floor_rows(path, councils))
    return {
        "import_rows_per_s": round(rows_per_s),
        "import_floor_rows_per_s": round(floor),
        "import_ratio_to_floor": round(rows_per_s / floor, 3),
        "import_peak_rss_mb": round(peak_rss_mb, 1),
    }


GROUPS = {"import": import_group}
