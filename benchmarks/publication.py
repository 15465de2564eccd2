"""The `publication` group: a national year's whole publication, from raw casework to the exported site.

On a copy of the national database without its newest year (e.g. 2025-26), whose
ten earlier years are released and were exported last year (the export the
new one replaces), each stage runs as an operator runs it, timed on its own:

- import: the year's cases, decisions and compliance outcomes, three CSV files
  as the operator receives them (written once from the national database,
  about 20,000 cases), through `upheld import`;
- schedule: `upheld release --year 2025-26 --at <in an hour>` freezes the
  figures and issues the letters under embargo;
- letters: `upheld letters` writes every council's PDF and its spreadsheets;
- release: the embargo ends (the release time is brought to now in the
  database, as the clock would: the product has no step of its own here);
- export: `upheld publish` writes the whole site of the eleven years, with the
  open data, over last year's export.

After them, not part of the total: `publication_reexport_after_revision_seconds`,
`upheld publish` again over the export just made, once one council's figures
are revised as an operator revises them (one more case imported for it, then
`upheld revise`).

Beside them, in the same run: the floors `publication_floor_copy_seconds`
(`cp -r` of the finished export) and `publication_import_floor_seconds` (the
year's cases put into the same table by a plain executemany, as the `import`
group measures it), and last year's export from nothing
(`publication_prior_export_seconds`, not part of the total; made after the
letters, while the new year is still under embargo, so that the stages before
it are told early). Each stage's seconds are said on standard error as it ends.
"""

from __future__ import annotations

import csv
import datetime
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.national import BENCH_DIR, UPHELD, national_database, scratch_copy, upheld_env
from upheld.casework.vocabulary import Category, ComplianceResult, Outcome, Remedy
from upheld.years import ReportingYear


def _newest_year(database: Path) -> ReportingYear:
    """The national database's newest year (the demonstration's last): the year of its latest case. Read from the
    database, not the demonstration's calibration, so that a database built before a year was added still works."""
    with sqlite3.connect(database) as db:
        (latest,) = db.execute("SELECT max(received) FROM casework_case").fetchone()
    return ReportingYear.containing(datetime.date.fromisoformat(latest))


def _label(choices, code: str) -> str:
    return dict(choices.choices)[code] if code else ""


