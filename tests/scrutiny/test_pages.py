"""The scrutiny hub and a council's scrutiny page: what the council page shows, with the public material
around it, released years only."""

import datetime

from tests.publication.page_reader import get_page
from tests.scrutiny.conftest import HOSTILE_QUESTION, IMPROVEMENT, RESPONSE, TODAY, focus_report
from upheld.casework.vocabulary import Category
from upheld.releases.freezing import schedule_release
from upheld.years import ReportingYear

PAGE = "/scrutiny/sefton/2017-18/"
FIGURE_TABLES = ("Complaints and enquiries received", "Decisions made", "Complaints remedied")


def test_hub_lists_released_councils_by_type_and_links_to_their_pages(client, released_2017_18):
    page = get_page(client, "/scrutiny/")
    assert page.h1s() == ["Scrutiny for councillors"]
    assert ("h3", "Metropolitan Boroughs") in page.headings
    assert "/scrutiny/sefton/" in page.links and "/councils/sefton/" in page.links
    assert "a start of a conversation" in page.text and "Small numbers mislead" in page.text
    assert 'label class="govuk-label govuk-label--m" for="council"' in page.html
    assert '<option value="sefton">Sefton</option>' in page.html


def test_choosing_a_council_goes_to_its_page(client, released_2017_18):
    response = client.get("/scrutiny/", {"council": "sefton"})
    assert response.status_code == 302 and response["Location"] == "/scrutiny/sefton/"


def test_choosing_nothing_or_an_unknown_council_shows_an_error_summary(client, released_2017_18):
    for value in ("", "atlantis"):
        page = get_page(client, f"/scrutiny/?council={value}")
        assert "There is a problem" in page.text and 'href="#council"' in page.html, value
        assert "govuk-select--error" in page.html
        assert page.title.startswith("Error: ")


def test_sefton_2017_18_figures_are_the_council_pages(client, sefton_scrutiny):
    council = get_page(client, "/councils/sefton/2017-18/")
    page = get_page(client, PAGE)
    assert page.h1s() == ["Sefton Metropolitan Borough Council"]
    for caption in FIGURE_TABLES:
        assert page.rows(caption) == council.rows(caption), caption
    assert page.rows("Complaints and enquiries received") == [["19", "6", "6", "14", "2", "4", "1", "6", "1", "59"]]
    for words in ("Uphold rate: 57%", "95% interval: 36% to 76%",
                  "Based on 21 detailed investigations between 1 April 2017 and 31 March 2018"):
        assert words in page.text and words.split(": ")[-1] in council.text, words
    # The comparison is the council page's row of the year, beside the group's pooled figures.
    (year_row,) = [row for row in council.rows("Sefton each year") if row[0].startswith("2017-18")]
    _, received, decisions, investigated, upheld, rate, _interval, similar_rate, *rest = year_row
    sefton, similar = page.rows("Sefton and similar authorities, 2017-18")
    assert sefton == ["Sefton", received, decisions, investigated, upheld, rate, *rest]
    assert similar[0] == "Similar authorities (Metropolitan Boroughs, pooled)" and similar[5] == similar_rate
    assert "/councils/sefton/2017-18/" in page.links
    assert "/scrutiny/sefton/2017-18/pack.pdf" in page.links


def test_letters_decisions_improvements_and_reports(client, sefton_scrutiny):
    page = get_page(client, PAGE)
    assert "/councils/sefton/2017-18/letter.pdf" in page.links and "/councils/sefton/2017-18/letter.html" in page.links
    # Upheld decisions of the year only, published ones only, newest first, with the search for all of them.
    decisions = [link for link in page.links if link.startswith("/decisions/t")]
    assert len(decisions) == 3
    assert page.text.index("care charges (February)") < page.text.index("care charges (June)")
    assert "The 3 published upheld decisions we made about the council in 2017-18." in page.text
    for absent in ("An upheld decision of 2018-19", "A decision not upheld", "A withheld decision"):
        assert absent not in page.text
    assert "/decisions/?council=sefton&outcome=upheld&from=2017-04-01&to=2018-03-31" in page.links
    assert IMPROVEMENT in page.text
    assert "Delays in care assessments" in page.text and "Ombudsman satisfied with the council's response" in page.text
    assert "received: 20 May 2018" in page.text
    assert "The council's response " + RESPONSE.replace("\n", " ") in page.text
    # Issued 1 August 2018: due by 31 October, overdue on 15 January 2019.
    assert "Missed school transport" in page.text and "Response overdue by 76 days" in page.text


def test_questions_follow_the_categories_with_most_complaints(client, sefton_scrutiny):
    page = get_page(client, PAGE)
    areas = [text for tag, text in page.headings if tag == "h3" and "received" in text]
    assert areas == ["Adult Care Services: 19 complaints received",
                     "Education and Children's Services: 14 complaints received",
                     "Corporate and Other Services: 6 complaints received",  # the report on three categories, once
                     "Housing: 1 complaint received"]
    assert page.text.index("Care question one?") < page.text.index("Education question?") \
        < page.text.index("Handling question?") < page.text.index("Housing question?")
    assert page.text.count("Handling question?") == 1
    assert "/reports/focus/care/" in page.links


def test_questions_of_a_focus_report_dated_in_the_future_are_not_shown(client, sefton_scrutiny):
    focus_report("today", [Category.HOUSING], ["Published today question?"], published=TODAY)
    focus_report("future", [Category.ADULT_CARE], ["Future question?"], published=TODAY + datetime.timedelta(days=1))
    page = get_page(client, PAGE)
    assert "Published today question?" in page.text
    assert "Future question?" not in page.text and "/reports/focus/future/" not in page.links


def test_curated_question_is_escaped(client, sefton_scrutiny):
    page = get_page(client, PAGE)
    assert "<script>alert(1)</script>" not in page.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.html
    assert HOSTILE_QUESTION in page.text


def test_latest_year_by_default_and_year_switcher(client, sefton_scrutiny):
    page = get_page(client, "/scrutiny/sefton/")
    assert "Sefton and similar authorities, 2017-18" in page.tables


def test_embargoed_year_is_not_found(client, sefton_scrutiny):
    schedule_release(ReportingYear(2018), datetime.datetime(2999, 7, 18, tzinfo=datetime.UTC))
    for url in ("/scrutiny/sefton/2018-19/", "/scrutiny/sefton/2018-19/pack.pdf", "/scrutiny/sefton/2016-17/",
                "/scrutiny/sefton/2016-17/pack.pdf", "/scrutiny/atlantis/",
                "/scrutiny/bournemouth-christchurch-and-poole/2017-18/"):  # no figures that year
        assert client.get(url).status_code == 404, url


def test_nothing_released_is_not_found(client, db):
    assert client.get("/scrutiny/sefton/").status_code == 404
    assert "No figures have been published yet" in get_page(client, "/scrutiny/").text


def test_measures_year_as_on_the_council_page(client, dataset):
    council = get_page(client, "/councils/sefton/2018-19/")
    page = get_page(client, "/scrutiny/sefton/2018-19/")
    assert page.rows("Key measures") == council.rows("Key measures")
    assert page.rows("Complaints and enquiries dealt with") == council.rows("Complaints and enquiries dealt with")
