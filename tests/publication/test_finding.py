"""Finding a council without JavaScript: the results page by name, short name, other and former name,
GSS code, postcode and postcode district; the A–Z list by the name people use, with letter links; and the
index the search box's suggestions are made from."""

import html
import re

import pytest

from tests.publication.page_reader import get_page
from upheld.publication.finder import normalise, rank


def results(page) -> list[str]:
    """The councils found, in order: the name linked, then what the page says beside it."""
    found = re.findall(r'<li><a class="govuk-link govuk-!-font-weight-bold" href="([^"]+)">([^<]+)</a>'
                       r' <span class="govuk-body-s">([^<]*)</span>', page.html)
    return [html.unescape(f"{name} | {' '.join(detail.split())}") for _, name, detail in found]


def search(client, query: str):
    return get_page(client, "/councils/search/?" + f"q={query}".replace(" ", "+"))


@pytest.mark.parametrize(("query", "first"), [
    ("Bristol", "Bristol | Bristol City Council"),  # the name people use
    ("city of bristol", "Bristol | Bristol City Council"),  # the short name
    ("Bristol, City of", "Bristol | Bristol City Council"),  # another name, punctuation and all
    ("kingston upon hull", "Hull | Hull City Council"),
    ("Durham", "Durham | Durham County Council"),
    ("hammersmith & fulham", "Hammersmith and Fulham | London Borough of Hammersmith & Fulham"),
    ("st helens", "St. Helens | St Helens Council"),
    ("E08000014", "Sefton | Sefton Metropolitan Borough Council"),  # the GSS code
    ("e08000016", "Barnsley | Barnsley Metropolitan Borough Council"),  # a former one (recoded in 2025)
])
def test_a_council_is_found_by_any_of_its_names_and_codes(client, released_2017_18, query, first):
    assert results(search(client, query))[0] == first


def test_a_former_name_finds_the_council_with_a_note(client, released_2017_18):
    page = search(client, "Tewkesbury")
    assert results(page) == ["North Gloucestershire | North Gloucestershire Council. Formerly Tewkesbury"]
    assert "/councils/north-gloucestershire/" in page.links
    assert "1 council found for “Tewkesbury”" in page.text


def test_best_matches_first_then_a_to_z(client, released_2017_18):
    found = [line.split(" | ")[0] for line in results(search(client, "york"))]
    # "York" is the whole name; then names with a word starting "York", A–Z.
    assert found == ["York", "East Riding of Yorkshire", "North Yorkshire"]


@pytest.mark.parametrize("query", ["L20 3QX", "l203qx", "L20"])
def test_a_postcode_finds_every_council_it_lies_in_most_postcodes_first(client, released_2017_18, query):
    page = search(client, query)
    assert results(page) == ["Sefton | Sefton Metropolitan Borough Council. 1,374 postcodes in L20",
                             "Liverpool | Liverpool City Council. 155 postcodes in L20",
                             "Wirral | Wirral Borough Council. 1 postcode in L20"]
    if " " in query:
        assert "We look a postcode up by its district, L20: L20 3QX is in one of these councils' areas." in page.text


def test_a_postcode_finds_both_tiers(client, released_2017_18):
    page = search(client, "GL20 5AA")
    assert ("h3", "District, unitary council or borough") in page.headings
    assert ("h3", "County council") in page.headings
    found = results(page)
    assert found[0] == "North Gloucestershire | North Gloucestershire Council. 1,007 postcodes in GL20"
    assert "Gloucestershire | Gloucestershire County Council. 1,007 postcodes in GL20" in found
    assert "Worcestershire | Worcestershire County Council. 206 postcodes in GL20" in found


@pytest.mark.parametrize(("query", "says"), [
    ("", "Enter the name of a council, or a postcode."),
    ("Atlantis", "No council's name contains “Atlantis”."),
    ("ZZ99 9ZZ", "We found no council for the postcode district ZZ99."),
    ("E09999999", "No council with published figures has the code E09999999."),
    ("<script>", "No council's name contains “<script>”."),
])
def test_nothing_found_says_why(client, released_2017_18, query, says):
    page = search(client, query)
    assert says in page.text
    assert not results(page)
    assert "<script>”" not in page.html  # escaped


def test_only_released_years_councils_are_found(client, db):
    page = search(client, "Sefton")
    assert not results(page)


def test_the_a_to_z_goes_by_the_name_people_use_with_letter_links(client, released_2017_18):
    page = get_page(client, "/councils/")
    letters = re.findall(r'href="#letter-([A-Z])"', page.html)
    assert letters == sorted(set(letters)) and len(letters) > 20
    for letter in letters:
        assert f'id="letter-{letter}"' in page.html
    sections = dict(re.findall(r'id="letter-([A-Z])">.*?</h2>\s*<ul class="govuk-list upheld-az">(.*?)</ul>',
                               page.html, re.DOTALL))
    assert ">Bristol</a> <span class=\"govuk-body-s\">Bristol City Council</span>" in sections["B"]
    assert ">Durham</a>" in sections["D"] and ">Hull</a>" in sections["H"]
    assert "Bristol" not in sections["C"] and "Hull" not in sections["K"]
    names = re.findall(r'<li><a class="govuk-link" href="/councils/[-a-z0-9]+/">([^<]+)</a>', page.html)
    assert names == sorted(names, key=str.casefold)
    assert 'action="/councils/search/"' in page.html  # the search box


def test_the_suggestions_index_holds_the_same_councils_and_postcodes(client, released_2017_18):
    index = client.get("/councils/find.json").json()
    by_name = {council["name"]: council for council in index["councils"]}
    assert len(by_name) == 353
    tewkesbury = by_name["North Gloucestershire"]
    assert tewkesbury["former"] == {"tewkesbury": "Tewkesbury",
                                    "tewkesbury borough council": "Tewkesbury Borough Council"}
    assert tewkesbury["url"] == "/councils/north-gloucestershire/" and tewkesbury["codes"] == ["E07000083"]
    assert by_name["Barnsley"]["codes"] == ["E08000038", "E08000016"]
    assert [index["councils"][place]["name"] for place, _, _ in index["postcodes"]["L20"]] == [
        "Sefton", "Liverpool", "Wirral"]
    assert [c["name"] for c in index["councils"]] == sorted(by_name, key=str.casefold)


def test_names_are_compared_normalised():
    assert normalise("  St. Helens ") == "st helens"
    assert normalise("Telford & Wrekin") == "telford and wrekin"
    assert [rank("york", "york"), rank("york city", "york"), rank("north york", "york"), rank("newyork", "york"),
            rank("leeds", "york")] == [0, 1, 2, 3, None]
