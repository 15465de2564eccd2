"""The work dashboard's figures: what needs doing, each a count that links to the list of exactly those records.

Each count is made by the database, a section at a time (five short queries at most), with the same
conditions as the list it links to: the caseload's filters (`upheld.casework.services.caseload`), the
service improvements' queue (`Recommendation.objects.awaiting_review`), and the admin lists' filters for
statements awaiting a publisher (`Statement.objects.awaiting_publisher`) and reports awaiting a council's
response (`upheld.decisions.reports.awaiting_response`). A section appears only to a user who may open its
lists. Counts only: any rate belongs in `upheld.stats`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse

from upheld.casework import services
from upheld.casework.compliance import ComplianceStatus
from upheld.casework.models import Case, Recommendation
from upheld.decisions.models import PublicInterestReport, Statement
from upheld.decisions.reports import RESPONSE_STAGES, awaiting_response
from upheld.releases.visibility import add_months
from upheld.years import ReportingYear

ONE_DAY = datetime.timedelta(days=1)
# Open (undecided) cases by how long ago they were received: (label, at least, under) in months.
AGE_BANDS = [("Under 3 months", 0, 3), ("3 to 6 months", 3, 6), ("6 to 12 months", 6, 12),
             ("12 months or more", 12, None)]
COMPLIANCE = [(ComplianceStatus.AWAITING, "Recommendations due, evidence awaited"),
              (ComplianceStatus.OVERDUE, "Recommendations overdue"),
              (ComplianceStatus.DELAYED, "Compliance delayed (outstanding 12 months or more)")]


@dataclass(frozen=True)
class Figure:
    label: str
    count: int
    href: str


@dataclass(frozen=True)
class Section:
    title: str
    figures: list[Figure]


def caseload_filters(today: datetime.date, year: ReportingYear) -> dict[str, dict]:
    """Label -> the caseload's filters (`CaseloadFilterForm`'s names) for each case figure."""
    monday = today - datetime.timedelta(days=today.weekday())
    filters = {}
    for label, least, under in AGE_BANDS:
        band = {"decision": services.UNDECIDED}
        if under is not None:
            band["received_from"] = add_months(today, -under) + ONE_DAY
        if least:
            band["received_to"] = add_months(today, -least)
        filters[label] = band
    filters["Decisions this week"] = {"decided_from": monday, "decided_to": today}
    filters["Decisions this month"] = {"decided_from": today.replace(day=1), "decided_to": today}
    filters[f"Cases received in {year.label}"] = {"received_from": year.first_day, "received_to": year.last_day}
    filters[f"Decisions in {year.label}"] = {"decided_from": year.first_day, "decided_to": year.last_day}
    return filters


def _condition(filters: dict) -> Q:
    """The caseload's date and decision filters as one condition on cases (for counting them together)."""
    condition = Q()
    if filters.get("decision") == services.UNDECIDED:
        condition &= Q(decision__isnull=True)
    for name, lookup in (("received_from", "received__gte"), ("received_to", "received__lte"),
                         ("decided_from", "decision__decided__gte"), ("decided_to", "decision__decided__lte")):
        if name in filters:
            condition &= Q(**{lookup: filters[name]})
    return condition


def caseload_link(filters: dict) -> str:
    return reverse("casework:caseload") + "?" + urlencode(
        {name: value.isoformat() if isinstance(value, datetime.date) else value for name, value in filters.items()})


def case_sections(today: datetime.date, year: ReportingYear) -> list[Section]:
    """Open cases by age, decisions this week, this month and in `year`, and compliance: two queries."""
    filters = caseload_filters(today, year)
    counts = Case.objects.aggregate(**{f"f{n}": Count("pk", filter=_condition(wanted))
                                       for n, wanted in enumerate(filters.values())})
    figures = [Figure(label, counts[f"f{n}"], caseload_link(filters[label])) for n, label in enumerate(filters)]
    statuses = compliance_counts(today)
    return [
        Section("Open cases by age", figures[:len(AGE_BANDS)]),
        Section("Cases and decisions", figures[len(AGE_BANDS):]),
        Section("Compliance", [Figure(label, statuses[status.value], caseload_link({"status": status.value}))
                               for status, label in COMPLIANCE]),
    ]


def compliance_counts(today: datetime.date) -> dict[str, int]:
    """Every case counted by its compliance status on `today`, as the caseload's status filter lists them."""
    return services.caseload({}, today)[1]


def statements_awaiting() -> Figure:
    return Figure("Decision statements awaiting a publisher", Statement.objects.awaiting_publisher().count(),
                  reverse("admin:decisions_statement_changelist") + "?decision=awaiting")


def improvements_waiting() -> Figure:
    return Figure("Service improvements awaiting a publisher", Recommendation.objects.awaiting_review().count(),
                  reverse("casework:service_improvements"))


def report_responses(today: datetime.date) -> list[Figure]:
    stages = ("due", "overdue")
    counts = PublicInterestReport.objects.aggregate(
        **{stage: Count("pk", filter=awaiting_response(stage, today)) for stage in stages})
    changelist = reverse("admin:decisions_publicinterestreport_changelist")
    return [Figure(f"Public interest reports: {RESPONSE_STAGES[stage].lower()}", counts[stage],
                   f"{changelist}?response={stage}") for stage in stages]


def sections(user, today: datetime.date, year: ReportingYear) -> list[Section]:
    """The sections `user` may follow to their lists."""
    found = case_sections(today, year) if user.has_perm("casework.view_case") else []
    publishing = []
    if user.has_perm("decisions.view_statement"):
        publishing.append(statements_awaiting())
    if user.has_perm("casework.approve_service_improvement"):
        publishing.append(improvements_waiting())
    if publishing:
        found.append(Section("Waiting for a publisher", publishing))
    if user.has_perm("decisions.view_publicinterestreport"):
        found.append(Section("Councils' responses to public interest reports", report_responses(today)))
    return found
