"""Decisions and reports through the API: the archive's search and its published texts, nothing else."""

import datetime

import pytest

from tests.decisions.conftest import D, make_statement
from upheld.decisions.models import FocusReport, FocusReportTopic, PublicInterestReport, ResponseOutcome, Withheld

BODY = "The complaint\n{}\nWhat I found\nThe Council was at fault.\nFinal decision\nI have completed my investigation."


@pytest.fixture
def statements(db, sefton, wirral, on_today, figures_released):
    made = {
        "bed": make_statement(sefton, decided=D(2022, 1, 10), remedy="satisfactory_by_authority",
                              summary="Mrs X complained about bed and breakfast accommodation for her family.",
                              body=BODY.format("The family was homeless.")),
        "fees": make_statement(sefton, decided=D(2022, 2, 10), outcome="not_upheld", category="adult_care",
                               subcategory="Charging",
                               summary="Mr Y complained about the fees for his father's care home.",
                               body=BODY.format("The Council explained the charges.")),
        "fee": make_statement(wirral, decided=D(2022, 3, 10), category="adult_care", remedy="by_ombudsman",
                              summary="Ms Z complained about a care home fee.",
                              body=BODY.format("The care home fee was not explained."),
                              remedies="Apologise to Ms Z.\nPay Ms Z £200.",
                              service_improvements="Review the charging procedure."),
    }
    make_statement(sefton, decided=D(2022, 5, 1), summary="A care home complaint.", publish=False)
    make_statement(sefton, decided=D(2022, 5, 3), summary="A care home complaint.", withheld=Withheld.UNDER_REVIEW,
                   withheld_reason="Under review")
    made["recent"] = make_statement(sefton, decided=D(2024, 4, 1), summary="A recent care home complaint.")
    return made


def references(listing):
    return [item["reference"] for item in listing["items"]]


def test_without_words_every_published_statement_newest_first(api, statements):
    listing = api("/decisions")
    assert references(listing) == [statements[name].reference for name in ("fee", "fees", "bed")]
    assert listing["count"] == 3 and listing["page_size"] == 10 and listing["more"] is False
    first = listing["items"][0]
    assert first["council"] == {"gss": "E08000015", "name": "Wirral Borough Council"}
    assert first["category"] == "Adult Care Services" and first["outcome"] == "Upheld"
    assert first["remedy"] == "by ombudsman" and first["service_improvement"] is True
    assert first["links"]["self"] == f"http://testserver/api/v1/decisions/{statements['fee'].slug}"
    assert first["links"]["page"] == f"http://testserver/decisions/{statements['fee'].slug}/"


def test_words_and_filters_are_the_archives(api, statements):
    assert references(api("/decisions?q=care+home&order=date")) == [statements["fee"].reference,
                                                                    statements["fees"].reference]
    assert references(api('/decisions?q="bed+and+breakfast"')) == [statements["bed"].reference]
    assert references(api("/decisions?q=care+-father")) == [statements["fee"].reference]
    assert references(api("/decisions?council=E08000014")) == [statements["fees"].reference,
                                                               statements["bed"].reference]
    assert references(api("/decisions?outcome=not_upheld")) == [statements["fees"].reference]
    assert references(api("/decisions?category=adult_care&remedy=ombudsman")) == [statements["fee"].reference]
    assert references(api("/decisions?subcategory=charging")) == [statements["fees"].reference]
    assert references(api("/decisions?category=adult_care&subcategory=Charging")) == [statements["fees"].reference]
    assert references(api("/decisions?q=charging")) == [statements["fees"].reference]
    assert references(api("/decisions?service_improvement=true")) == [statements["fee"].reference]
    assert references(api("/decisions?from=2022-02-01&to=2022-02-28")) == [statements["fees"].reference]
    assert references(api("/decisions?from=2022-03-01&to=2022-01-01")) == []


def test_a_common_word_only_search_says_so(api, statements):
    listing = api("/decisions?q=the")
    assert listing["notices"] and listing["count"] == 3


def test_an_unknown_council_is_404(api, statements):
    assert api("/decisions?council=E99999999", status=404) == {"detail": "No council has the code E99999999"}


