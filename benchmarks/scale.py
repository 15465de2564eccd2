"""The `scale` group: how cost grows with the work, on PostgreSQL, at national size and ten times it.

Ten times the national casework is some 200,000 cases a year, a scheme the
size of the Financial Ombudsman Service. Both databases are made the same way,
in one throwaway PostgreSQL server (`scripts/with-postgres`, gone when the
group ends), by the product's own commands: `upheld setup` (the councils
register), `upheld demodata --scale 1` or `--scale 10` for the years `YEARS`
(the generator's national volumes, ×10: the same councils, ten times the
cases, decisions, recommendations and compliance outcomes of each),
`upheld demostatements` (a decision statement for the decisions that get one,
so ten times the statements too) and `upheld release` of every year. Each
database is kept as a dump under `var/bench/` and restored from it in later
runs (delete the dump to build it again).

Then, on each, in a child process with Django set up on it through a
connection that refuses writes (`READ_ONLY`, as a PostgreSQL read replica
does: what it measures could be served from one):

- `stats_ms`: `year_statistics` of `YEAR` for every council (what
  `upheld stats --year` computes), the fastest of three after one to warm;
- `council_page_uncached_ms`: the largest council's page for `YEAR`, through
  the whole site (middleware and all), with the page cache emptied before
  each request: the median of `PAGE_RUNS`;
- `search_p95_ms` (and p50): the search group's query mix (`benchmarks.search`),
  its words picked by their document frequency in the national database and
  the same queries asked of both;
- `export_seconds_per_1000_pages`: `upheld publish --year EXPORT_YEAR` (the
  first year's site, on every core, into a new folder with an empty cache, so
  every letter is typeset) in seconds per 1,000 files written (pages,
  downloads, letters). Not read-only: it runs as the command does.

Each figure is printed for both (`national_*`, `scale_*`) with the growth
(`scale_*_growth`: ten-times over national), so that what grows with the
casework shows beside what does not.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from benchmarks.national import BENCH_DIR, UPHELD, WITH_POSTGRES

YEARS = "2022-23:2024-25"  # the year measured and the two before it, for the council pages' history
YEAR = "2024-25"
EXPORT_YEAR = "2022-23"  # the export of the first year alone: its pages are the same number at both sizes
# The measuring child's connection refuses writes, as a read replica (a hot standby) does.
READ_ONLY = "options=-c%20default_transaction_read_only%3Don"
SCALES = {"national": 1, "scale": 10}
PAGE_RUNS = 9


def scale_group() -> dict[str, float | str]:
    done = subprocess.run([str(WITH_POSTGRES), sys.executable, "-m", "benchmarks.scale"], check=True,
                          stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.splitlines()[-1])


def growth(figures: dict[str, float | str]) -> dict[str, float]:
    """`scale_X_growth` = `scale_X` / `national_X` for every figure measured at both sizes."""
    found = {}
    for name, value in figures.items():
        if not name.startswith("scale_"):
            continue
        national = figures.get(f"national_{name.removeprefix('scale_')}")
        if isinstance(value, int | float) and isinstance(national, int | float) and national:
            found[f"{name}_growth"] = round(value / national, 2)
    return found


# Under scripts/with-postgres ---------------------------------------------------------------------------------


def _database_url(server_url: str, name: str) -> str:
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


def _say(text: str) -> None:
    print(f"scale: {text}", file=sys.stderr, flush=True)


def _database(server_url: str, name: str, scale: int) -> str:
    """A database `name` holding `YEARS` at `scale` times the national volumes, released: restored from its
    dump under var/bench/, or built and dumped."""
    import psycopg

    url = _database_url(server_url, name)
    with psycopg.connect(server_url, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    dump = BENCH_DIR / f"scale-{scale}x-{YEARS.replace(':', '-')}.pgdump"
    env = {**os.environ, "DATABASE_URL": url, "UPHELD_VAR_DIR": str(BENCH_DIR)}
    started = time.perf_counter()
    if dump.exists():
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", "--jobs", "2", "-d", url, str(dump)],
                       check=True)
        for command in ("migrate", "collectstatic"):  # a dump made before a newer migration is brought up to date
            subprocess.run([UPHELD, command, "--no-input"], env=env, check=True, stdout=subprocess.DEVNULL)
        _say(f"{name} restored from {dump.name} in {time.perf_counter() - started:.0f} s")
        return url

    def upheld(*args: str) -> None:
        subprocess.run([UPHELD, *args], env=env, check=True, stdout=subprocess.DEVNULL)

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    upheld("setup")
    upheld("demodata", "--scale", str(scale), "--years", YEARS, "--no-progress")
    upheld("demostatements", "--no-progress")
    first, last = (int(label[:4]) for label in YEARS.split(":"))
    for start in range(first, last + 1):
        upheld("release", "--year", f"{start}-{(start + 1) % 100:02d}")
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("VACUUM ANALYZE")
    building = dump.with_suffix(".building")
    subprocess.run(["pg_dump", "--format=custom", "--compress=1", "-f", str(building), url], check=True)
    building.rename(dump)
    _say(f"{name} built and dumped in {time.perf_counter() - started:.0f} s")
    return url


def _export(url: str) -> dict[str, float]:
    """`upheld publish --year EXPORT_YEAR` into a new folder with an empty cache: seconds, files."""
    with tempfile.TemporaryDirectory(dir=BENCH_DIR) as folder:
        env = {**os.environ, "DATABASE_URL": url, "UPHELD_VAR_DIR": str(BENCH_DIR),
               "UPHELD_CACHE_DIR": str(Path(folder) / "cache")}
        out = Path(folder) / "site"
        started = time.perf_counter()
        subprocess.run([UPHELD, "publish", "--year", EXPORT_YEAR, "--out", str(out), "--no-progress"], env=env,
                       check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
        written = sum(1 for path in out.rglob("*") if path.is_file() and not path.name.startswith("."))
    return {"export_seconds": round(seconds, 1), "export_pages": written,
            "export_seconds_per_1000_pages": round(seconds * 1000 / written, 2)}


def _in_child(url: str, queries: Path) -> dict[str, float | str]:
    env = {**os.environ, "DATABASE_URL": f"{url}?{READ_ONLY}", "UPHELD_VAR_DIR": str(BENCH_DIR)}
    done = subprocess.run([sys.executable, "-m", "benchmarks.scale", "--measure", str(queries)], env=env, check=True,
                          stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.splitlines()[-1])


def main() -> dict[str, float | str]:
    server_url = os.environ["DATABASE_URL"]
    figures: dict[str, float | str] = {}
    with tempfile.TemporaryDirectory() as folder:
        queries = Path(folder) / "queries.json"  # made on the national database, asked of both
        for prefix, scale in SCALES.items():
            url = _database(server_url, f"upheld_{scale}x", scale)
            measured = {**_in_child(url, queries), **_export(url)}
            _say(f"{prefix}: {measured}")
            figures.update({f"{prefix}_{name}": value for name, value in measured.items()})
    return {**figures, **growth(figures)}


# In the measuring child, Django set up on one database ---------------------------------------------------------


def _median_ms(run, times: int) -> float:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _council_page_ms(year) -> tuple[float, str]:
    """The median time of the largest council's page for `year`, the page cache emptied before each request."""
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import override_settings

    from upheld.authorities.models import Authority
    from upheld.publication import page_cache

    largest = (Authority.objects.filter(cases__received__range=(year.first_day, year.last_day))
               .annotate(n=Count("cases")).order_by("-n").first())
    path = f"/councils/{largest.slug}/{year.label}/"
    client = Client()

    def uncached() -> None:
        page_cache.clear()
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")

    with override_settings(ALLOWED_HOSTS=["testserver"], CACHES={"default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "upheld-scale"}}):
        uncached()  # the year's figures thawed once per process, as in any worker that served a page before
        return _median_ms(uncached, PAGE_RUNS), largest.slug


def _postgres_frequencies() -> list[tuple[str, int]]:
    """(word, statements it is in) from the statements' search vectors, as `benchmarks.search` takes them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM decisions_statement')"
                       " WHERE length(word) > 4 AND word !~ '[0-9]'")
        return cursor.fetchall()


def _search_ms(queries: Path) -> dict[str, float]:
    from benchmarks.search import REPEAT, _percentiles, mix
    from upheld.decisions.models import Statement
    from upheld.decisions.search import SearchParams, search
    from upheld.years import ReportingYear

    if not queries.exists():
        year = ReportingYear.parse(YEAR)
        queries.write_text(json.dumps(mix(_postgres_frequencies(),
                                          (year.first_day.isoformat(), year.last_day.isoformat()))))
    samples = []
    for query in json.loads(queries.read_text()):
        params, errors = SearchParams.from_query(query)
        if errors:
            raise RuntimeError(f"{query}: {errors}")
        search(params)  # warm
        for _ in range(REPEAT):
            started = time.perf_counter()
            search(params)
            samples.append((time.perf_counter() - started) * 1000)
    p50, p95 = _percentiles(samples)
    return {"search_statements": Statement.objects.count(), "search_p50_ms": round(p50, 1),
            "search_p95_ms": round(p95, 1)}


def _measure(queries: Path) -> dict[str, float | str]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upheld.settings")
    django.setup()
    from django.conf import settings

    from benchmarks.groups import _best_ms
    from upheld.casework.models import Case
    from upheld.stats.annual import year_statistics
    from upheld.years import ReportingYear

    settings.DEBUG = False
    year = ReportingYear.parse(YEAR)
    page_ms, council = _council_page_ms(year)
    return {
        "cases_in_year": Case.objects.filter(received__range=(year.first_day, year.last_day)).count(),
        "stats_ms": round(_best_ms(lambda: year_statistics(year), times=3), 1),
        "council_page_uncached_ms": round(page_ms, 1),
        **_search_ms(queries),
        "council_page": council,
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(_measure(Path(sys.argv[2]))))
    else:
        print(json.dumps(main()))
