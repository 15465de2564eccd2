"""The decision search: words, phrases, filters, orders, pages, the cap on a
common word, passages and their escaping, CSV. Every expectation is exact, so
the same tests on SQLite and on PostgreSQL (`scripts/with-postgres`) show
the two databases give the same results."""

import csv
import io

import pytest

from upheld.decisions import search as searching
from upheld.decisions.models import Statement
from upheld.decisions.search import SearchParams, parse_terms, search

from .conftest import D, make_statement

BODY = "The complaint\n{}\nFinal decision\nI have completed my investigation."


@pytest.fixture
def corpus(db, sefton, wirral, on_today, figures_released):
    """Named statements, in decision-date order; and some that must never be found."""
    made = {
        "bed": make_statement(sefton, decided=D(2022, 1, 10), remedy="satisfactory_by_authority",
                              summary="Mrs X complained about bed and breakfast accommodation for her family.",
                              body=BODY.format("The family was homeless.")),
        "fees": make_statement(sefton, decided=D(2022, 2, 10), outcome="not_upheld", category="adult_care",
                               summary="Mr Y complained about the fees for his father's care home.",
                               body=BODY.format("The Council explained the charges.")),
        "fee": make_statement(wirral, decided=D(2022, 3, 10), category="adult_care", remedy="by_ombudsman",
                              summary="Ms Z complained about a care home fee. We found fault.",
                              body=BODY.format("The care home fee was not explained."),
                              service_improvements="Review the charging procedure."),
        "home care": make_statement(wirral, decided=D(2022, 4, 10), category="adult_care", outcome="not_upheld",
                                    summary="Mrs W complained about home visits.",
                                    body=BODY.format("Her care at home was arranged promptly.")),
        "permit": make_statement(wirral, decided=D(2022, 6, 1), category="highways", outcome="closed_initial",
                                 summary="Mr B complained about a parking penalty.",
                                 body=BODY.format("He had a valid parking permit.")),
        "fine": make_statement(sefton, decided=D(2022, 7, 1), category="highways",
                               summary="Mrs C complained about a parking fine.",
                               body=BODY.format("The Council did not consider her evidence.")),
        "homeless summary": make_statement(sefton, decided=D(2022, 8, 1), outcome="not_upheld",
                                           summary="Mr D said he was homeless and the Council did not help.",
                                           body=BODY.format("The Council provided accommodation.")),
        "xss": make_statement(sefton, decided=D(2022, 9, 1), category="highways",
                              summary="<script>alert('x')</script> Parking & \"quotes\"",
                              body=BODY.format("<b>bold</b> parking <img src=x onerror=alert(1)>")),
    }
    # Never found: not to be published, withdrawn, and too recent (TODAY is 1 June 2024).
    make_statement(sefton, decided=D(2022, 5, 1), summary="A parking complaint.", publish=False)
    make_statement(sefton, decided=D(2022, 5, 2), summary="A parking complaint by Mrs Smith.")  # flagged
    make_statement(sefton, decided=D(2024, 4, 1), summary="A recent parking complaint.")
    return {name: statement.reference for name, statement in made.items()}


def references(results):
    return [hit.statement.reference for hit in results.hits]


def run(query, **kwargs):
    params, errors = SearchParams.from_query(query)
    assert errors == {}, errors
    return search(params, **kwargs)


@pytest.mark.parametrize(("query", "expected"), [
    ({"q": "parking"}, ["xss", "fine", "permit"]),
    ({"q": "PARKING penalty"}, ["permit"]),
    ({"q": "fees"}, ["fee", "fees"]),  # stemmed: "fees" finds "fee"
    ({"q": "care home"}, ["home care", "fee", "fees"]),
    ({"q": '"care home"'}, ["fee", "fees"]),  # as a phrase, not "care at home"
    ({"q": "parking -permit"}, ["xss", "fine"]),
    ({"q": "the homeless"}, ["homeless summary", "bed"]),  # "the" is too common to search for
    ({"q": "parking", "council": "sefton"}, ["xss", "fine"]),
    ({"q": "care", "outcome": "not_upheld"}, ["home care", "fees"]),
    ({"q": "homeless", "remedy": "satisfactory"}, ["bed"]),
    ({"q": "fee", "improvement": "1"}, ["fee"]),
    ({"q": "care", "category": "adult_care", "from": "2022-02-10", "to": "2022-03-31"}, ["fee", "fees"]),
    ({"council": "wirral", "category": "adult_care"}, ["home care", "fee"]),
    ({"outcome": "upheld", "council": "sefton", "remedy": "satisfactory"}, ["bed"]),
    ({"q": "asbestos"}, []),
])
def test_matches_newest_first(corpus, query, expected):
    results = run({**query, "order": "date"})
    assert references(results) == [corpus[name] for name in expected]
    assert results.total == len(expected) and not results.more


