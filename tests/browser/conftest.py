"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright must never download a browser: it launches /usr/bin/chromium
(`make test` installs it). The live server needs a transactional database,
which is flushed after every test, so each test rebuilds what it needs: the
register, a few councils' casework for two years, and their releases.
Select these tests with `-m browser`; they also run in `make test`.
"""

from __future__ import annotations

import datetime
import importlib
import os
import shutil
from pathlib import Path

import pytest

from upheld.authorities.register import load_register
from upheld.casework.vocabulary import Category, Outcome, Remedy
from upheld.years import ReportingYear

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 A and AA, and axe's best practices: among them every part of a page in a landmark (`region`),
# one main landmark, headings in order and one h1, which no success criterion states on its own.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCREENSHOTS = ROOT / "var" / "screenshots"
Y2017, Y2018, Y2019 = ReportingYear(2017), ReportingYear(2018), ReportingYear(2019)

# (GSS, upheld, not upheld) in 2017-18 and 2018-19: councils of every type, rates across the bands,
# Sefton with the reference letter's 12 upheld of 21 detailed investigations.
CASEWORK = {
    Y2017: [("E08000014", 12, 9), ("E08000025", 9, 3), ("E09000007", 2, 8), ("E10000016", 6, 6),
            ("E06000052", 1, 0), ("E07000008", 0, 4), ("E08000035", 15, 1)],
    Y2018: [("E08000014", 3, 1), ("E08000025", 4, 4), ("E09000007", 7, 1), ("E10000016", 1, 9),
            ("E07000048", 5, 5)],
}


def bulk_casework(year: ReportingYear, councils: list[tuple[str, int, int]]) -> None:
    """Decided cases, written in bulk: bulk writes bypass the audit trail's signals, and an
    append-only audit table on SQLite would stop the live server's flush after the test."""
    from upheld.authorities.models import Authority
    from upheld.casework.models import Case, Decision

    day = year.first_day + datetime.timedelta(days=30)
    authorities = Authority.objects.in_bulk([gss for gss, *_ in councils], field_name="gss")
    cases, decisions = [], {}
    for gss, upheld, not_upheld in councils:
        for n in range(upheld + not_upheld):
            reference = f"B{year.start_year}{gss}{n:03d}"
            cases.append(Case(reference=reference, authority=authorities[gss], received=day, category=Category.HOUSING))
            remedy = Remedy.SATISFACTORY_BY_AUTHORITY if n % 3 == 0 else Remedy.BY_OMBUDSMAN
            decisions[reference] = (Outcome.UPHELD, remedy) if n < upheld else (Outcome.NOT_UPHELD, "")
    Case.objects.bulk_create(cases)
    ids = dict(Case.objects.filter(reference__in=decisions).values_list("reference", "id"))
    Decision.objects.bulk_create([
        Decision(case_id=ids[reference], decided=day + datetime.timedelta(days=20), outcome=outcome, remedy=remedy)
        for reference, (outcome, remedy) in decisions.items()])


@pytest.fixture(autouse=True)
def _register_again_after_flush(request, django_db_blocker):
    """The live server's flush empties the database after each test. If a test that is not a
    browser test follows, put back the register that the session loaded, once the flush is done.
    (An autouse fixture with no database of its own is set up first, so torn down last.)"""
    yield
    items = request.session.items
    position = items.index(request.node) if request.node in items else len(items)
    following = items[position + 1] if position + 1 < len(items) else None
    if following is not None and following.get_closest_marker("browser") is None:
        with django_db_blocker.unblock():
            load_register()
            list_subcategories()


def list_subcategories() -> None:
    """The list of subcategories a new installation starts with, unless listed (the flush empties it too)."""
    from django.apps import apps

    from upheld.casework.models import Subcategory

    if not Subcategory.objects.exists():
        migration = importlib.import_module("upheld.casework.migrations.0005_summary_and_subcategories")
        migration.list_subcategories(apps, None)


@pytest.fixture(scope="session")
def live_server():
    """pytest-django's live server, serving the static files as the site does: WhiteNoise, from the files
    collected under their hashed names (the session's `static_files`). pytest-django would put Django's own
    static handler in front, which finds only the source files, under their plain names."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer(os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost", start=False)
    server.thread.static_handler = lambda handler: handler
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.fail("Browser tests need Debian's Chromium at /usr/bin/chromium: run `make dev` "
                    "(apt-get install chromium). Playwright must not download a browser.", pytrace=False)
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API runs an event loop in this thread; Django would then refuse
    # database calls from the test itself. The tests make them only between browser steps.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server):
    """Two released years of casework behind the live server, and one scheduled for later; returns its address."""
    from upheld.letters.defaults import load_defaults
    from upheld.letters.models import LetterText, TrainingYear
    from upheld.releases.freezing import schedule_release

    load_register()
    load_defaults(LetterText, TrainingYear)  # shipped by a migration, emptied by earlier tests' flushes; the
    # letters are issued with the texts there are when a release is scheduled
    for year, councils in CASEWORK.items():
        bulk_casework(year, councils)
        schedule_release(year, datetime.datetime(year.start_year + 1, 7, 18, 8, 30, tzinfo=datetime.UTC))
    bulk_casework(Y2019, [("E08000014", 1, 0)])
    schedule_release(Y2019, datetime.datetime(2999, 7, 18, 8, 30, tzinfo=datetime.UTC))
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-GB")
    opened = context.new_page()
    errors = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.errors = errors
    yield opened
    context.close()
    assert not errors, f"script errors in the page: {errors}"


@pytest.fixture
def axe_page(browser):
    """A page whose Content Security Policy is bypassed, for injecting axe-core only."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make dev installs axe-core from package.json)", pytrace=False)
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, bypass_csp=True)
    opened = context.new_page()

    def violations(tags: list[str] = AXE_TAGS) -> list[dict]:
        opened.add_script_tag(path=str(AXE))
        return opened.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)["violations"]

    opened.axe_violations = violations
    yield opened
    context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under var/screenshots/ (to look at: the tests cannot judge a picture)."""
    def take(target, name: str) -> Path:
        """`target`: a page (taken whole) or a locator (that element only)."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / name
        if hasattr(target, "goto"):
            target.screenshot(path=str(path), full_page=True)
        else:
            target.screenshot(path=str(path))
        return path
    return take
