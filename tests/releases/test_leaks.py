"""The leak test: nothing private and no embargoed figure reaches anyone not entitled to it, on any surface.

The world (`tests/releases/world.py`) plants a marker in every free-text field of every model and schedules
an embargoed year with figures nothing else comes near. Then, twice (the second round after a published
statement is withdrawn, so a page cache that outlives a withdrawal is caught), an anonymous visitor and
a user of another council ask for every address on two allowed hosts (`crawl.Crawler`): the seeds below
(every planted thing's addresses, public or not) and every same-site link their answers give (the
sitemap's <loc>s, the API's links and pages included), then, for every URL pattern that crawl did not
reach, the addresses of its entries in the role × URL matrix (`tests/*/url_access.py`: every pattern has
one, so a new pattern cannot be missed). Every download and PDF is read as its reader would
(`surfaces.readable`). The alert emails are sent through a real SMTP server on loopback and read, and
the released year is exported as a static site (after the withdrawal) whose every file is read.

A marker may appear only on a public row's field that is public by nature (`markers.PUBLIC_BY_NATURE`),
and each of those must be found somewhere, as must the released year's figure in both its forms, in a
page, a PDF, a spreadsheet, an email and the export: the search is shown to work, so an empty list of
findings means something. Every finding is collected, then reported in one assertion.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from tests.accounts.signing_in import sign_in
from tests.accounts.test_url_matrix import ENTRIES, url_patterns
from tests.letters.test_delivery import Mailbox, serve
from tests.releases import world as leak_world
from tests.releases.crawl import Crawler
from tests.releases.markers import (
    JSON_FORMS,
    NOT_FREE_TEXT,
    NOT_PLANTED,
    PUBLIC_BY_NATURE,
    every_field_label,
    field_name,
    free_text_fields,
    upheld_models,
)
from tests.releases.surfaces import Findings, Surface, kind_of_file, readable
from tests.releases.world import (
    EMBARGOED,
    EMBARGOED_FIGURES,
    RELEASED,
    RELEASED_RECEIVED,
    SEARCH_WORD,
    TO_WITHDRAW,
    LeakWorld,
)
from upheld.decisions import publication_rules
from upheld.decisions.models import Statement

HOSTS = ("leak-a.example", "leak-b.example")
SITE = "https://alerts.leak.example"  # the alert emails' links (a command has no request to take a host from)
SURFACE_KINDS = ("text", "pdf", "spreadsheet", "email", "export")
# The static copy's own files, copied from the package: searched for markers but not for figures (a
# script library's constants are not figures).
EXPORT_STATIC = "static/"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> LeakWorld:
    """Built once for the module, in a transaction rolled back at its end (each test runs in a savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield leak_world.build()
        transaction.set_rollback(True)


def test_every_free_text_field_of_every_model_holds_a_marker(db, world):
    unmarked = [field_name(model, found.name) for model in upheld_models() if model._meta.label not in NOT_PLANTED
                for found in free_text_fields(model) if field_name(model, found.name) not in world.markers.planted]
    assert not unmarked, ("free-text fields no planted row carries a marker in (plant a row in "
                          f"tests/releases/world.py, or say why not in tests/releases/markers.py): {unmarked}")
    named = {*NOT_FREE_TEXT, *PUBLIC_BY_NATURE, *JSON_FORMS}
    assert not named - every_field_label(), f"markers.py names fields that do not exist: {named - every_field_label()}"
    assert not set(NOT_PLANTED) - {model._meta.label for model in upheld_models()}


def test_nothing_private_or_embargoed_reaches_anyone_not_entitled(db, world, settings, tmp_path):
    settings.ALLOWED_HOSTS = [*HOSTS, "testserver"]
    settings.UPHELD_API_RATE = "1000000/min"
    # The world's markers and rows are shared with the module's other tests: change copies.
    findings = Findings(copy.deepcopy(world.markers), EMBARGOED_FIGURES, RELEASED_RECEIVED, HOSTS)
    mailbox = Mailbox()
    controller = serve(mailbox)
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", controller.port, 10
        settings.UPHELD_SITE_URL = SITE
        asked = _round(world, findings, 1, mailbox)
        _expect_public_markers(findings)
        statement = Statement.objects.get(pk=world.statements[TO_WITHDRAW].pk)
        publication_rules.withdraw(statement, world.publisher, "Withdrawn by the leak test")
        findings.markers.withdraw(TO_WITHDRAW)
        asked |= _round(world, findings, 2, mailbox)
        _export(findings, tmp_path / "site")
    finally:
        controller.stop()
    _sanity(findings, asked)
    if findings.problems:  # the report alone, without the introspection of the findings' internals
        pytest.fail(f"{findings.surfaces} surfaces searched; found:\n{findings.report()}", pytrace=False)


def _round(world: LeakWorld, findings: Findings, number: int, mailbox: Mailbox) -> set[str]:
    """One round: both visitors crawl from the seeds, then ask for the matrix's addresses of every URL
    pattern the crawl did not reach (the staff screens, the sign-in pages, the alerts' links); the alerts
    are sent."""
    label = f"round {number}"
    crawlers = [Crawler(findings, _clients(None), "anonymous", label),
                Crawler(findings, _clients(world.reader), "council user", label)]
    for crawler in crawlers:
        crawler.crawl(_seeds(world))
    crawled = set().union(*(crawler.view_names for crawler in crawlers))
    for entry in _matrix_entries(leaving_out=crawled):
        with transaction.atomic():  # the entry's objects and what its request does are undone after it
            url = reverse(entry.name, kwargs=entry.kwargs(world.access))
            if entry.query:
                url += entry.query if entry.query.startswith("?") else f"?{entry.query}"
            for crawler in crawlers:
                crawler.fetch(url)
            transaction.set_rollback(True)
    _send_alerts(findings, mailbox, label)
    return set().union(*(crawler.view_names for crawler in crawlers))


def _clients(user) -> dict[str, Client]:
    # An exception in a view is answered as it would be in production (a 500, which the crawl reports
    # with the others), not raised into the test.
    clients = {host: Client(HTTP_HOST=host, raise_request_exception=False) for host in HOSTS}
    if user is not None:
        for client in clients.values():
            sign_in(client, user)
    return clients


def _matrix_entries(leaving_out: set[str]):
    """The matrix's GET entries of the URL patterns not in `leaving_out`, and their other entries asked for
    by GET where a pattern has no GET entry."""
    by_get = {entry.name for entry in ENTRIES if entry.method == "get"}
    return [entry for entry in ENTRIES if entry.name not in leaving_out
            and (entry.method == "get" or entry.name not in by_get)]


def _seeds(world: LeakWorld) -> list[str]:
    """Every planted thing's addresses, public or not, on both years; the crawl finds the rest by its links."""
    years = (RELEASED.label, EMBARGOED.label)
    urls = [reverse(name) for name in ("home", "sitemap", "councils", "national", "map", "guide", "data-index",
                                       "scrutiny:hub", "decisions:search", "decisions:reports", "api:index",
                                       "api:years", "api:councils", "api:decisions", "api:reports",
                                       "portal:home", "portal:recommendations", "admin:index")]
    for label in years:
        year = {"year": label}
        urls += [reverse(name, kwargs=year) for name in ("national-year", "map-year", "map-data", "data-year",
                                                         "data-table", "data-revisions", "api:statistics",
                                                         "api:national", "api:returns", "portal:letter",
                                                         "portal:letter-pdf",
                                                         "portal:feedback")]
        urls.append(reverse("data-year-version", kwargs={**year, "version": 1}))
        for extension in ("csv", "xlsx", "ods", "json"):
            urls.append(reverse("data-download", kwargs={**year, "label": label, "extension": extension}))
            urls.append(reverse("data-download-version", kwargs={**year, "label": label, "extension": extension,
                                                                 "version": 1, "again": 1}))
        urls += [reverse("portal:spreadsheet", kwargs={**year, "kind": kind})
                 for kind in ("received", "decided", "compliance")]
    for council in world.councils:
        slug = {"slug": council.slug}
        urls += [reverse(name, kwargs=slug) for name in ("council", "scrutiny:council", "alerts:subscribe")]
        urls += [reverse("api:council", kwargs={"gss": council.gss}),
                 reverse("api:reports") + "?" + urlencode({"council": council.gss}),
                 reverse("api:decisions") + "?" + urlencode({"council": council.gss})]
        for label in years:
            urls += [reverse(name, kwargs={**slug, "year": label})
                     for name in ("council-year", "scrutiny:council-year", "scrutiny:pack")]
            urls += [reverse("council-letter", kwargs={**slug, "year": label, "extension": extension})
                     for extension in ("html", "pdf")]
            urls.append(reverse("api:council_statistics", kwargs={"gss": council.gss, "year": label}))
            urls.append(reverse("api:return", kwargs={"gss": council.gss, "year": label}))
    urls += [f"{reverse(name)}?page_size=1" for name in ("api:councils", "api:reports")]  # pages to follow
    words = urlencode({"q": SEARCH_WORD})  # in every planted statement: the public ones must be found
    urls += [f"{reverse(name)}?{words}" for name in ("decisions:search", "decisions:search_csv", "api:decisions")]
    for statement in world.statements.values():
        urls += [statement.get_absolute_url(), reverse("api:decision", kwargs={"slug": statement.slug})]
    for report in world.reports.values():
        urls += [report.get_absolute_url(), reverse("decisions:report_pdf", kwargs={"pk": report.pk}),
                 reverse("api:public_interest_report", kwargs={"pk": report.pk}),
                 reverse("portal:respond", kwargs={"pk": report.pk})]
    urls += [report.get_absolute_url() for report in world.focus_reports.values()]
    return urls


def _send_alerts(findings: Findings, mailbox: Mailbox, label: str) -> None:
    """`upheld alerts send` to the mail server on loopback; every message it accepted, read."""
    before = len(mailbox.raw)
    call_command("alerts", "send", stdout=io.StringIO(), stderr=io.StringIO())
    for message in mailbox.messages[before:]:
        # The headers name the subscriber, to whom it is sent: only what the message says is searched.
        parts = [message["Subject"], *(part.get_content() for part in message.walk()
                                       if part.get_content_maintype() == "text")]
        findings.check(Surface(f"alert email {message['Subject']!r}", "email", (label,)), "\n".join(parts))


def _export(findings: Findings, out: Path) -> None:
    """`upheld publish` of the released year (after the withdrawal); every file it wrote, read."""
    stdout, stderr = io.StringIO(), io.StringIO()
    # In this process: the world is this test's transaction, which a worker's own connection would not see
    # (the parallel export gives the same bytes: tests/publication/test_export.py).
    call_command("publish", "--year", RELEASED.label, "--out", str(out), "--no-progress", "--workers", "1",
                 stdout=stdout, stderr=stderr)
    for line in stderr.getvalue().splitlines():
        findings.fail("the static export reported a problem", line)
    for path in sorted(out.rglob("*")):
        if path.is_file():
            name = path.relative_to(out).as_posix()
            kind = kind_of_file(name)
            findings.check(Surface(f"static export: {name}", "export"), readable(path.read_bytes(), kind),
                           figures=not name.startswith(EXPORT_STATIC))


def _expect_public_markers(findings: Findings) -> None:
    """Every marker that may appear must have been found: otherwise the world or the search is wrong."""
    for marker in findings.markers.by_token.values():
        if marker.public and marker.token not in findings.seen_public:
            findings.fail("sanity: a public marker was found nowhere (is the world or the search wrong?)",
                          str(marker))


def _sanity(findings: Findings, asked: set[str]) -> None:
    """The run really searched what it says: every URL pattern asked for, something public found in every
    kind of surface, the released figure in both its forms, the other council's user signed in."""
    unasked = sorted({name for name, _ in url_patterns() if name} - asked)
    if unasked:
        findings.fail("URL patterns never asked for (give them a seed)", ", ".join(unasked))
    for kind in SURFACE_KINDS:
        if not findings.seen_by_kind[kind]:
            findings.fail("sanity: nothing public was found in any surface of this kind (is it read?)", kind)
    if findings.seen_by_kind["figure forms"] != {str(RELEASED_RECEIVED), f"{RELEASED_RECEIVED:,}"}:
        findings.fail("sanity: the released figure was not found in both its forms",
                      str(findings.seen_by_kind["figure forms"]))
    if not findings.seen_own_council:
        findings.fail("sanity: the other council's user never saw its own embargoed letter (signed in?)", "portal")
