"""HTML letters: a self-contained page with real tables carrying every figure."""

from html.parser import HTMLParser

from tests.letters.conftest import SEFTON
from tests.table_headers import unnamed_headers
from upheld.letters.batch import letters_for
from upheld.letters.html import render_html
from upheld.years import ReportingYear


class Tables(HTMLParser):
    """Each table's caption, header cells (with their attributes) and body rows."""

    def __init__(self, page: str):
        super().__init__()
        self.tables: dict[str, dict] = {}
        self._table = self._cell = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._table = {"caption": "", "headers": [], "rows": []}
        elif tag == "tr" and self._table is not None:
            self._table["rows"].append([])
        elif tag in {"th", "td", "caption"} and self._table is not None:
            self._cell = {"tag": tag, "text": "", **dict(attrs)}

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data

    def handle_endtag(self, tag):
        if tag in {"th", "td"} and self._cell is not None:
            if tag == "th" and self._cell.get("scope") in {"col", "colgroup"}:
                self._table["headers"].append(self._cell)
            else:
                self._table["rows"][-1].append(self._cell["text"])
            self._cell = None
        elif tag == "caption":
            self._table["caption"] = self._cell["text"]
            self._cell = None
        elif tag == "table":
            self._table["rows"] = [row for row in self._table["rows"] if row]
            self.tables[self._table["caption"]] = self._table
            self._table = None


def sefton_html(year) -> str:
    (letter, _), = letters_for(year, SEFTON)
    return render_html(letter)


def test_sefton_2017_18_tables_in_html(sefton_2017):
    page = sefton_html(ReportingYear(2017))
    tables = Tables(page).tables
    assert tables["Complaints and enquiries received"]["rows"] == [
        ["19", "6", "6", "14", "2", "4", "1", "6", "1", "59"]]
    assert [th["text"] for th in tables["Complaints and enquiries received"]["headers"]] == [
        "Adult Care Services", "Benefits and Tax", "Corporate and Other Services",
        "Education and Children's Services", "Environment Services", "Highways and Transport", "Housing",
        "Planning and Development", "Other", "Total"]
    decisions = tables["Decisions made"]
    assert decisions["rows"] == [["4", "0", "24", "14", "9", "12", "57%", "63"]]
    grouped = next(th for th in decisions["headers"] if th["text"] == "Detailed Investigations")
    assert (grouped["scope"], grouped["colspan"]) == ("colgroup", "2")
    assert [th["text"] for th in decisions["headers"] if th.get("rowspan") is None and th.get("colspan") is None] \
        == ["Not Upheld", "Upheld"]
    assert tables["Complaints remedied"]["rows"] == [["10", "0"]]
    assert '<html lang="en-GB">' in page
    assert "<title>Annual review letter 2018: Sefton Metropolitan Borough Council</title>" in page
    assert '<time datetime="2018-07-18">18 July 2018</time>' in page
    assert "<li>Chris Scrutiny, Chair of scrutiny</li>" in page


def test_every_figure_names_its_headers_in_both_rows_of_the_decisions_table(sefton_2017):
    """Issue 14: "Decisions made" has two header rows, which `scope` alone cannot tie to its figures (H43)."""
    page = sefton_html(ReportingYear(2017))
    assert '<td headers="decisions-made-1-5 decisions-made-2-6" class="figure">12</td>' in page  # Upheld
    assert unnamed_headers(page) == []


def test_2023_24_measures_in_html_with_row_headers(year_2023):
    page = sefton_html(ReportingYear(2023))
    assert '<th id="key-measures-2-1" scope="row">Complaints upheld</th>' in page
    tables = Tables(page).tables
    assert tables["Key measures"]["rows"][0][:3] == ["Complaints upheld", "88%", "69%"]
    assert tables["Complaints and enquiries dealt with"]["rows"] == [["11", "2", "1", "8"]]


def test_text_is_escaped(sefton):
    sefton.contacts.filter(role="chief executive").update(name="<script>alert(1)</script>")
    page = sefton_html(ReportingYear(2017))
    assert "<script>" not in page
    assert "Dear &lt;script&gt;alert(1)&lt;/script&gt;," in page
