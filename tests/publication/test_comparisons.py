"""A council's page lists its ONS nearest neighbours and its similar authorities with their figures for the
year, the council's own row picked out, in a meaningful order without JavaScript and ready to sort with it;
the map's table is ready to sort too. Every figure per residents says which population estimate it uses."""

import re
from html.parser import HTMLParser

from tests.publication.page_reader import get_page
from upheld.authorities.models import Authority
from upheld.authorities.neighbours import nearest
from upheld.authorities.populations import load_populations
from upheld.publication.comparisons import estimates_sentence
from upheld.releases.published import published
from upheld.stats.annual import CouncilYear


class SortableTables(HTMLParser):
    """Each sortable table's caption, headings (text, sort type, aria-sort) and rows (cells with their sort
    values, and whether the row is the page's own council)."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: dict[str, dict] = {}
        self._table = self._cell = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-sortable" in attrs:
            self._table = {"caption": "", "headings": [], "rows": []}
        elif self._table is None:
            return
        elif tag == "tbody":
            self._table["body"] = True
        elif tag == "tr" and self._table.get("body"):
            self._table["rows"].append({"this": "data-this-council" in attrs, "cells": []})
        elif tag in {"th", "td", "caption"}:
            self._cell = {"tag": tag, "text": "", **attrs}

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data

    def handle_endtag(self, tag):
        if self._table is None:
            return
        if tag in {"th", "td", "caption"} and self._cell is not None:
            cell, self._cell = self._cell, None
            cell["text"] = " ".join(cell["text"].split())
            if tag == "caption":
                self._table["caption"] = cell["text"]
            elif cell.get("scope") == "col":
                self._table["headings"].append((cell["text"], cell.get("data-sort-type"), cell.get("aria-sort")))
            else:
                self._table["rows"][-1]["cells"].append((cell["text"], cell.get("data-sort-value")))
        elif tag == "table":
            self.tables[self._table["caption"]] = self._table
            self._table = None


def tables(client, url: str) -> dict[str, dict]:
    return SortableTables(get_page(client, url).html).tables


def test_the_nearest_neighbours_nearest_first_with_the_council_first_and_picked_out(client, released_2017_18):
    found = tables(client, "/councils/sefton/2017-18/")["Nearest neighbours of Sefton, 2017-18"]
    assert found["headings"] == [
        ("Council", "text", None), ("Nearness", "number", "ascending"), ("Complaints upheld", "number", None),
        ("Detailed investigations", "number", None), ("Upheld per 100,000 residents", "number", None),
        ("Compliance with recommendations", "number", None), ("Satisfactory remedy by the council", "number", None)]
    sefton, *others = found["rows"]
    assert sefton["this"] and not any(row["this"] for row in others)
    # The reference letter's 12 upheld of 21 detailed investigations; 12 per 275,899 residents.
    assert sefton["cells"] == [("Sefton (this council)", "Sefton"), ("this council", "0"),
                               ("57%", repr(100 * 12 / 21)), ("21", "21"), ("4.3", "4.3"),
                               ("-", ""), ("0%", "0.0")]
    ranks = [int(row["cells"][1][0]) for row in others]
    assert ranks == sorted(ranks) and ranks[0] == 1


def test_neighbours_without_figures_for_the_year_are_named_not_listed(client, released_2017_18):
    """Bournemouth, Christchurch and Poole began in 2019: it is one of Sefton's nearest neighbours, but has no
    figures for 2017-18, so it is named beneath that year's table, not listed in it."""
    page = get_page(client, "/councils/sefton/2017-18/")
    table = SortableTables(page.html).tables["Nearest neighbours of Sefton, 2017-18"]
    neighbours = nearest(Authority.objects.get(gss="E08000014"))
    ranks = [int(row["cells"][1][0]) for row in table["rows"][1:]]
    absent = [n.name for n in neighbours if n.rank not in ranks]
    assert absent and "Bournemouth, Christchurch and Poole" in absent and len(ranks) + len(absent) == 15
    assert "Not in the table, as they have no figures for 2017-18: " + ", ".join(absent) + "." in page.text


