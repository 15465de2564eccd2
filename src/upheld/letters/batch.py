"""A year's letters for every council (or one), written to a folder in parallel.

The parent process does all the database work in a fixed number of queries:
the letters as issued with the year's frozen figures once its release is
scheduled (else the statistics in one pass, the letter text, the training
figures and the contacts), and the spreadsheet rows. It builds each
council's `Letter` as plain data and hands it to worker processes, one per
core, which typeset the letters and write the spreadsheets without touching
the database (each letter's four files at once: `files.write_all_atomically`).
The workers are started first, so that they start up while the parent reads
the database. Workers are spawned, not forked: Typst keeps a thread pool, and
a forked copy of a process with threads can deadlock.

A letter as issued with the year's newest figures version is kept in the
site's cache of public material as well (`page_cache.letter_key`), once the
worker hands it back: the council pages and the static export (`upheld
publish`) serve that copy after the release instead of typesetting it again.

Each file is written whole or not at all (`upheld.files`). When one cannot be
written (a full disk, a read-only folder), in a worker or here, the run stops
with `WriteFailed` (one line: the folder and the cause): the letters already
written stay, whole, and a rerun writes them all again.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import django
from tqdm import tqdm

from upheld import files
from upheld.authorities.models import Authority, Contact
from upheld.demo.marking import is_demonstration
from upheld.letters.code_returns import published_returns
from upheld.letters.content import Letter, build_letter
from upheld.letters.html import render_html
from upheld.letters.issue import issued_letter, latest_issue
from upheld.letters.models import LetterText
from upheld.letters.pdf import render_pdf
from upheld.letters.spreadsheets import CaseRows, fetch_case_rows, spreadsheet_files_in
from upheld.publication import page_cache
from upheld.releases.freezing import version_statistics
from upheld.stats.annual import year_statistics
from upheld.training.figures import year_figures
from upheld.years import ReportingYear

FORMATS = ("pdf", "html")


@dataclass(frozen=True)
class Job:
    letter: Letter
    cases: CaseRows
    format: str
    out: Path
    key: str | None = None  # the site's cache key of the letter as issued with a figures version


@dataclass(frozen=True)
class Summary:
    letters: int
    spreadsheets: int
    seconds: float


def letter_text(year: ReportingYear) -> LetterText:
    try:
        return LetterText.objects.get(year=year.start_year)
    except LetterText.DoesNotExist:
        raise LookupError(f"there is no letter text for {year.label}: add one in the admin (Letter texts)") from None


def letters_for(year: ReportingYear, code: str | None = None) -> list[tuple[Letter, int]]:
    """(letter, authority id) for every council that existed in `year`, or the one with `code` (else LookupError).

    Once the year's release is scheduled these are the letters as issued (`upheld.letters.issue`): frozen
    text, contacts, training and figures. Before, they are drafts from today's text and records. Either way
    they are marked as demonstration data when the database holds it.
    """
    demonstration = is_demonstration()
    issue = latest_issue(year)
    if issue is not None:
        statistics = version_statistics(issue.figures_version)
        return [(issued_letter(issue, council, demonstration=demonstration), council.authority.id)
                for council in statistics.select(code)]
    text = letter_text(year)
    statistics = year_statistics(year)
    councils = statistics.select(code)
    training = year_figures(year)
    code_returns = published_returns(year)
    contacts: dict[int, dict[str, str]] = defaultdict(dict)
    people = Contact.objects.all() if code is None else Contact.objects.filter(authority=councils[0].authority)
    for authority_id, role, name in people.values_list("authority_id", "role", "name"):
        contacts[authority_id][role] = name
    return [(build_letter(text, statistics, council, contacts[council.authority.id], training,
                          demonstration=demonstration, code_returns=code_returns), council.authority.id)
            for council in councils]


def write(job: Job) -> tuple[int, bytes | None]:
    """Write one council's letter and its spreadsheets; the number of spreadsheets written, and the letter's
    content when the site keeps it (`Job.key`)."""
    letter = job.letter
    content = render_pdf(letter) if job.format == "pdf" else render_html(letter).encode()
    folder = job.out / letter.filename("")
    with files.writing(job.out):  # the council's folder is written into `out`, and a failure says so
        folder.mkdir(exist_ok=True)
    sheets = spreadsheet_files_in(folder, job.cases, letter.date, letter.demonstration)
    files.write_all_atomically({job.out / letter.filename(job.format): content, **sheets})
    return len(sheets), job.key and content


def cache_keys(year: ReportingYear, output_format: str) -> dict[int, str]:
    """Authority id → the key the site keeps its letter under, once the year's letters are issued with figures."""
    issue = latest_issue(year)
    if issue is None:
        return {}
    version, demonstration = issue.figures_version, is_demonstration()
    return {authority_id: page_cache.letter_key(version, gss, output_format, demonstration)
            for authority_id, gss in Authority.objects.values_list("id", "gss")}


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextlib.contextmanager
def _workers(count: int, out: Path) -> Iterator[ProcessPoolExecutor | None]:
    """`count` worker processes, already starting (None for one: this process writes the letters itself).

    They are started before the database is read, so that their start-up (Python, Django, the letter
    modules), which takes as long as reading the year, happens meanwhile.
    """
    if count <= 1:
        yield None
        return
    try:
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"),
                                 initializer=django.setup) as pool:
            for _ in range(count):
                pool.submit(int)  # the pool starts a process for each task it has no idle process for
            yield pool
    except BrokenProcessPool as error:  # a worker was killed (by a signal, or out of memory)
        raise files.WriteFailed(f"a process writing letters into {out} stopped ({error}); "
                                "run again to write them all") from None


def run(year: ReportingYear, output_format: str, out: Path, code: str | None = None,
        progress: bool = True) -> Summary:
    """Write the year's letters (one council's when `code` is given) and spreadsheets into `out`."""
    started = time.perf_counter()
    with _workers(1 if code is not None else _cores(), out) as pool:
        letters = letters_for(year, code)
        cases = fetch_case_rows(year, None if code is None else [authority_id for _, authority_id in letters])
        files.make_folder(out)
        keys = cache_keys(year, output_format)
        jobs = [Job(letter, cases.get(authority_id, CaseRows()), output_format, out, keys.get(authority_id))
                for letter, authority_id in letters]

        bar = tqdm(total=len(jobs), unit="letter", file=sys.stderr, disable=not (progress and sys.stderr.isatty()))
        spreadsheets = 0
        chunk = max(1, min(16, len(jobs) // (_cores() * 4)))
        for job, (written, content) in zip(jobs, pool.map(write, jobs, chunksize=chunk) if pool else map(write, jobs),
                                           strict=True):
            spreadsheets += written
            if content is not None:
                page_cache.put(job.key, (content, job.letter.filename(job.format)), page_cache.WHOLE_KEY_TIMEOUT)
            bar.update()
        bar.close()
    return Summary(len(jobs), spreadsheets, time.perf_counter() - started)
