"""Phones and wide screens: every kind of public page fits a phone's width without the page itself
scrolling sideways; a table too wide for its place scrolls inside its own region, which a keyboard can
reach, a screen reader can name, and anyone can see scrolls; chart text stays legible on a phone; and
on a touch screen the map's first tap shows a council's figure, the second opens its page.

The page list is the accessibility test's, with the page types that need more than the browser site's
figures (letters, statements, reports, scrutiny, alerts, the API's documentation) added here.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from tests.accounts.signing_in import sign_in, staff_user
from tests.browser.test_accessibility import PAGES, resolves
from tests.browser.test_map import AREAS, ready
from tests.browser.test_portal import audit_emptied_afterwards  # noqa: F401  fixture
from tests.browser.test_staff_home import STAFF_PAGES
from tests.decisions.conftest import make_statement
from tests.scrutiny.conftest import focus_report

from upheld.accounts.roles import StaffRole
from upheld.casework.vocabulary import Category

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALLEST_TEXT = 12  # CSS pixels, as drawn: chart labels at least this size on a phone

# Each table too wide for its place, and whether a scroll region holds it: focusable, named, and showing that
# it scrolls (a shadow at the clipped edge and a visible hint). Returns what is wrong, as text.
TABLE_PROBLEMS = """() => {
  const problems = [];
  const shown = (node) => node && node.checkVisibility() && node.textContent;
  for (const table of document.querySelectorAll('table')) {
    if (!table.checkVisibility()) continue;
    let region = table.parentElement;
    while (region && !['auto', 'scroll'].includes(getComputedStyle(region).overflowX)) region = region.parentElement;
    const place = region || table.parentElement;
    const width = Math.round(table.getBoundingClientRect().width);
    const name = (table.caption ? table.caption.textContent : '').trim().slice(0, 40);
    const said = (pseudo) => {
      const style = getComputedStyle(region, pseudo);
      const seen = style.display !== 'none' && style.visibility === 'visible' && parseFloat(style.height) > 0;
      return seen ? style.content : '';
    };
    const hint = () => said('::before') + said('::after')
      + (shown(document.getElementById(region.getAttribute('aria-describedby') || '')) || '');
    if (width <= place.clientWidth + 1) {
      if (region && /scroll/i.test(hint())) problems.push(`table "${name}" fits, but its hint says to scroll`);
      continue;
    }
    if (!region) {
      problems.push(`table "${name}" (${width} px) overflows its page`);
      continue;
    }
    const labelled = region.getAttribute('aria-label') || (region.getAttribute('aria-labelledby') || '')
      .split(/\\s+/).map((id) => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
    const missing = [
      [region.getAttribute('role') === 'region' && labelled, 'not a named region'],
      [region.getAttribute('tabindex') === '0', 'not focusable'],
      [getComputedStyle(region).backgroundImage !== 'none', 'no shadow cue that it scrolls'],
      [/scroll/i.test(hint()), 'no visible hint that it scrolls'],
    ].filter(([ok]) => !ok).map(([, problem]) => problem);
    if (missing.length) problems.push(`table "${name}" (${width} px) scrolls in a region with ${missing.join(', ')}`);
  }
  return problems;
}"""

# Chart text as drawn: its font size times the SVG's scale on screen (rotated or not).
SMALL_TEXT = """smallest => [...document.querySelectorAll('svg text')]
  .filter((text) => text.checkVisibility())
  .map((text) => {
    const scale = Math.hypot(text.getScreenCTM().a, text.getScreenCTM().b);
    return {text: text.textContent, size: parseFloat(getComputedStyle(text).fontSize) * scale};
  })
  .filter(({size}) => size < smallest)
  .map(({text, size}) => `chart text "${text}" drawn at ${size.toFixed(1)} px`)"""


@pytest.fixture
def every_page(site):
    """The browser site with what the other page types show: a published statement, a public interest
    report and a focus report. Returns the addresses of every kind of public page."""
    from upheld.authorities.models import Authority
    from upheld.decisions.models import PublicInterestReport

    sefton = Authority.objects.get(gss="E08000014")
    statement = make_statement(sefton, decided=datetime.date(2018, 6, 1), summary="Mrs X complained about housing.")
    report = PublicInterestReport.objects.create(authority=sefton, issued=datetime.date(2018, 3, 1),
                                                 title="Delays in housing repairs", summary="Mrs Y waited.")
    focus = focus_report("homes", [Category.HOUSING], ["How long do families wait for temporary accommodation?"])
    extra = [
        "/councils/sefton/2018-19/", "/councils/sefton/2017-18/letter.html", "/councils/sefton/2018-19/letter.html",
        "/reports/", report.get_absolute_url(), focus.get_absolute_url(), statement.get_absolute_url(),
        "/decisions/?q=housing", "/scrutiny/", "/scrutiny/sefton/", "/alerts/sefton/", "/api/v1/docs",
    ]
    urls = [url for url in PAGES + extra if resolves(url)]
    assert len(urls) == len(PAGES) + len(extra), "a page type no longer resolves: list its new address"
    return site, urls


@pytest.fixture
def phone(browser):
    """A phone's screen: 390 CSS pixels wide, touch, and the page's viewport meta honoured (as a phone does:
    a page wider than the screen is zoomed out, which `window.innerWidth` then shows)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB")
    opened = context.new_page()
    errors = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, f"script errors in the page: {errors}"


def visit(page, url):
    """Open `url` with everything on it shown: the map drawn, every details element open."""
    response = page.goto(url)
    assert response.status == 200, f"{url}: HTTP {response.status}"
    if page.locator("[data-upheld-map]").count():
        page.wait_for_selector("[data-upheld-map][data-ready]:not([aria-busy])")
    page.evaluate("""() => {
      for (const details of document.querySelectorAll('details')) details.open = true;
      return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    }""")


def test_every_page_fits_a_phone(every_page, phone, screenshot):
    site, urls = every_page
    problems, widths = [], {}
    for url in urls:
        visit(phone, site + url)
        width, inner = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        widths[url] = width
        if width > PHONE["width"] or inner > PHONE["width"]:
            problems.append(f"{url}: the page is {width} px wide (window {inner} px) on a {PHONE['width']} px screen")
        problems += [f"{url}: {problem}" for problem in phone.evaluate(TABLE_PROBLEMS)]
        problems += [f"{url}: {problem}" for problem in phone.evaluate(SMALL_TEXT, SMALLEST_TEXT)]
    visit(phone, site + "/councils/sefton/2017-18/")
    screenshot(phone, "phone-council.png")
    assert not problems, "\n".join(problems) + f"\nwidths: {widths}"


def test_the_staff_home_and_dashboards_fit_a_phone(site, phone, audit_emptied_afterwards):  # noqa: F811
    every_role = staff_user("phone-staff", *StaffRole)
    session = sign_in(Client(), every_role).cookies[settings.SESSION_COOKIE_NAME].value
    phone.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}])
    problems = []
    for url in [*STAFF_PAGES, "/staff/councils/?year=2017-18&page=2"]:
        visit(phone, site + url)
        width, inner = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width > PHONE["width"] or inner > PHONE["width"]:
            problems.append(f"{url}: the page is {width} px wide (window {inner} px) on a {PHONE['width']} px screen")
        problems += [f"{url}: {problem}" for problem in phone.evaluate(TABLE_PROBLEMS)]
    assert not problems, "\n".join(problems)


