"""The decision search (upheld.decisions) in a real browser (Debian's Chromium through Playwright):
typing a search, filtering, paging, opening a statement; axe finds no WCAG
violation on the search or statement pages."""

import re

import pytest
from playwright.sync_api import expect
from tests.decisions.conftest import TODAY, D, make_statement, release_years_to_2023_24

from upheld.authorities.register import load_register

pytestmark = pytest.mark.browser


@pytest.fixture
def on_today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


@pytest.fixture
def decisions_site(live_server, on_today):
    load_register()
    from upheld.authorities.models import Authority
    from upheld.decisions.models import PublicInterestReport

    sefton, wirral = Authority.objects.get(gss="E08000014"), Authority.objects.get(gss="E08000015")
    release_years_to_2023_24()  # filtering by outcome covers released years only
    for day in range(1, 16):
        make_statement(sefton, decided=D(2022, 3, day), category="highways",
                       summary=f"Mrs X complained about parking penalty {day}. We found fault.")
    make_statement(wirral, decided=D(2022, 4, 1), category="highways", outcome="not_upheld",
                   summary="Mr Y complained about a parking permit. We found no fault.")
    make_statement(sefton, decided=D(2022, 4, 2), summary="Ms Z complained about <script>alert(1)</script> damp.")
    make_statement(wirral, decided=D(2022, 4, 3), category="education_children", subcategory="School transport",
                   summary="Mr W was refused a bus pass for his son.")
    for authority, issued in ((sefton, D(2023, 5, 1)), (wirral, D(2024, 1, 10))):
        PublicInterestReport.objects.create(authority=authority, issued=issued, title=f"Report of {issued}",
                                            summary="The council left a family in unsuitable housing.")
    return live_server.url


def test_search_filter_page_and_open_a_statement(decisions_site, page, screenshot):
    page.goto(decisions_site + "/decisions/")
    page.get_by_label("Words").fill("parking")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="16 decisions")).to_be_visible()  # waits for the results page
    assert page.locator("mark", has_text="parking").count() == 10
    page.get_by_label("Council").select_option(label="Sefton")
    page.get_by_label("Decision", exact=True).select_option(label="Upheld")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="15 decisions")).to_be_visible()
    assert "council=sefton" in page.url and "outcome=upheld" in page.url
    page.get_by_role("link", name="Next page").click()
    expect(page).to_have_url(re.compile(r"[?&]page=2"))
    expect(page.locator("ol li h3")).to_have_count(5)
    page.get_by_role("link", name="Newest").click()
    first = page.locator("ol li h3 a").first
    first.click()
    expect(page.get_by_role("heading", name="Sefton Metropolitan Borough Council")).to_be_visible()
    assert page.get_by_role("heading", name="The complaint").is_visible()
    page.goto(decisions_site + "/decisions/?q=damp")
    assert page.locator("text=<script>alert(1)</script>").count() == 1  # shown as text, never run
    screenshot(page, "decisions-search.png")


def test_filter_the_reports(decisions_site, page):
    page.goto(decisions_site + "/reports/")
    expect(page.get_by_role("heading", name="2 reports")).to_be_visible()
    page.get_by_label("Council", exact=True).select_option(label="Wirral")
    page.get_by_role("button", name="Filter reports").click()
    expect(page.get_by_role("heading", name="1 report", exact=True)).to_be_visible()
    assert "council=wirral" in page.url and page.get_by_role("link", name="Report of 2024-01-10").is_visible()


def test_no_axe_violations(decisions_site, axe_page):
    problems = []
    for url in ("/decisions/?q=parking&council=sefton", "/decisions/?council=atlantis",
                "/decisions/?q=school+transport&subcategory=Transport", "/reports/",
                "/reports/?year=1066&council=wirral"):
        axe_page.goto(decisions_site + url)
        problems += [f"{url}: {v['id']}: {v['help']}" for v in axe_page.axe_violations()]
    axe_page.goto(decisions_site + "/decisions/?q=parking")
    axe_page.locator("ol li h3 a").first.click()
    problems += [f"statement: {v['id']}: {v['help']}" for v in axe_page.axe_violations()]
    assert not problems, "\n".join(problems)
