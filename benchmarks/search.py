"""The decision search over 100,000 statements, beside the raw full-text query.

`search_group()` builds (once) a copy of the national database with a
statement for every demonstration decision that could have one (about 98,000)
topped up to 100,000, then runs the measurement in a child process, so that
Django is set up on that database whatever other groups did in this one.

The query mix: very common words ("council" is in every statement), common,
middling and rare ones (picked by their document frequency in the index),
several words and a phrase; each with no filter, a council, a category, an
outcome, a year, a service improvement; in both orders. Each query runs
`REPEAT` times after a warm-up; p50 and p95 are over every run.

Beside it, in the same run and process:

- `search_floor_*`: the raw full-text query a developer would write for the
  same search (FTS5 MATCH joined to the statements, the same filters, ORDER
  BY bm25 or date, LIMIT 10), through the sqlite3 module: the database's own
  cost of answering, with no page, count, passages or Python around it.
- `search_plan_floor_*`: the SQL statements `search()` itself issued for the
  same search, replayed raw: what the plan costs the database, so that the
  ratio to it is what the rest of `search()` adds.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.national import BENCH_DIR, UPHELD, national_database, upheld_env

STATEMENTS = 100_000
REPEAT = 5
SEARCH_DB = BENCH_DIR / f"search-{STATEMENTS}.sqlite3"


def search_group() -> dict[str, float]:
    database = _search_database()
    child = subprocess.run([sys.executable, "-m", "benchmarks.search", str(database)], env=upheld_env(database),
                           check=True, capture_output=True, text=True)
    return json.loads(child.stdout)


def _search_database() -> Path:
    if SEARCH_DB.exists():
        return SEARCH_DB
    building = SEARCH_DB.with_suffix(".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(national_database(), building)
    env = upheld_env(building)
    subprocess.run([UPHELD, "migrate", "--no-input"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "benchmarks.search", str(building), "--build"], env=env, check=True)
    with sqlite3.connect(building) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    building.rename(SEARCH_DB)
    return SEARCH_DB


# In the child process ------------------------------------------------------------------------


def _setup(database: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upheld.settings")
    import django

    django.setup()


def _build() -> None:
    """A statement for every published-outcome decision, then variants of some up to STATEMENTS."""
    from django.db import connection, transaction

    from upheld.decisions import demo, search_index

    rows = list(demo.synthetic_decisions())
    demo.CLOSED_STATEMENT_SHARE = 1.0

    def statements():
        made = 0
        for row in rows:
            statement = demo.compose(row, seed=1974)
            made += 1
            yield statement
        for number, row in enumerate(rows[: max(0, STATEMENTS - made)]):
            yield demo.compose(row._replace(reference=f"{row.reference}/{number % 10}"), seed=2024)

    with transaction.atomic(), search_index.bulk_writes(connection):
        demo.delete_synthetic_statements()
        written = demo.insert_statements(statements())
    print(f"{written:,} statements", file=sys.stderr)


def _sqlite_frequencies() -> list[tuple[str, int]]:
    """(term, statements it is in) for the index's words of five letters or more without digits."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab "
                       "USING fts5vocab(main, decisions_statement_fts, 'row')")
        cursor.execute("SELECT term, doc FROM temp.bench_vocab WHERE length(term) > 4 AND term NOT GLOB '*[0-9]*'")
        return cursor.fetchall()


