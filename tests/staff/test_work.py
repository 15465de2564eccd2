"""The work dashboard: each count is the number of records it summarises, and its link opens the list of
exactly those records; the counts take a few queries whatever the number of records; each role sees only
what it may follow; the year is the current one, or the latest with data, and only years with data are offered."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.accounts.signing_in import sign_in, staff_user
from tests.builders import approved_improvement, case
from tests.decisions.conftest import make_statement
from upheld.accounts.roles import StaffRole
from upheld.authorities.models import Authority
from upheld.casework.models import ComplianceOutcome, Decision, Recommendation
from upheld.casework.vocabulary import ComplianceResult, Outcome, RecommendationKind
from upheld.decisions.models import PublicInterestReport, Withheld
from upheld.releases.visibility import add_months
from upheld.staff import work
from upheld.training.dashboard import default_year, years_with_data
from upheld.years import ReportingYear

DAY = datetime.timedelta(days=1)


def months_ago(today, months: int) -> datetime.date:
    return add_months(today, -months)


@pytest.fixture
def records(db):
    """Records on both sides of every boundary the dashboard counts by; returns {figure label: the references
    (or titles) it must count}."""
    today = timezone.localdate()
    sefton, wirral = Authority.objects.get(gss="E08000014"), Authority.objects.get(gss="E08000015")
    expected = {}

    def opened(label, *received):
        expected[label] = {case(sefton, day).reference for day in received}

    opened("Under 3 months", today, today - 10 * DAY, months_ago(today, 3) + DAY)
    opened("3 to 6 months", months_ago(today, 3), months_ago(today, 6) + DAY)
    opened("6 to 12 months", months_ago(today, 6), months_ago(today, 11))
    opened("12 months or more", months_ago(today, 12), months_ago(today, 30))

    monday, first = today - datetime.timedelta(days=today.weekday()), today.replace(day=1)
    decided = {}
    for day in {today, monday, monday - DAY, first, first - DAY, months_ago(today, 20)}:
        made = case(wirral, months_ago(day, 2))
        Decision.objects.create(case=made, decided=day, outcome=Outcome.UPHELD)
        decided[made.reference] = day
    expected["Decisions this week"] = {ref for ref, day in decided.items() if monday <= day <= today}
    expected["Decisions this month"] = {ref for ref, day in decided.items() if first <= day <= today}

    def closed(authority):
        """A case decided long ago: not open, and in no week's or month's decisions."""
        made = case(authority, months_ago(today, 40))
        Decision.objects.create(case=made, decided=months_ago(today, 30), outcome=Outcome.UPHELD)
        return made

    def recommended(due, outcome=None):
        made = closed(wirral)
        Recommendation.objects.create(case=made, kind=RecommendationKind.PERSONAL, text="Apologise", due=due)
        if outcome:
            ComplianceOutcome.objects.create(case=made, recorded=today, outcome=outcome)
        return made.reference

    expected["Recommendations due, evidence awaited"] = {recommended(today), recommended(today + 30 * DAY)}
    expected["Recommendations overdue"] = {recommended(today - DAY), recommended(months_ago(today, 12) + DAY)}
    expected["Compliance delayed (outstanding 12 months or more)"] = {recommended(months_ago(today, 12)),
                                                                       recommended(months_ago(today, 20))}
    recommended(today - 40 * DAY, ComplianceResult.COMPLIED)  # outcome recorded: in none of them

    waiting = make_statement(publish=False).reference
    make_statement(publish=True)
    make_statement(publish=False, withheld=Withheld.PREMATURE, withheld_reason="premature")
    expected["Decision statements awaiting a publisher"] = {waiting}

    improved, approved = closed(sefton), closed(sefton)
    Recommendation.objects.create(case=improved, kind=RecommendationKind.SERVICE_IMPROVEMENT,
                                  text="Review the procedure", due=today)
    approved_improvement(approved, "Train the staff", today)
    expected["Recommendations due, evidence awaited"] |= {improved.reference, approved.reference}
    expected["Service improvements awaiting a publisher"] = {"Review the procedure"}

    def report(title, issued, **fields):
        PublicInterestReport.objects.create(authority=sefton, issued=issued, title=title, summary="s", **fields)
        return title

    last_due = months_ago(today, 3) + DAY  # issued a day short of three months ago: due today
    expected["Public interest reports: response not yet due"] = {report("Due", today - 10 * DAY),
                                                                 report("Due today", last_due)}
    expected["Public interest reports: response overdue"] = {report("Overdue", months_ago(today, 3)),
                                                             report("Long overdue", months_ago(today, 9))}
    report("Answered", months_ago(today, 9), response_received=months_ago(today, 7))
    return expected


def listed(client, href: str) -> set[str]:
    """The references (or titles) the list at `href` shows, every page of it."""
    response = client.get(href)
    assert response.status_code == 200, href
    context = response.context
    if "cl" in context:  # an admin list
        changelist = context["cl"]
        return {str(getattr(row, "reference", "") or row.title) for row in changelist.queryset}
    paginator = context["page"].paginator
    rows = [row for number in paginator.page_range for row in paginator.page(number)]
    if rows and isinstance(rows[0], Recommendation):
        return {row.text for row in rows}
    return {row.reference for row in rows}


@pytest.mark.parametrize("role", [StaffRole.CASEWORKER, StaffRole.COMPLIANCE_OFFICER, StaffRole.PUBLISHER])
def test_each_count_is_its_records_and_opens_the_list_of_exactly_them(records, role):
    user = staff_user(f"work-{role.name.lower()}", role)
    client = sign_in(Client(), user)
    response = client.get("/staff/work/")
    assert response.status_code == 200
    figures = {figure.label: figure for section in response.context["sections"] for figure in section.figures}
    page = response.content.decode()
    reports = {"Public interest reports: response not yet due", "Public interest reports: response overdue"}
    hidden = {StaffRole.CASEWORKER: {"Service improvements awaiting a publisher", *reports},
              StaffRole.COMPLIANCE_OFFICER: {"Service improvements awaiting a publisher",
                                             "Decision statements awaiting a publisher"},
              StaffRole.PUBLISHER: set()}[role]  # the lists this role may not open
    assert not hidden & figures.keys()
    assert records.keys() - hidden <= figures.keys()
    for label in records.keys() - hidden:
        figure = figures[label]
        assert figure.count == len(records[label]), label
        assert listed(client, figure.href) == records[label], label
        assert f'href="{figure.href.replace("&", "&amp;")}"' in page, label


def test_the_year_figures_count_the_years_cases_and_decisions(db):
    sefton = Authority.objects.get(gss="E08000014")
    year = ReportingYear(2019)
    inside = case(sefton, year.first_day)
    Decision.objects.create(case=inside, decided=year.last_day, outcome=Outcome.UPHELD)
    case(sefton, year.first_day - DAY)
    Decision.objects.create(case=case(sefton, year.first_day - 30 * DAY), decided=year.last_day + DAY,
                            outcome=Outcome.UPHELD)
    client = sign_in(Client(), staff_user("cw", StaffRole.CASEWORKER))
    response = client.get("/staff/work/?year=2019-20")
    figures = {figure.label: figure for section in response.context["sections"] for figure in section.figures}
    for label in ("Cases received in 2019-20", "Decisions in 2019-20"):
        assert figures[label].count == 1 and listed(client, figures[label].href) == {inside.reference}, label


def test_the_counts_take_a_few_queries_however_many_records(records):
    user = staff_user("all", StaffRole.CASEWORKER, StaffRole.COMPLIANCE_OFFICER, StaffRole.PUBLISHER)
    today = timezone.localdate()
    year = ReportingYear.containing(today)
    work.sections(user, today, year)  # the user's permissions, loaded once
    with CaptureQueriesContext(connection) as few:
        work.sections(user, today, year)
    sefton = Authority.objects.get(gss="E08000014")
    for n in range(20):
        case(sefton, today - n * DAY)
    with CaptureQueriesContext(connection) as more:
        work.sections(user, today, year)
    assert len(more) == len(few) == 5  # cases, compliance, statements, improvements, reports


def test_an_administrator_sees_no_casework_counts(records):
    client = sign_in(Client(), staff_user("ada", StaffRole.ADMINISTRATOR))
    response = client.get("/staff/work/")
    assert response.status_code == 200 and response.context["sections"] == []
    assert "nothing here to count for you" in response.content.decode()


def test_only_years_with_data_are_offered_and_the_current_one_first(db):
    sefton = Authority.objects.get(gss="E08000014")
    today = datetime.date(2026, 4, 3)  # the year 2026-27 has just begun
    assert years_with_data() == [] and default_year([], today) == ReportingYear(2026)
    case(sefton, datetime.date(2017, 5, 1))
    Decision.objects.create(case=case(sefton, datetime.date(2019, 3, 1)), decided=datetime.date(2025, 6, 1),
                            outcome=Outcome.UPHELD)
    offered = years_with_data()
    assert offered == [ReportingYear(2025), ReportingYear(2018), ReportingYear(2017)]
    assert default_year(offered, today) == ReportingYear(2025)  # nothing in 2026-27 yet: the latest with data
    case(sefton, today)
    offered = years_with_data()
    assert default_year(offered, today) == ReportingYear(2026)


def test_the_councils_compared_offer_only_years_with_data_and_come_a_page_at_a_time(db):
    sefton = Authority.objects.get(gss="E08000014")
    case(sefton, datetime.date(2017, 5, 1))
    client = sign_in(Client(), staff_user("pub", StaffRole.PUBLISHER))
    response = client.get("/staff/councils/")
    offered = [label for label, _ in response.context["form"].fields["year"].choices]
    assert offered == ["2017-18"] and response.context["year"] == ReportingYear(2017)
    page = response.context["page"]
    assert page.paginator.count == len(response.context["rows"]) > 300 and len(page.object_list) == 50
    html = response.content.decode()
    assert 'class="govuk-pagination"' in html and 'href="?year=2017-18&amp;page=2"' in html
    second = client.get("/staff/councils/?year=2017-18&page=2&sort=council&order=desc")
    assert second.context["page"].number == 2
    names = sorted((row.council.authority.name for row in response.context["rows"]), reverse=True)
    assert [row.council.authority.name for row in second.context["page"]] == names[50:100]


def test_with_no_casework_yet_the_pages_show_the_current_year_without_complaint(db):
    client = sign_in(Client(), staff_user("new", StaffRole.PUBLISHER))
    current = ReportingYear.containing(timezone.localdate())
    for url in ("/staff/councils/", "/staff/work/"):
        response = client.get(url)
        assert response.status_code == 200 and response.context["year"] == current, url
        assert "There is a problem" not in response.content.decode(), url
