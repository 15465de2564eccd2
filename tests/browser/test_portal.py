"""The council portal in a real browser: a Sefton link officer signed in opens the portal's home page and
an embargoed letter; axe finds no WCAG 2.2 A/AA violation on those, a published letter, the
recommendations or the feedback form."""

import importlib

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from playwright.sync_api import expect
from tests.accounts.signing_in import council_user, sign_in

from upheld.accounts.models import CouncilRole
from upheld.authorities.models import Authority

pytestmark = pytest.mark.browser
APPEND_ONLY = importlib.import_module("upheld.audit.migrations.0002_append_only_triggers")


@pytest.fixture
def audit_emptied_afterwards(live_server):
    """Signing a council user in and opening a letter write audit events, and SQLite's append-only
    trigger would then stop the live server's flush after the test: lift it for the flush's sake only,
    in this throwaway test database. (PostgreSQL's flush truncates, which the trigger allows.)"""
    yield
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for statement in APPEND_ONLY.SQLITE_REVERSE:
                cursor.execute(statement)
            cursor.execute("DELETE FROM audit_auditevent")
            for statement in APPEND_ONLY.SQLITE:
                cursor.execute(statement)


@pytest.fixture
def signed_in(site, audit_emptied_afterwards, axe_page):
    """The axe page's browser signed in as Sefton's link officer (with the session a real sign-in makes)."""
    from upheld.letters.defaults import load_defaults
    from upheld.letters.models import LetterText, TrainingYear

    load_defaults(LetterText, TrainingYear)  # shipped by a migration, emptied by earlier tests' flushes
    user = council_user("sefton-link", Authority.objects.get(gss="E08000014"), CouncilRole.LINK_OFFICER)
    session = sign_in(Client(), user).cookies[settings.SESSION_COOKIE_NAME].value
    axe_page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}])
    return axe_page


def test_portal_home_and_embargoed_letter(site, signed_in, screenshot):
    page, problems = signed_in, []
    assert page.goto(site + "/portal/").status == 200
    assert page.get_by_role("heading", name="Sefton Metropolitan Borough Council", level=1).is_visible()
    assert page.get_by_role("link", name="Your council", exact=True).is_visible()
    page.get_by_role("link", name="2019-20 letter", exact=True).click()
    expect(page).to_have_url(site + "/portal/letters/2019-20/")
    assert page.get_by_text("Embargoed until 18 July 2999").is_visible()
    assert page.get_by_role("table", name="Key measures").is_visible()
    screenshot(page, "portal-letter.png")
    for url in ("/portal/", "/portal/letters/2019-20/", "/portal/letters/2017-18/", "/portal/recommendations/",
                "/portal/letters/2019-20/feedback/"):
        assert page.goto(site + url).status == 200, url
        for violation in page.axe_violations():
            targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
            problems.append(f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    assert not problems, "\n".join(problems)