def test_relevance_puts_a_summary_match_first(corpus):
    assert references(run({"q": "homeless"})) == [corpus["homeless summary"], corpus["bed"]]
    assert run({"q": "homeless"}).params.effective_order == "relevance"
    assert run({"q": "homeless", "order": "date"}).params.effective_order == "date"


def test_every_search_plan_gives_the_same_results(corpus, monkeypatch, settings):
    """PostgreSQL reads the newest statements and tests each, or collects the matches from its index."""
    queries = [{"q": "parking"}, {"q": "care", "council": "wirral"}, {"q": "care home", "outcome": "not_upheld"}]
    expected = [references(run({**query, "order": "date"})) for query in queries]
    for common in (0.0, 2.0):
        monkeypatch.setattr(searching, "COMMON_SHARE", common)
        assert [references(run({**query, "order": "date"})) for query in queries] == expected


def test_a_common_word_lists_only_the_newest(corpus, monkeypatch, sefton):
    for day in range(1, 26):
        make_statement(sefton, decided=D(2023, 1, day), summary=f"A council decision, number {day}.")
    monkeypatch.setattr(searching, "RESULT_LIMIT", 12)
    results = run({"q": "council decision"})
    assert results.more and results.total == 12 and results.pages == 2
    newest = list(Statement.objects.filter(summary__startswith="A council decision").order_by("-decided")[:12])
    assert set(searching.ranked_matches(results.params)[:12]) == {s.id for s in newest}
    assert references(run({"q": "council decision", "order": "date"})) == [s.reference for s in newest[:10]]


def test_pages_of_ten(corpus, sefton):
    for day in range(1, 24):
        make_statement(sefton, decided=D(2021, 1, day), summary="Another complaint.")
    everything = run({})
    assert everything.total == 8 + 23 and everything.pages == 4
    page = run({"page": "4"})
    assert (page.first, page.last, len(page.hits)) == (31, 31, 1)
    assert run({"page": "99"}).page == 4  # past the end: the last page
    assert run({"q": "another", "page": "3"}).first == 21
    assert references(run({"q": "another", "page": "3"}))[-1] == Statement.objects.filter(
        summary="Another complaint.").order_by("decided").first().reference


def test_shareable_addresses(corpus, sefton):
    params, _ = SearchParams.from_query({"q": "care  home", "council": "sefton", "improvement": "on",
                                         "from": "2022-01-01", "order": "date", "page": "2"})
    assert params.query_string() == "q=care+home&council=sefton&improvement=1&from=2022-01-01&order=date&page=2"
    assert SearchParams.from_query(dict(item.split("=") for item in params.query_string(page=1).split("&")))[0] \
        == SearchParams.from_query({"q": "care+home", "council": "sefton", "improvement": "1",
                                    "from": "2022-01-01", "order": "date"})[0]


@pytest.fixture
def filed(db, sefton, wirral, on_today):
    """Statements whose subcategory is in no word of their text."""
    return {
        "transport": make_statement(sefton, decided=D(2022, 3, 1), category="education_children",
                                    subcategory="School transport", summary="Mrs X was refused a bus pass for her son.",
                                    body=BODY.format("The Council applied its policy.")).reference,
        "admissions": make_statement(wirral, decided=D(2022, 4, 1), category="education_children",
                                     subcategory="School admissions", summary="Mr Y appealed for a place for his son.",
                                     body=BODY.format("The panel heard the appeal.")).reference,
        "adult transport": make_statement(wirral, decided=D(2022, 5, 1), category="adult_care",
                                          subcategory="Transport", summary="Ms Z was refused a place for her son.",
                                          body=BODY.format("The day centre was far away.")).reference,
    }