def test_pages_of_ten(api, sefton, on_today):
    for day in range(12):
        make_statement(sefton, decided=D(2022, 1, 1) + datetime.timedelta(days=day))
    first = api("/decisions")
    assert first["count"] == 12 and first["pages"] == 2 and len(first["items"]) == 10
    second = api("/decisions?page=2")
    assert len(second["items"]) == 2 and second["previous"] == "http://testserver/api/v1/decisions?page=1"
    assert api("/decisions?page=3", status=404) == {"detail": "There is no page 3: there are 2"}


def test_a_statement_gives_its_sections_remedies_and_improvements(api, statements):
    statement = api(f"/decisions/{statements['fee'].slug}")
    assert statement["reference"] == statements["fee"].reference
    assert statement["sections"][0] == {"heading": "The complaint",
                                        "paragraphs": ["The care home fee was not explained."]}
    assert statement["remedies"] == ["Apologise to Ms Z.", "Pay Ms Z £200."]
    assert statement["service_improvements"] == ["Review the charging procedure."]


def test_a_statement_not_public_is_404_and_never_found(api, statements):
    assert api(f"/decisions/{statements['recent'].slug}", status=404) == {
        "detail": "No published decision has that reference"}
    assert statements["recent"].reference not in references(api("/decisions?q=complaint"))
    assert api("/decisions/no-such-statement", status=404)["detail"] == "No published decision has that reference"


@pytest.fixture
def reports(db, sefton, wirral, on_today):
    first = PublicInterestReport.objects.create(
        authority=sefton, issued=D(2023, 3, 1), title="Delays in repairs", summary="The Council delayed repairs.",
        notice_given=D(2023, 3, 10), response_received=D(2023, 5, 1), response_outcome=ResponseOutcome.FURTHER_REPORT,
        outcome_date=D(2023, 7, 1), synthetic=True)
    further = PublicInterestReport.objects.create(authority=sefton, issued=D(2023, 7, 1), title="Repairs again",
                                                  summary="Still delayed.", follows=first)
    PublicInterestReport.objects.create(authority=wirral, issued=D(2024, 7, 1), title="Not yet issued",
                                        summary="Tomorrow's report.")
    focus = FocusReport.objects.create(title="Learning from care", slug="care", summary="What we saw.",
                                       published=D(2023, 5, 1))
    FocusReportTopic.objects.create(report=focus, category="adult_care")
    FocusReport.objects.create(title="Future focus", slug="future", summary="Later.", published=D(2025, 1, 1))
    return first, further


def test_reports_lists_issued_reports_newest_first(api, reports):
    listing = api("/reports")
    assert [(item["kind"], item["title"]) for item in listing["items"]] == [
        ("public interest", "Repairs again"), ("focus", "Learning from care"), ("public interest", "Delays in repairs")]
    focus = listing["items"][1]
    assert focus["categories"] == ["Adult Care Services"] and focus["council"] is None
    assert focus["links"] == {"self": None, "page": "http://testserver/reports/focus/care/"}
    assert [item["title"] for item in api("/reports?kind=focus")["items"]] == ["Learning from care"]
    assert [item["title"] for item in api("/reports?council=E08000015")["items"]] == []
    assert len(api("/reports?council=E08000014")["items"]) == 2


def test_a_public_interest_report_and_the_councils_duty(api, reports):
    first, further = reports
    report = api(f"/reports/public-interest/{first.pk}")
    assert report["council"]["gss"] == "E08000014" and report["issued"] == "2023-03-01"
    assert report["response_due"] == "2023-05-31" and report["response_received"] == "2023-05-01"
    assert report["outcome"] == "Further report issued" and report["further_reports"] == [further.pk]
    assert report["links"]["pdf"] == f"http://testserver/reports/public-interest/{first.pk}/report.pdf"
    follow = api(f"/reports/public-interest/{further.pk}")
    assert follow["follows"] == first.pk and follow["links"]["pdf"] is None


def test_a_report_not_yet_issued_is_404(api, reports):
    future = PublicInterestReport.objects.get(title="Not yet issued")
    assert api(f"/reports/public-interest/{future.pk}", status=404) == {
        "detail": "No published public interest report has that number"}