def test_wide_tables_scroll_visibly_on_a_wide_screen(every_page, page):
    site, urls = every_page
    problems = []
    for url in urls:
        visit(page, site + url)
        problems += [f"{url}: {problem}" for problem in page.evaluate(TABLE_PROBLEMS)]
    assert not problems, "\n".join(problems)


def test_first_tap_shows_a_council_and_the_second_opens_it(site, phone):
    phone.goto(f"{site}/map/")
    ready(phone, "2018-19")
    readout = phone.locator("[data-map-readout]")
    sefton, birmingham = (phone.locator(f"{AREAS}[data-gss={gss}]") for gss in ("E08000014", "E08000025"))
    said = {area: area.get_attribute("aria-label") for area in (sefton, birmingham)}
    opened = []
    phone.on("request", lambda request: opened.append(request.url) if request.resource_type == "document" else None)

    sefton.tap()
    phone.wait_for_timeout(300)  # time enough for a navigation the tap would have started to send its request
    assert not opened, f"the first tap opened {opened}"
    assert readout.inner_text() == said[sefton] and said[sefton].startswith("Sefton, metropolitan borough: ")
    birmingham.tap()  # another council: its figure, and still no page
    phone.wait_for_timeout(300)
    assert not opened, f"the first tap on another council opened {opened}"
    assert readout.inner_text() == said[birmingham]
    birmingham.tap()
    phone.wait_for_url(re.compile(r"/councils/birmingham/2018-19/$"))