@pytest.mark.parametrize(("query", "expected"), [
    ({"q": "school transport"}, ["transport"]),
    ({"q": '"school transport"'}, ["transport"]),
    ({"q": "transport"}, ["adult transport", "transport"]),
    ({"q": "son", "subcategory": "School transport"}, ["transport"]),
    ({"q": "son -transport"}, ["admissions"]),
    ({"subcategory": "Transport"}, ["adult transport"]),
    ({"category": "education_children", "subcategory": "School admissions"}, ["admissions"]),
    ({"q": "place", "category": "adult_care", "subcategory": "Transport"}, ["adult transport"]),
])
def test_the_words_and_the_filters_find_a_subcategory(filed, monkeypatch, query, expected):
    for common in (0.0, 2.0):  # both of PostgreSQL's plans
        monkeypatch.setattr(searching, "COMMON_SHARE", common)
        assert references(run({**query, "order": "date"})) == [filed[name] for name in expected]


def test_a_subcategory_the_search_does_not_know_is_reported(filed):
    params, errors = SearchParams.from_query({"category": "housing", "subcategory": "School transport"})
    assert errors == {"subcategory": "Housing has no subcategory 'School transport'"}
    assert params == SearchParams(category="housing")
    params, errors = SearchParams.from_query({"subcategory": "Moon landings"})
    assert errors == {"subcategory": "There is no subcategory 'Moon landings'"} and params == SearchParams()
    assert SearchParams.from_query({"subcategory": "school TRANSPORT"})[0].subcategory == "School transport"


def test_subcategories_offered_are_those_of_public_statements(filed, sefton):
    make_statement(sefton, decided=D(2022, 5, 1), category="housing", subcategory="Secret", publish=False)
    assert searching.subcategories() == [("adult_care", ["Transport"]),
                                         ("education_children", ["School admissions", "School transport"])]


def test_unusable_parameters_are_reported_not_fatal(db):
    params, errors = SearchParams.from_query({"council": "atlantis", "category": "x", "outcome": "lost",
                                              "from": "31/12/2020", "to": "2020-01-01", "order": "random",
                                              "page": "minus"})
    assert set(errors) == {"council", "category", "outcome", "from", "order"}
    assert params == SearchParams(date_to=D(2020, 1, 1))


@pytest.mark.parametrize(("text", "terms"), [
    ('care home "bed and breakfast" -parking', [("care",), ("home",), ("bed", "and", "breakfast"), ("parking",)]),
    ("council's fees, the", [("council",), ("fees",)]),  # "s" and "the" are stop words
    ('"the and"', []),
])
def test_query_terms(text, terms):
    assert [term.words for term in parse_terms(text)] == terms


def test_query_syntax_cannot_break_the_full_text_query(corpus):
    for text in ['"', 'NEAR(parking)', "parking OR *", "-", "AND NOT", "'; DROP TABLE x; --", "café ☕ 北京"]:
        run({"q": text})  # no error on either database


def test_notices(corpus):
    assert run({"q": "the and"}).notices == [
        "The words searched for are too common to search for; showing all decisions."]
    assert run({"q": "-parking"}).notices == [
        "A search needs at least one word to find, not only words to leave out."]


def test_passages_are_marked_and_escaped(corpus):
    hit = run({"q": "parking", "council": "sefton"}).hits[0]
    assert hit.statement.reference == corpus["xss"]
    assert str(hit.summary) == ("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark>Parking</mark> "
                                "&amp; &quot;quotes&quot;")
    assert "<mark>parking</mark>" in hit.passage and "<img" not in hit.passage and "&lt;img" in hit.passage


def test_marked_html_escapes_everything_but_the_marks():
    assert searching.marked_html("a<\x02b>\x03c\x03&\x02") == "a&lt;<mark>b&gt;</mark>c&amp;<mark></mark>"


def test_csv_of_every_result(corpus, client):
    response = client.get("/decisions/results.csv?q=parking&order=date")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == list(("reference", "council", "council_gss", "decided", "category", "subcategory", "outcome",
                            "remedy", "service_improvement", "summary", "url"))
    assert [row[0] for row in rows[1:]] == [corpus["xss"], corpus["fine"], corpus["permit"]]
    assert rows[2][1:9] == ["Sefton Metropolitan Borough Council", "E08000014", "2022-07-01", "Highways and Transport",
                            "", "Upheld", "", "no"]
    assert rows[2][10].startswith("http://testserver/decisions/t")


def test_csv_cells_cannot_become_formulas(db, sefton, on_today, client):
    make_statement(sefton, summary="=HYPERLINK(\"http://x\") parking")
    rows = list(csv.reader(io.StringIO(client.get("/decisions/results.csv").content.decode())))
    assert rows[1][9] == "'=HYPERLINK(\"http://x\") parking"
