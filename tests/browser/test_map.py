"""The map in a real browser: it draws every council, its controls work by mouse and by keyboard,
focus and hover show each figure with its base, and the table view lists exactly what the maps show."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

AREAS = "svg.upheld-map__svg a.upheld-map__area"
ROWS = "[data-map-table-body] tr[data-gss]"


def ready(page, year):
    page.wait_for_selector(f"[data-upheld-map][data-ready='{year}']:not([aria-busy])")


def open_map(page, url, year="2018-19"):
    page.goto(url)
    ready(page, year)


def drawn(page):
    """Every council area on the two maps: its code, its colour band and what it says."""
    return page.eval_on_selector_all(AREAS, """areas => areas.map(a => ({
        gss: a.dataset.gss, label: a.getAttribute('aria-label'), href: a.getAttribute('href'),
        band: a.firstChild.getAttribute('class')}))""")


def table(page):
    return page.eval_on_selector_all(ROWS, """rows => rows.map(r => ({
        gss: r.dataset.gss, cells: [...r.children].map(c => c.textContent.trim()),
        href: r.querySelector('a').getAttribute('href')}))""")


def data(page, year):
    return page.evaluate("url => fetch(url).then(r => r.json())", f"/map/{year}/data.json")


def assert_table_matches_map(page, measure):
    """The same councils in both, each with the same figure and base, and the same link."""
    areas, rows = drawn(page), table(page)
    assert rows, "the table view is empty"
    assert sorted(a["gss"] for a in areas) == sorted(r["gss"] for r in rows)
    by_gss = {r["gss"]: r for r in rows}
    figures = {c["gss"]: c for c in data(page, page.eval_on_selector("[data-upheld-map]", "m => m.dataset.ready"))[
        "councils"]}
    for area in areas:
        row, council = by_gss[area["gss"]], figures[area["gss"]]
        figure = council["figures"][measure]
        assert row["cells"] == [council["name"], council["type_label"], figure["display"], figure["base"]]
        assert area["label"].endswith(figure["text"])
        assert area["href"] == row["href"] == council["url"]


def test_map_draws_every_council_and_the_table_matches(site, page, screenshot):
    open_map(page, f"{site}/map/")
    councils = data(page, "2018-19")["councils"]
    district = page.locator("svg[data-map-tier=district] a.upheld-map__area")
    county = page.locator("svg[data-map-tier=county] a.upheld-map__area")
    assert district.count() == sum(c["tier"] == "district" for c in councils)
    assert county.count() == sum(c["tier"] == "county" for c in councils)
    assert page.locator(AREAS).count() == len(councils) == page.locator(ROWS).count()
    assert page.locator("[data-map-missing]").is_hidden()
    assert "2019-20" not in page.content()  # scheduled, not released
    assert_table_matches_map(page, "uphold_rate")
    screenshot(page.locator("#map"), "map-hex.png")


def test_measure_year_and_map_type_by_mouse(site, page, screenshot):
    open_map(page, f"{site}/map/")
    page.get_by_label("Upheld decisions per 100,000 residents").check()
    ready(page, "2018-19")
    assert page.locator("[data-map-table-measure]").inner_text() == "Upheld decisions per 100,000 residents"
    assert_table_matches_map(page, "upheld_per_100k")
    assert "measure=upheld_per_100k" in page.url

    page.locator("#map-year").select_option("2017-18")
    ready(page, "2017-18")
    page.locator("svg[data-map-tier=district] a[data-gss=E08000014]").hover()
    assert page.locator("[data-map-readout]").inner_text() == (
        "Sefton, metropolitan borough: 4.3 per 100,000 residents (12 upheld decisions; population 275,899, "
        "ONS mid-2020 estimate)")
    assert re.search(r"/map/2017-18/\?measure=upheld_per_100k$", page.url)
    assert page.locator(AREAS).count() == len(data(page, "2017-18")["councils"])
    assert_table_matches_map(page, "upheld_per_100k")

    page.get_by_label("Boundaries: council areas as they are").check()
    ready(page, "2017-18")
    assert page.locator(AREAS).count() == len(data(page, "2017-18")["councils"])
    assert page.locator("svg[data-map-tier=district] .upheld-map__outline").count() == 1
    assert_table_matches_map(page, "upheld_per_100k")
    screenshot(page.locator("#map"), "map-boundaries.png")

    page.get_by_label("Hexagons: every council the same size").check()
    ready(page, "2017-18")
    page.locator("svg[data-map-tier=district] a[data-gss=E08000014]").click()
    page.wait_for_url(re.compile(r"/councils/sefton/2017-18/$"))


def test_everything_by_keyboard(site, page):
    open_map(page, f"{site}/map/")
    page.locator("#measure-uphold_rate").focus()
    page.keyboard.press("ArrowDown")  # radios: the next measure
    ready(page, "2018-19")
    assert page.locator("#measure-upheld_per_100k").is_checked()
    assert page.locator("[data-map-table-measure]").inner_text() == "Upheld decisions per 100,000 residents"

    page.locator("#map-year").focus()
    page.keyboard.press("ArrowDown")  # newest first: the year before
    ready(page, "2017-18")
    assert "/map/2017-18/" in page.url
    assert_table_matches_map(page, "upheld_per_100k")

    page.locator("#map-view-hex").focus()
    page.keyboard.press("ArrowDown")
    ready(page, "2017-18")
    assert page.locator("#map-view-boundary").is_checked()
    assert "view=boundary" in page.url
    assert page.locator(AREAS).count() == len(data(page, "2017-18")["councils"])
    page.keyboard.press("ArrowUp")
    ready(page, "2017-18")

    # Focus shows the figure with its base; one tab stop per map, arrows between councils, Enter opens.
    readout = page.locator("[data-map-readout]")
    page.locator("#map-instructions a").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused and readout.inner_text() == focused
    assert re.search(r"per 100,000 residents \(\d+ upheld decisions?; population [\d,]+, ONS mid-2020 estimate\)"
                     r"(; too few cases to compare)?$", focused)
    first = page.evaluate("document.activeElement.dataset.gss")
    page.keyboard.press("ArrowRight")
    moved = page.evaluate("document.activeElement.dataset.gss")
    assert moved and moved != first
    assert readout.inner_text() == page.evaluate("document.activeElement.getAttribute('aria-label')")
    page.keyboard.press("Tab")  # on to the county map, not through every district
    assert page.evaluate("document.activeElement.closest('svg').dataset.mapTier") == "county"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.dataset.gss") == moved  # the map remembers where you were
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/councils/[-a-z]+/2017-18/$"))


def test_search_and_type_filter(site, page, browser):
    open_map(page, f"{site}/map/2017-18/", "2017-18")
    page.locator("#map-search").fill("sef")
    expect(page.locator(AREAS)).to_have_count(1)
    ready(page, "2017-18")
    assert [a["gss"] for a in drawn(page)] == ["E08000014"]
    assert [r["gss"] for r in table(page)] == ["E08000014"]
    assert "q=sef" in page.url and "q=sef" in page.locator("[data-map-csv]").get_attribute("href")
    assert page.locator("svg .upheld-map__filtered").count() > 300  # the others stay on the map, greyed

    page.locator("#map-search").fill("")
    page.locator("#map-type").select_option("county")
    expect(page.locator("svg[data-map-tier=district] a.upheld-map__area")).to_have_count(0)
    ready(page, "2017-18")
    areas = drawn(page)
    councils = data(page, "2017-18")["councils"]
    assert sorted(a["gss"] for a in areas) == sorted(c["gss"] for c in councils if c["type"] == "county")
    assert_table_matches_map(page, "uphold_rate")

    # The key picks out a band's councils: a cue that does not depend on colour.
    page.locator("[data-map-legend] button").first.click()
    ready(page, "2017-18")
    assert page.locator("[data-map-legend] button").first.get_attribute("aria-pressed") == "true"
    assert page.locator("[data-upheld-map].upheld-map--picking").count() == 1

    # Without JavaScript: the same filter, as a plain form and table.
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(f"{site}/map/?year=2017-18&q=sef")
    assert plain.url.endswith("/map/2017-18/?q=sef")
    assert [r["gss"] for r in table(plain)] == ["E08000014"]
    assert plain.locator("#map").is_hidden()
    context.close()
