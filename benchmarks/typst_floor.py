"""`python -m benchmarks.typst_floor YEAR`: Typst alone typesetting a year's letters, one JSON line.

The floor under `upheld letters --format pdf`: the Typst source of every council's letter (built first,
untimed, from the database in `DATABASE_URL`) compiled by the `typst` package as the product calls it
(`upheld.letters.pdf.compile_pdf`), in milliseconds a letter. Every letter's own source, not one source
again and again: Typst memoises its work, so the same source a second time costs a fraction of a new one.

- `letters_typst_floor_ms`: across as many processes as the batch uses (one a core), each with its compiler
  warmed before the clock starts: no database, spreadsheets, file writes or worker start-up.
- `letters_typst_one_core_ms`: the same sources one after another in this process.
"""

import datetime
import json
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import django


def _warm(barrier) -> None:
    """A worker's compiler made and its fonts loaded, then wait for the clock to start."""
    django.setup()
    from upheld.letters import pdf

    pdf.compile_pdf(f"{pdf.preamble()}{pdf.document_set('Warm-up', 'Benchmark')}\nWarm-up\n", datetime.date(2025, 1, 1))
    barrier.wait()


def _compile(source_and_day) -> int:
    from upheld.letters import pdf

    return len(pdf.compile_pdf(*source_and_day))


def main(label: str) -> dict[str, float]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upheld.settings")
    django.setup()
    from upheld.letters import batch, pdf
    from upheld.years import ReportingYear

    sources = [(pdf.document(letter), letter.date) for letter, _ in batch.letters_for(ReportingYear.parse(label))]
    workers = min(len(os.sched_getaffinity(0)), len(sources))  # as `upheld.letters.batch` runs
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(workers + 1)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_warm, initargs=(barrier,)) as pool:
        results = pool.map(_compile, sources, chunksize=max(1, len(sources) // (workers * 8)))
        barrier.wait(timeout=600)  # broken, not stuck, when a worker fails to start
        started = time.perf_counter()
        list(results)
        pooled = time.perf_counter() - started

    _compile(sources[0])
    started = time.perf_counter()
    for source in sources:
        _compile(source)
    one_core = time.perf_counter() - started
    return {"letters_typst_floor_ms": round(pooled * 1000 / len(sources), 1),
            "letters_typst_one_core_ms": round(one_core * 1000 / len(sources), 1)}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
