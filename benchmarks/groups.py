"""Benchmark groups. Each returns a dict of figures for the JSON object."""

import csv
import datetime
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.national import BENCH_DIR, UPHELD, WITH_POSTGRES, national_database, scratch_copy, upheld_env
from benchmarks.publication import publication_group
from benchmarks.scale import scale_group
from benchmarks.search import search_group
from benchmarks.serving import http_group

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


def _floor_rows_per_s(rows: list[tuple], database: Path | None = None) -> float:
    """A plain executemany of the parsed rows into the same table of the same database (or of `database`)."""
    database = database or scratch_copy("import-floor")
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


def _postgres_import(path: Path) -> dict[str, float]:
    """The same file into PostgreSQL beside a raw COPY, on a throwaway server (`benchmarks.postgres_import`)."""
    done = subprocess.run([str(WITH_POSTGRES), sys.executable, "-m", "benchmarks.postgres_import", str(path)],
                          check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.splitlines()[-1])


def import_group() -> dict[str, float]:
    """`upheld import cases` of a million rows: into a copy of the national SQLite database beside a raw
    executemany, then into PostgreSQL beside a raw COPY."""
    councils = _councils_existing_all_year(national_database())
    path = _cases_file(councils)
    rows_per_s, peak_rss_mb = _import_run(path)
    floor = _floor_rows_per_s(_floor_rows(path, councils))
    return {
        "import_rows_per_s": round(rows_per_s),
        "import_floor_rows_per_s": round(floor),
        "import_ratio_to_floor": round(rows_per_s / floor, 3),
        "import_peak_rss_mb": round(peak_rss_mb, 1),
        **_postgres_import(path),
    }


STATS_YEAR = "2023-24"
# The three GROUP BYs behind a year's statistics, as one raw statement with the same date filters.
STATS_FLOOR_SQL = """
SELECT authority_id, category, '', count(*) FROM casework_case
 WHERE received BETWEEN :first AND :last GROUP BY authority_id, category
UNION ALL
SELECT c.authority_id, d.outcome, d.remedy, count(*) FROM casework_decision d JOIN casework_case c ON c.id = d.case_id
 WHERE d.decided BETWEEN :first AND :last GROUP BY c.authority_id, d.outcome, d.remedy
UNION ALL
SELECT c.authority_id, o.outcome, '', count(*)
  FROM casework_complianceoutcome o JOIN casework_case c ON c.id = o.case_id
 WHERE o.recorded BETWEEN :first AND :last GROUP BY c.authority_id, o.outcome
"""


def _best_ms(run: Callable[[], object], times: int = 5) -> float:
    """The fastest of `times` runs after one to warm the caches, in milliseconds."""
    run()
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def stats_group() -> dict[str, float]:
    """`year_statistics` for every council of one year beside the raw GROUP BY it stands on, in this process."""
    database = scratch_copy("stats")
    os.environ.update(upheld_env(database))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upheld.settings")
    import django  # imported here: Django reads its settings (the database above) when set up

    django.setup()
    from upheld.stats.annual import year_statistics
    from upheld.years import ReportingYear

    year = ReportingYear.parse(STATS_YEAR)
    stats_ms = _best_ms(lambda: year_statistics(year))
    dates = {"first": year.first_day.isoformat(), "last": year.last_day.isoformat()}
    with sqlite3.connect(database) as db:
        floor_ms = _best_ms(lambda: db.execute(STATS_FLOOR_SQL, dates).fetchall())
    return {
        "stats_ms": round(stats_ms, 1),
        "stats_sql_floor_ms": round(floor_ms, 1),
        "stats_ratio_to_floor": round(stats_ms / floor_ms, 2),
    }


def letters_group() -> dict[str, float]:
    """`upheld letters` for every council of a year as PDF, wall time per letter (spreadsheets included), beside
    Typst alone typesetting the same letters (`benchmarks.typst_floor`)."""
    database = scratch_copy("letters")
    env = upheld_env(database)
    subprocess.run([UPHELD, "migrate", "--no-input"], env=env, check=True, stdout=subprocess.DEVNULL)
    out = BENCH_DIR / "letters"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([UPHELD, "letters", "--year", STATS_YEAR, "--format", "pdf", "--out", str(out), "--no-progress"],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    letters = len(list(out.glob("*.pdf")))
    floor = subprocess.run([sys.executable, "-m", "benchmarks.typst_floor", STATS_YEAR], env=env, check=True,
                           stdout=subprocess.PIPE, text=True)
    figures = json.loads(floor.stdout.splitlines()[-1])
    per_letter = elapsed * 1000 / letters
    return {"letters_pdf_ms_per_letter": round(per_letter, 1), "letters_pdf_count": letters, **figures,
            "letters_ratio_to_typst_floor": round(per_letter / figures["letters_typst_floor_ms"], 2)}


GROUPS = {"import": import_group, "stats": stats_group, "letters": letters_group, "search": search_group,
          "http": http_group, "publication": publication_group, "scale": scale_group}
