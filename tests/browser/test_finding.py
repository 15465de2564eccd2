"""Finding a council in a real browser, without JavaScript (the results page) and with it (the accessible
autocomplete, which suggests what the results page would list); and sorting the comparison tables and the
map's table by keyboard, with aria-sort and a spoken announcement. axe finds nothing wrong with any of it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

OPTIONS = "ul.autocomplete__menu li.autocomplete__option:not(.autocomplete__option--no-results)"


@pytest.fixture
def page_without_javascript(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, java_script_enabled=False)
    yield context.new_page()
    context.close()


def found(page) -> list[str]:
    """The councils on a results page, in order, with what is said beside each."""
    return [" ".join(item.split()) for item in page.locator("ul.upheld-results li").all_inner_texts()]


def suggestions(page) -> list[str]:
    page.wait_for_selector(OPTIONS)
    return [" ".join(item.split()) for item in page.locator(OPTIONS).all_inner_texts()]


def test_name_and_postcode_search_without_javascript(site, page_without_javascript):
    page = page_without_javascript
    page.goto(f"{site}/")
    page.get_by_label("Find a council").fill("Tewkesbury")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/councils/search/\?q=Tewkesbury$"))
    assert found(page) == ["North Gloucestershire North Gloucestershire Council. Formerly Tewkesbury"]
    page.get_by_role("link", name="North Gloucestershire").click()
    expect(page.locator("h1")).to_have_text("North Gloucestershire Council")

    page.goto(f"{site}/councils/")
    page.get_by_label("Find a council").fill("L20 3QX")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/councils/search/\?q=L20\+3QX$"))
    assert found(page) == ["Sefton Sefton Metropolitan Borough Council. 1,374 postcodes in L20",
                           "Liverpool Liverpool City Council. 155 postcodes in L20",
                           "Wirral Wirral Borough Council. 1 postcode in L20"]
    page.get_by_role("link", name="Sefton").click()
    expect(page.locator("h1")).to_have_text("Sefton Metropolitan Borough Council")


def test_suggestions_as_you_type_open_the_council_chosen(site, page):
    page.goto(f"{site}/")
    box = page.get_by_role("combobox", name="Find a council")
    box.press_sequentially("Tewk")
    assert suggestions(page) == ["North Gloucestershire North Gloucestershire Council. Formerly Tewkesbury"]
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/councils/north-gloucestershire/$"))

    page.goto(f"{site}/map/")
    box = page.get_by_role("combobox", name="Find a council")
    box.press_sequentially("GL20 5AA")
    assert suggestions(page) == [
        "North Gloucestershire North Gloucestershire Council. district, unitary council or borough: "
        "1,007 postcodes in GL20",
        "Wychavon Wychavon District Council. district, unitary council or borough: 162 postcodes in GL20",
        "Malvern Hills Malvern Hills District Council. district, unitary council or borough: 44 postcodes in GL20",
        "Gloucestershire Gloucestershire County Council. county council: 1,007 postcodes in GL20",
        "Worcestershire Worcestershire County Council. county council: 206 postcodes in GL20"]
    page.get_by_role("option", name=re.compile("^Gloucestershire")).click()
    page.wait_for_url(re.compile(r"/councils/gloucestershire/$"))


@pytest.mark.parametrize("query", ["york", "Bristol", "hull", "E08000016", "L20", "st helens"])
def test_the_suggestions_are_the_results_pages_councils(site, page, query):
    """The browser matches and ranks as the server does: the same councils, in the same order."""
    page.goto(f"{site}/councils/search/?q={query}")
    expected = [line.split(".")[0] for line in found(page)]
    box = page.get_by_role("combobox", name="Find a council")
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function("q => document.querySelector('#find-council').value === q", arg=query)
    shown = [line.split(".")[0] for line in suggestions(page)]
    assert shown == expected[:len(shown)] and shown


def test_the_search_button_opens_the_results_page_while_suggestions_show(site, page):
    page.goto(f"{site}/councils/")
    box = page.get_by_role("combobox", name="Find a council")
    box.press_sequentially("L20")
    suggestions(page)
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/councils/search/\?q=L20$"))
    assert [line.split(" ")[0] for line in found(page)] == ["Sefton", "Liverpool", "Wirral"]


def header_cells(table) -> dict[str, str | None]:
    return dict(zip(table.locator("thead th").all_inner_texts(),
                    [th.get_attribute("aria-sort") for th in table.locator("thead th").all()], strict=True))


def column(table, index: int) -> list[str]:
    return [row.locator("th, td").nth(index).inner_text().strip() for row in table.locator("tbody tr").all()]


def as_numbers(texts: list[str]) -> list[float | None]:
    return [None if text == "-" else float(text.rstrip("%").replace(",", "")) for text in texts]


def test_the_comparison_tables_sort_by_keyboard_and_say_so(site, page):
    page.goto(f"{site}/councils/sefton/2018-19/")
    table = page.locator("table", has=page.locator("caption", has_text="Nearest neighbours of Sefton"))
    assert header_cells(table)["Nearness"] == "ascending"
    assert column(table, 1)[0] == "this council"
    page.get_by_role("button", name="Complaints upheld").first.focus()
    page.keyboard.press("Enter")
    assert header_cells(table) == {"Council": None, "Nearness": None, "Complaints upheld": "ascending",
                                   "Detailed investigations": None, "Upheld per 100,000 residents": None,
                                   "Compliance with recommendations": None,
                                   "Satisfactory remedy by the council": None}
    expect(page.get_by_role("status").filter(has_text="Sorted by")).to_have_text(
        "Sorted by Complaints upheld, ascending")
    rates = as_numbers(column(table, 2))
    known = [rate for rate in rates if rate is not None]
    assert known == sorted(known) and rates[len(known):] == [None] * (len(rates) - len(known))  # dashes last
    page.keyboard.press("Space")
    assert header_cells(table)["Complaints upheld"] == "descending"
    rates = as_numbers(column(table, 2))
    known = [rate for rate in rates if rate is not None]
    assert known == sorted(known, reverse=True) and rates[len(known):] == [None] * (len(rates) - len(known))
    # The council the page is about is still picked out, wherever it now is.
    this = table.locator("tbody tr[data-this-council]")
    expect(this).to_have_count(1)
    expect(this.locator("th")).to_have_text("Sefton (this council)")


def test_the_map_table_sorts_by_any_column_and_keeps_its_order_when_redrawn(site, page, screenshot):
    page.goto(f"{site}/map/2017-18/")
    page.wait_for_selector("[data-upheld-map][data-ready='2017-18']:not([aria-busy])")
    table = page.locator("table[data-map-table]")
    assert header_cells(table)["Council"] == "ascending"
    page.get_by_role("button", name="Based on").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert header_cells(table)["Based on"] == "descending"
    bases = [int(text.split(" ")[0].replace(",", "")) for text in column(table, 3)]
    assert bases == sorted(bases, reverse=True)
    page.get_by_role("button", name="Complaints upheld").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Sorted by")).to_have_text(
        "Sorted by Complaints upheld, ascending")
    page.get_by_label("Compliance with recommendations").check()
    page.wait_for_selector("[data-upheld-map][data-ready='2017-18']:not([aria-busy])")
    expect(table.locator("thead th").nth(2)).to_have_text("Compliance with recommendations")
    assert header_cells(table)["Compliance with recommendations"] == "ascending"
    values = as_numbers(column(table, 2))
    known = [value for value in values if value is not None]
    assert known == sorted(known) and values[len(known):] == [None] * (len(values) - len(known))
    screenshot(page, "map-table-sorted.png")


def test_no_axe_violations_with_suggestions_open_or_a_table_sorted(site, axe_page):
    axe_page.goto(f"{site}/")
    axe_page.get_by_role("combobox", name="Find a council").press_sequentially("shire")
    axe_page.wait_for_selector(OPTIONS)
    problems = [f"/: {v['id']}: {v['help']}" for v in axe_page.axe_violations()]
    axe_page.goto(f"{site}/councils/sefton/2018-19/")
    axe_page.get_by_role("button", name="Upheld per 100,000 residents").first.click()
    problems += [f"council: {v['id']}: {v['help']}" for v in axe_page.axe_violations()]
    assert not problems, "\n".join(problems)
