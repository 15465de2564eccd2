"""The scrutiny hub in a real browser (Debian's Chromium through Playwright): choosing a council with the
keyboard leads to its page, and axe finds no WCAG violation on the hub, its error and a council's pages."""

import datetime

import pytest
from tests.decisions.conftest import make_statement
from tests.scrutiny.conftest import focus_report

from upheld.casework.vocabulary import Category

pytestmark = pytest.mark.browser


@pytest.fixture
def scrutiny_site(site):
    """The browser site's released years, with a published upheld decision and suggested questions."""
    from upheld.authorities.models import Authority

    sefton = Authority.objects.get(gss="E08000014")
    make_statement(sefton, decided=datetime.date(2018, 6, 1), summary="Mrs X complained about her housing.")
    focus_report("homes", [Category.HOUSING], ["How long do families wait for temporary accommodation?"])
    return site


def test_choose_a_council_with_the_keyboard(scrutiny_site, page, screenshot):
    page.goto(scrutiny_site + "/scrutiny/")
    page.get_by_label("Choose your council").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # submitting no council: the error summary, linked to the field
    alert = page.get_by_role("alert")
    assert "Choose your council from the list" in alert.inner_text()
    page.get_by_label("Choose your council").select_option(label="Sefton")
    page.get_by_role("button", name="Show the council's scrutiny page").press("Enter")
    page.wait_for_url("**/scrutiny/sefton/")
    assert page.get_by_role("heading", name="Sefton Metropolitan Borough Council").is_visible()
    assert page.get_by_role("heading", name="Housing: 4 complaints received").is_visible()
    assert page.get_by_role("link", name="Download this page as a scrutiny pack (PDF)").is_visible()
    screenshot(page, "scrutiny-council.png")


def test_no_axe_violations(scrutiny_site, axe_page):
    problems = []
    for url in ("/scrutiny/", "/scrutiny/?council=", "/scrutiny/sefton/", "/scrutiny/sefton/2017-18/"):
        axe_page.goto(scrutiny_site + url)
        problems += [f"{url}: {v['id']}: {v['help']}" for v in axe_page.axe_violations()]
    assert not problems, "\n".join(problems)