def mix(frequencies: list[tuple[str, int]], dates: tuple[str, str] = ("2019-04-01", "2020-03-31")
        ) -> list[dict[str, str]]:
    """The query mix (see the module's docstring), its words picked by `frequencies` (term, statements it is
    in), its date filter `dates`."""
    from django.db.models import Count

    from upheld.authorities.models import Authority
    from upheld.decisions.models import Statement

    total = Statement.objects.count()
    rng = random.Random(5)

    def pick(low: float, high: float, count: int) -> list[str]:
        words = sorted(term for term, docs in frequencies if low * total <= docs <= high * total)
        return rng.sample(words, min(count, len(words)))

    texts = ["council", "fault", *pick(0.3, 0.7, 2), *pick(0.02, 0.1, 3), *pick(0.0005, 0.005, 3),
             "care home", '"bed and breakfast"', "council tax reduction", "missed bin collections"]
    biggest = Statement.objects.values("authority").order_by().annotate(n=Count("id"))
    big = Authority.objects.get(pk=max(biggest, key=lambda row: row["n"])["authority"]).slug
    small = Authority.objects.get(pk=min(biggest, key=lambda row: row["n"])["authority"]).slug
    filters = [{}, {"council": big}, {"council": small}, {"category": "housing"}, {"outcome": "upheld"},
               {"from": dates[0], "to": dates[1]}, {"improvement": "1"}]
    queries = []
    for number, text in enumerate(texts):
        for order in ("relevance", "date"):
            queries.append({"q": text, "order": order})
            queries.append({"q": text, "order": order, **filters[1 + number % (len(filters) - 1)]})
    return queries


def _floor_sql(query: dict[str, str]) -> tuple[str, list]:
    """The straightforward FTS5 query for the same search: rank (or sort) every match, take ten."""
    from upheld.decisions.search import SearchParams, fts5_expression
    from upheld.releases.visibility import latest_publishable_decision

    params, _ = SearchParams.from_query(query)
    where = ["s.publishable", "s.decided <= ?"]
    values: list = [fts5_expression(params.terms), latest_publishable_decision().isoformat()]
    if params.council:
        where.append("s.authority_id = ?")
        values.append(params.council.id)
    for name, column in (("category", "category"), ("outcome", "outcome")):
        if query.get(name):
            where.append(f"s.{column} = ?")
            values.append(query[name])
    if params.improvement:
        where.append("s.has_service_improvement")
    if params.date_from:
        where += ["s.decided >= ?", "s.decided <= ?"]
        values += [params.date_from.isoformat(), params.date_to.isoformat()]
    order = "bm25(decisions_statement_fts, 2.5, 1.0)" if params.effective_order == "relevance" \
        else "s.decided DESC, s.id DESC"
    sql = ("SELECT s.id FROM decisions_statement_fts f JOIN decisions_statement s ON s.id = f.rowid "  # noqa: S608
           f"WHERE decisions_statement_fts MATCH ? AND {' AND '.join(where)} ORDER BY {order} LIMIT 10")
    return sql, values


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _measure(database: str) -> dict[str, float]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from upheld.decisions.models import Statement
    from upheld.decisions.search import SearchParams, search

    queries = mix(_sqlite_frequencies())
    raw = sqlite3.connect(database)
    ours, floor, plan = [], [], []
    for query in queries:
        params, errors = SearchParams.from_query(query)
        assert not errors, errors
        search(params)  # warm
        with CaptureQueriesContext(connection) as captured:
            search(params)
        statements = [item["sql"] for item in captured.captured_queries]
        floor_sql, floor_values = _floor_sql(query)
        raw.execute(floor_sql, floor_values).fetchall()
        for _ in range(REPEAT):
            started = time.perf_counter()
            search(params)
            ours.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            raw.execute(floor_sql, floor_values).fetchall()
            floor.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            for sql in statements:  # Django logs the SQL with its values in place
                raw.execute(sql).fetchall()
            plan.append((time.perf_counter() - started) * 1000)
        reset_queries()
    (p50, p95), (floor50, floor95), (plan50, plan95) = map(_percentiles, (ours, floor, plan))
    return {
        "search_statements": Statement.objects.count(),
        "search_queries": len(queries),
        "search_p50_ms": round(p50, 2),
        "search_p95_ms": round(p95, 2),
        "search_floor_p50_ms": round(floor50, 2),
        "search_floor_p95_ms": round(floor95, 2),
        "search_ratio_to_floor_p95": round(p95 / floor95, 2),
        "search_plan_floor_p95_ms": round(plan95, 2),
        "search_ratio_to_plan_floor_p95": round(p95 / plan95, 2),
    }


if __name__ == "__main__":
    _setup(sys.argv[1])
    if "--build" in sys.argv:
        _build()
    else:
        from django.conf import settings

        settings.DEBUG = False
        print(json.dumps(_measure(sys.argv[1])))
