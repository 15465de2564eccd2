"""Public interest reports: the council's duties as dates, reminders, lists;
focus reports by category."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from upheld.decisions.models import FocusReport, FocusReportTopic, PublicInterestReport, ScrutinyQuestion
from upheld.decisions.reports import duty_of, focus_reports_for, overdue, reports_for, response_due

from .conftest import TODAY, D


def report(authority, issued, **fields):
    return PublicInterestReport.objects.create(authority=authority, issued=issued, title=f"Report of {issued}",
                                               summary="The council left a family in unsuitable housing.", **fields)


@pytest.mark.parametrize(("issued", "due"), [
    (D(2024, 1, 1), D(2024, 3, 31)),  # three months beginning with the day it was received
    (D(2023, 11, 30), D(2024, 2, 28)),
    (D(2024, 2, 29), D(2024, 5, 28)),
])
def test_response_due(issued, due):
    assert response_due(issued) == due


def test_duties_as_dates(sefton):
    waiting = duty_of(report(sefton, D(2024, 3, 1), notice_given=D(2024, 3, 12)), today=D(2024, 5, 31))
    assert (waiting.notice_due, waiting.notice_late, waiting.inspection_until) == (
        D(2024, 3, 8), True, D(2024, 4, 1))
    assert (waiting.response_due, waiting.overdue, waiting.status) == (
        D(2024, 5, 31), False, "Response due by 31 May 2024")
    late = duty_of(report(sefton, D(2024, 3, 1)), today=D(2024, 6, 3))
    assert (late.overdue, late.days_overdue, late.status) == (True, 3, "Response overdue by 3 days")
    answered = duty_of(report(sefton, D(2024, 1, 1), response_received=D(2024, 4, 2), response_outcome="satisfied",
                              outcome_date=D(2024, 5, 1)), today=TODAY)
    assert answered.responded_late and not answered.overdue
    assert answered.status == "Ombudsman satisfied with the council's response"


def test_inconsistent_dates_are_refused(sefton):
    bad = PublicInterestReport(authority=sefton, issued=D(2024, 3, 1), title="t", summary="s",
                               notice_given=D(2024, 2, 1), response_outcome="satisfied")
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert set(error.value.message_dict) == {"notice_given", "response_outcome", "outcome_date"}


def test_reminders_list_and_email_overdue_responses(sefton, wirral, settings):
    report(sefton, D(2024, 1, 15))  # due 14 April: overdue on 1 June
    report(wirral, D(2024, 1, 15), response_received=D(2024, 4, 1))
    report(wirral, D(2024, 3, 15))  # due 14 June
    assert [r.authority for r, _ in overdue(TODAY)] == [sefton]
    out = io.StringIO()
    call_command("reports", "remind", "--today", "2024-06-01", stdout=out)
    assert out.getvalue() == (
        "1 public interest report response overdue on 1 June 2024:\n"
        "  Sefton Metropolitan Borough Council: “Report of 2024-01-15” (issued 15 January 2024) — response was "
        "due 14 April 2024, 48 days overdue\n")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.UPHELD_REPORT_REMINDERS = ["casework@example.org"]
    call_command("reports", "remind", "--today", "2024-06-01", "--email", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [["casework@example.org"]]
    assert "48 days overdue" in mail.outbox[0].body
    assert PublicInterestReport.objects.get(authority=sefton).last_reminder == TODAY
    out = io.StringIO()
    call_command("reports", "remind", "--today", "2024-04-14", stdout=out)
    assert out.getvalue() == "No public interest report response is overdue on 14 April 2024.\n"


def test_reports_of_the_last_nine_years(sefton, wirral):
    report(sefton, D(2015, 6, 1))
    recent = [report(sefton, D(2015, 6, 2)), report(sefton, D(2023, 1, 1))]
    report(wirral, D(2023, 1, 1))
    assert reports_for(sefton, today=TODAY) == recent[::-1]
    assert reports_for(sefton, years=1, today=TODAY) == []


def test_focus_reports_by_category(db):
    older = FocusReport.objects.create(title="Housing", slug="housing", published=D(2020, 1, 1), summary="s")
    newer = FocusReport.objects.create(title="Both", slug="both", published=D(2022, 1, 1), summary="s")
    FocusReportTopic.objects.create(report=older, category="housing")
    FocusReportTopic.objects.create(report=newer, category="housing")
    FocusReportTopic.objects.create(report=newer, category="planning")
    ScrutinyQuestion.objects.create(report=newer, position=1, text="How many families are in B&B?")
    assert focus_reports_for("housing") == [newer, older]
    assert focus_reports_for("planning") == [newer]
    assert focus_reports_for("other") == []


def test_report_pages(client, sefton, on_today):
    made = report(sefton, D(2024, 1, 15), synthetic=True)
    further = report(sefton, D(2024, 5, 1), follows=made)
    page = client.get("/reports/").content.decode()
    assert "Report of 2024-01-15" in page and "Response overdue by 48 days" in page
    detail = client.get(made.get_absolute_url()).content.decode()
    assert "14 April 2024" in detail and further.get_absolute_url() in detail
    pdf = client.get(f"/reports/public-interest/{made.pk}/report.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    real = report(sefton, D(2024, 1, 16))
    assert client.get(f"/reports/public-interest/{real.pk}/report.pdf").status_code == 404
    assert client.get(report(sefton, D(2024, 7, 1)).get_absolute_url()).status_code == 404  # not issued yet


def test_a_focus_report_dated_in_the_future_is_not_public_yet(client, db):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    FocusReport.objects.create(title="Coming soon", slug="coming-soon", published=tomorrow, summary="s")
    FocusReport.objects.create(title="Out today", slug="out-today", published=timezone.localdate(), summary="s")
    listing = client.get("/reports/").content.decode()
    assert "Out today" in listing and "Coming soon" not in listing
    assert client.get("/reports/focus/coming-soon/").status_code == 404
    assert client.get("/reports/focus/out-today/").status_code == 200


@pytest.fixture
def many_reports(sefton, wirral, on_today):
    """30 reports (TODAY is 1 June 2024): Sefton's 2023 ones answered in time, Wirral's 2024 ones not yet due
    or overdue, and one of each outcome."""
    made = [report(sefton, D(2023, 1, day), response_received=D(2023, 2, 1)) for day in range(1, 21)]
    made += [report(wirral, D(2024, 1, day)) for day in range(1, 6)]  # overdue
    made += [report(wirral, D(2024, 5, day)) for day in range(1, 4)]  # due
    made.append(report(wirral, D(2022, 6, 1), response_received=D(2022, 7, 1), response_outcome="satisfied",
                       outcome_date=D(2022, 8, 1)))
    made.append(report(wirral, D(2022, 6, 2), response_received=D(2022, 7, 1), response_outcome="further_report",
                       outcome_date=D(2022, 8, 1)))
    report(sefton, D(2024, 7, 1))  # not issued yet: never listed
    return made


def listed(client, query: str = "") -> tuple[str, list[str]]:
    page = client.get("/reports/" + query).content.decode()
    return page, re.findall(r'href="/reports/public-interest/\d+/">Report of ([\d-]+)</a>', page)


def test_the_reports_list_is_paged(client, many_reports):
    page, titles = listed(client)
    assert "30 reports" in page and len(titles) == 20
    assert titles[0] == "2024-05-03" and titles[-1] == "2023-01-09"
    assert 'class="govuk-pagination"' in page and 'href="?page=2"' in page
    page, titles = listed(client, "?page=2")
    assert titles == [f"2023-01-{day:02d}" for day in range(8, 0, -1)] + ["2022-06-02", "2022-06-01"]
    assert listed(client, "?page=99")[1] == titles  # past the end: the last page


@pytest.mark.parametrize(("query", "count", "first"), [
    ("?council=wirral", 10, "2024-05-03"),
    ("?year=2023", 20, "2023-01-20"),
    ("?status=overdue", 5, "2024-01-05"),
    ("?status=due", 3, "2024-05-03"),
    ("?status=considering", 20, "2023-01-20"),
    ("?status=satisfied", 1, "2022-06-01"),
    ("?status=further_report", 1, "2022-06-02"),
    ("?council=wirral&year=2022&status=satisfied", 1, "2022-06-01"),
    ("?council=sefton&year=2024", 0, None),
])
def test_the_reports_list_is_filtered(client, many_reports, query, count, first):
    page, titles = listed(client, query)
    assert f"{count} report{'s' if count != 1 else ''}" in page and len(titles) == count
    assert (titles[0] if titles else None) == first


def test_paging_links_keep_the_filters(client, many_reports, sefton):
    page, titles = listed(client, "?status=considering")
    assert len(titles) == 20 and "20 reports" in page and "govuk-pagination" not in page
    page, titles = listed(client, "?year=2023&council=sefton&page=1")
    assert '<option value="sefton" selected>' in page and '<option value="2023" selected>' in page
    for day in range(21, 26):
        report(sefton, D(2023, 2, day), response_received=D(2023, 3, 1))
    page, _ = listed(client, "?year=2023&status=considering")
    assert 'href="?year=2023&amp;status=considering&amp;page=2"' in page


def test_unusable_report_filters_are_reported_not_fatal(client, many_reports):
    response = client.get("/reports/?council=atlantis&year=1066&status=lost&page=x")
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert "There is no council &#x27;atlantis&#x27;" in page
    assert "No reports were issued in &#x27;1066&#x27;" in page
    assert "&#x27;lost&#x27; is not a response status" in page
    assert "30 reports" in page  # the filters that could not be used are left out


def test_each_filtered_list_is_kept_under_its_own_address(client, many_reports):
    """The public page cache keys a page by its whole address: a kept page of one filter is never another's."""
    for query, count in [("?council=wirral", 10), ("?council=sefton", 20), ("?council=wirral&page=1", 10)] * 2:
        assert f"{count} reports" in listed(client, query)[0]