def _year_files(database: Path, year: ReportingYear) -> dict[str, Path]:
    """The year's cases, decisions and compliance CSV files, as `upheld import` takes them (made once)."""
    paths = {kind: BENCH_DIR / f"publication-{year.label}-{kind}.csv" for kind in ("cases", "decisions", "compliance")}
    if all(path.exists() for path in paths.values()):
        return paths
    queries = {
        "cases": ("SELECT c.reference, a.gss, c.received, c.category, c.subcategory FROM casework_case c"
                  " JOIN authorities_authority a ON a.id = c.authority_id WHERE c.received >= ? ORDER BY c.id",
                  ["reference", "authority", "received", "category"],
                  lambda r: [r[0], r[1], r[2], _label(Category, r[3]) + (f" > {r[4]}" if r[4] else "")]),
        "decisions": ("SELECT c.reference, a.gss, d.decided, d.outcome, d.remedy FROM casework_decision d"
                      " JOIN casework_case c ON c.id = d.case_id JOIN authorities_authority a ON a.id = c.authority_id"
                      " WHERE d.decided >= ? ORDER BY d.id",
                      ["reference", "authority", "decided", "outcome", "remedy"],
                      lambda r: [r[0], r[1], r[2], _label(Outcome, r[3]), _label(Remedy, r[4])]),
        "compliance": ("SELECT c.reference, a.gss, o.recorded, o.outcome FROM casework_complianceoutcome o"
                       " JOIN casework_case c ON c.id = o.case_id JOIN authorities_authority a ON a.id = c.authority_id"
                       " WHERE o.recorded >= ? ORDER BY o.id",
                       ["reference", "authority", "recorded", "outcome"],
                       lambda r: [r[0], r[1], r[2], _label(ComplianceResult, r[3])]),
    }
    with sqlite3.connect(database) as db:
        for kind, (sql, header, row) in queries.items():
            building = paths[kind].with_suffix(".building")
            with building.open("w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(header)
                writer.writerows(row(found) for found in db.execute(sql, [year.first_day.isoformat()]))
            building.rename(paths[kind])
    return paths


def _without_the_year(database: Path, year: ReportingYear) -> None:
    """Remove from the copy what the year's files bring (and the recommendations made on those cases)."""
    first_day = year.first_day.isoformat()
    with sqlite3.connect(database) as db:
        db.execute("DELETE FROM casework_complianceoutcome WHERE recorded >= ?"
                   " OR case_id IN (SELECT id FROM casework_case WHERE received >= ?)", [first_day, first_day])
        db.execute("DELETE FROM casework_recommendation WHERE case_id IN (SELECT case_id FROM casework_decision"
                   " WHERE decided >= ?) OR case_id IN (SELECT id FROM casework_case WHERE received >= ?)",
                   [first_day, first_day])
        db.execute("DELETE FROM casework_decision WHERE decided >= ?"
                   " OR case_id IN (SELECT id FROM casework_case WHERE received >= ?)", [first_day, first_day])
        db.execute("DELETE FROM casework_case WHERE received >= ?", [first_day])


def _timed(run: Callable[[], object], name: str = "") -> float:
    """Seconds `run` takes (said on standard error as it ends when `name` is given: a run takes minutes)."""
    started = time.perf_counter()
    run()
    elapsed = time.perf_counter() - started
    if name:
        print(f"publication: {name} {elapsed:.1f} s", file=sys.stderr, flush=True)
    return elapsed


def _tree(folder: Path) -> tuple[int, int]:
    """(files, bytes) under `folder`."""
    sizes = [path.stat().st_size for path in folder.rglob("*") if path.is_file()]
    return len(sizes), sum(sizes)


def publication_group() -> dict[str, float]:
    from benchmarks.groups import _floor_rows, _floor_rows_per_s
    from benchmarks.serving import _release_every_year

    national = national_database()
    year = _newest_year(national)
    START, YEAR, PRIOR = year.start_year, year.label, ReportingYear(year.start_year - 1).label
    year_files = _year_files(national, year)
    database = scratch_copy("publication")
    _without_the_year(database, year)
    cache = BENCH_DIR / "publication-cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**upheld_env(database), "UPHELD_CACHE_DIR": str(cache)}

    def upheld(*args: str) -> None:
        subprocess.run([UPHELD, *args], env=env, check=True, stdout=subprocess.DEVNULL)

    # Last year's state: ten years released (not timed) and exported (timed for reference, not in the total).
    released = _release_every_year(env, database)
    if released[-1] != PRIOR:
        raise RuntimeError(f"expected the years up to {PRIOR} released, found {released}")
    site, letters = BENCH_DIR / "publication-site", BENCH_DIR / "publication-letters"
    for folder in (site, letters, BENCH_DIR / "publication-site-copy"):
        shutil.rmtree(folder, ignore_errors=True)

    embargo = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M+00:00")

    def release_now() -> None:
        with sqlite3.connect(database) as db:
            db.execute("UPDATE releases_release SET scheduled_for = ? WHERE year = ?",
                       [datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S.%f"), START])

    seconds = {
        "import": _timed(lambda: [upheld("import", kind, str(path), "--no-progress")
                                  for kind, path in year_files.items()], "import"),
        "schedule": _timed(lambda: upheld("release", "--year", YEAR, "--at", embargo), "schedule"),
        "letters": _timed(lambda: upheld("letters", "--year", YEAR, "--format", "pdf", "--out", str(letters),
                                         "--no-progress"), "letters"),
    }
    # Made here, while the new year is under embargo (so it is not in it), only so that the stages above are
    # told early in a run of many minutes.
    prior_export = _timed(lambda: upheld("publish", "--year", PRIOR, "--out", str(site), "--no-progress"),
                          "last year's export")
    seconds["release"] = _timed(release_now, "release")
    seconds["export"] = _timed(lambda: upheld("publish", "--year", YEAR, "--out", str(site), "--no-progress"),
                               "export")
    files, size = _tree(site)
    revision = BENCH_DIR / f"publication-{YEAR}-revision.csv"
    with year_files["cases"].open(encoding="utf-8") as source, revision.open("w", newline="", encoding="utf-8") as out:
        rows = csv.reader(source)
        header, first = next(rows), next(rows)
        csv.writer(out).writerows([header, ["24 599 999", *first[1:]]])
    upheld("import", "cases", str(revision), "--no-progress")
    upheld("revise", "--year", YEAR, "--cause", "A complaint about one council was left out.")
    reexport = _timed(lambda: upheld("publish", "--year", YEAR, "--out", str(site), "--no-progress"),
                      "re-export after a revision")
    copy = _timed(lambda: subprocess.run(["cp", "-r", str(site), str(BENCH_DIR / "publication-site-copy")],
                                         check=True))
    with year_files["cases"].open(encoding="utf-8") as source:
        cases = sum(1 for _ in source) - 1
    floor_database = scratch_copy("publication-floor")
    _without_the_year(floor_database, year)
    with sqlite3.connect(floor_database) as db:
        councils = db.execute("SELECT id, gss FROM authorities_authority").fetchall()
    floor_rows_per_s = _floor_rows_per_s(_floor_rows(year_files["cases"], councils), floor_database)
    return {
        "publication_seconds": round(sum(seconds.values()), 1),
        **{f"publication_{name}_seconds": round(value, 2) for name, value in seconds.items()},
        "publication_cases": cases,
        "publication_import_floor_seconds": round(cases / floor_rows_per_s, 3),
        "publication_export_files": files,
        "publication_export_mb": round(size / 1_000_000, 1),
        "publication_floor_copy_seconds": round(copy, 2),
        "publication_prior_export_seconds": round(prior_export, 1),
        "publication_reexport_after_revision_seconds": round(reexport, 2),
    }