def test_the_similar_authorities_a_to_z_with_every_council_of_the_type(client, released_2017_18):
    found = tables(client, "/councils/sefton/2017-18/")["Similar authorities: all Metropolitan Boroughs, 2017-18"]
    assert found["headings"][0] == ("Council", "text", "ascending")
    names = [row["cells"][0][1] for row in found["rows"]]
    assert len(names) == 36 and names == sorted(names, key=str.casefold)
    assert [row["cells"][0][0] for row in found["rows"] if row["this"]] == ["Sefton (this council)"]
    # A council with no detailed investigations has no rate: a dash, and an empty sort value (it sorts last).
    barnsley = next(row for row in found["rows"] if row["cells"][0][1] == "Barnsley")
    assert barnsley["cells"][1] == ("-", "")


def test_the_page_says_which_population_estimate_each_figure_uses(client, released_2017_18):
    page = get_page(client, "/councils/sefton/2017-18/")
    assert "Upheld per 100,000 residents: 2017-18 uses the ONS mid-2020 estimate." in page.text
    assert "Upheld decisions per 100,000 residents use the ONS mid-2020 estimate of each council's population" \
        in page.text


def test_after_loading_the_estimates_a_release_uses_each_years_own(client, db):
    """Setup loads ONS's estimates before the year is released: the frozen figures carry mid-2017's."""
    from tests.builders import Y2017, build_sefton_2017_18
    from upheld.releases.freezing import schedule_release

    load_populations()
    build_sefton_2017_18(Authority.objects.get(gss="E08000014"))
    schedule_release(Y2017)
    council = published().statistics(Y2017).council("E08000014")
    assert (council.population, council.population_basis) == (274_589, "ONS mid-2017 estimate")
    page = get_page(client, "/councils/sefton/2017-18/")
    assert "2017-18 uses the ONS mid-2017 estimate" in page.text
    data = client.get("/map/2017-18/data.json").json()
    sefton = next(c for c in data["councils"] if c["gss"] == "E08000014")
    assert sefton["figures"]["upheld_per_100k"]["base"] == "12 upheld decisions; population 274,589, " \
                                                           "ONS mid-2017 estimate"


def test_estimates_sentence_names_the_councils_on_another_estimate():
    def council(name, population, basis):
        return CouncilYear(population=population, population_basis=basis,
                           authority=Authority(short_name=name, name=name))

    councils = [council("A", 1, "ONS mid-2019 estimate"), council("B", 1, "ONS mid-2019 estimate"),
                council("C", 1, "ONS mid-2018 estimate"), council("D", None, None)]
    assert estimates_sentence(councils) == (
        "Upheld decisions per 100,000 residents use the ONS mid-2019 estimate of each council's population; "
        "ONS mid-2018 estimate for C; population not known for D.")


def test_the_map_table_is_ready_to_sort_in_a_meaningful_order_without_it(client, released_2017_18):
    page = get_page(client, "/map/2017-18/?measure=upheld_per_100k")
    table = next(t for t in SortableTables(page.html).tables.values() if t["caption"].startswith("Upheld"))
    assert table["headings"] == [("Council", "text", "ascending"), ("Type", "text", None),
                                 ("Upheld decisions per 100,000 residents", "number", None),
                                 ("Based on", "number", None)]
    names = [row["cells"][0][0] for row in table["rows"]]
    assert names == sorted(names, key=lambda name: name)  # A–Z, as the map names them
    sefton = next(row for row in table["rows"] if row["cells"][0][0] == "Sefton")
    assert sefton["cells"][2:] == [("4.3", "4.3"),
                                   ("12 upheld decisions; population 275,899, ONS mid-2020 estimate", "12")]
    assert re.search(r"Select a column's heading to sort the table by it", page.text)
