"""Public interest reports and the council's duties, and focus reports.

After a public interest report (Local Government Act 1974 s.30) the council
must give public notice of it within a week (`NOTICE_DAYS`) and make it
available for public inspection for three weeks; under s.31 it must
consider the report and tell the Ombudsman within three months what it has
done or will do. Here those duties are dates computed from the report's own
dates, so a report's page, the council page and the staff reminder cannot
disagree about what is due or late.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from upheld.authorities.models import Authority
from upheld.decisions.models import FocusReport, PublicInterestReport, ResponseOutcome
from upheld.releases.visibility import add_months

NOTICE_DAYS = 7
INSPECTION_DAYS = 21
RESPONSE_MONTHS = 3
REPORT_YEARS = 9  # council pages and /reports/ list the reports of the last nine years
# Where a council's response to a report is (`Duty.stage`), as /reports/ offers to filter by it.
RESPONSE_STAGES = {
    "due": "Response not yet due",
    "overdue": "Response overdue",
    "considering": "Council has responded",
    ResponseOutcome.SATISFIED: "Ombudsman satisfied",
    ResponseOutcome.FURTHER_REPORT: "Further report issued",
}
_STAGE_STATUS = {
    "considering": "Council has responded; being considered",
    ResponseOutcome.SATISFIED: "Ombudsman satisfied with the council's response",
    ResponseOutcome.FURTHER_REPORT: "Further report issued",
}


def response_due(issued: datetime.date) -> datetime.date:
    """The last day of the three months beginning with the day the council received the report."""
    return add_months(issued, RESPONSE_MONTHS) - datetime.timedelta(days=1)


def latest_overdue_issue(today: datetime.date) -> datetime.date:
    """The last issue date whose response is overdue on `today` (due before it): `response_due` never
    decreases, so a report without a response is overdue exactly when issued on or before this day."""
    day = add_months(today, -RESPONSE_MONTHS)
    while response_due(day + datetime.timedelta(days=1)) < today:
        day += datetime.timedelta(days=1)
    while response_due(day) >= today:
        day -= datetime.timedelta(days=1)
    return day


def awaiting_response(stage: str, today: datetime.date) -> Q:
    """The reports whose `Duty.stage` on `today` is "due" or "overdue" (no response yet), as a condition
    for a query: what the work dashboard counts and the admin list's filter shows."""
    unanswered = Q(response_received__isnull=True, response_outcome="")
    late = _issued_too_long_ago(today)
    return unanswered & (late if stage == "overdue" else ~late)


def _issued_too_long_ago(today: datetime.date) -> Q:
    """Reports whose response was due before `today` (answered or not): the one date test of "overdue"."""
    return Q(issued__lte=latest_overdue_issue(today))


@dataclass(frozen=True)
class Duty:
    notice_due: datetime.date
    notice_given: datetime.date | None
    inspection_until: datetime.date | None
    response_due: datetime.date
    response_received: datetime.date | None
    outcome: str
    today: datetime.date

    @property
    def notice_late(self) -> bool:
        return (self.notice_given or self.today) > self.notice_due

    @property
    def overdue(self) -> bool:
        return self.response_received is None and self.today > self.response_due

    @property
    def responded_late(self) -> bool:
        return self.response_received is not None and self.response_received > self.response_due

    @property
    def days_overdue(self) -> int:
        return (self.today - self.response_due).days if self.overdue else 0

    @property
    def stage(self) -> str:
        """Where the council's response is, as one of `RESPONSE_STAGES`."""
        if self.outcome:
            return self.outcome
        if self.response_received:
            return "considering"
        return "overdue" if self.overdue else "due"

    @property
    def status(self) -> str:
        stage = self.stage
        if stage == "overdue":
            return f"Response overdue by {self.days_overdue} day{'s' if self.days_overdue != 1 else ''}"
        if stage == "due":
            return f"Response due by {self.response_due:%-d %B %Y}"
        return _STAGE_STATUS[stage]


def duty_of(report: PublicInterestReport, today: datetime.date | None = None) -> Duty:
    return Duty(
        notice_due=report.issued + datetime.timedelta(days=NOTICE_DAYS),
        notice_given=report.notice_given,
        inspection_until=(report.notice_given + datetime.timedelta(days=INSPECTION_DAYS - 1)
                          if report.notice_given else None),
        response_due=response_due(report.issued),
        response_received=report.response_received,
        outcome=report.response_outcome,
        today=today or timezone.localdate(),
    )


@dataclass(frozen=True)
class ReportFilters:
    """What the /reports/ list is narrowed to, as its address says it: a council, a year of issue, a stage of
    the council's response. Applied on top of the public reports (`PublicInterestReport.objects.public`)."""

    council: Authority | None = None
    year: int | None = None
    stage: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, str], years: Iterable[int]) -> tuple[ReportFilters, dict[str, str]]:
        """The filters from a query string, and a message for each one that could not be used (and is left out)."""
        errors: dict[str, str] = {}
        council = None
        if slug := query.get("council", "").strip():
            council = Authority.objects.filter(slug=slug).first()
            if council is None:
                errors["council"] = f"There is no council {slug!r}"
        year = None
        if value := query.get("year", "").strip():
            if value.isdigit() and int(value) in years:
                year = int(value)
            else:
                errors["year"] = f"No reports were issued in {value!r}"
        stage = query.get("status", "").strip()
        if stage and stage not in RESPONSE_STAGES:
            errors["status"] = f"{stage!r} is not a response status"
            stage = ""
        return cls(council, year, stage), errors

    def apply(self, reports, today: datetime.date) -> list[tuple[PublicInterestReport, Duty]]:
        """`reports` (public ones) these filters keep, newest first, each with its council's duties on `today`.
        The stage depends on the day, so it is worked out here, not in the query: a few hundred reports."""
        if self.council:
            reports = reports.filter(authority=self.council)
        if self.year:
            reports = reports.filter(issued__year=self.year)
        listed = [(report, duty_of(report, today)) for report in reports.select_related("authority")
                  .order_by("-issued", "-id")]
        return [(report, duty) for report, duty in listed if not self.stage or duty.stage == self.stage]

    def query_string(self, page: int = 1) -> str:
        items = [("council", self.council.slug if self.council else ""), ("year", str(self.year or "")),
                 ("status", self.stage), ("page", str(page) if page > 1 else "")]
        return urlencode([(name, value) for name, value in items if value])


def report_problems(report: PublicInterestReport) -> dict[str, str]:
    """Rules across a report's dates, as {field: message}."""
    problems = {}
    issued = report.issued
    if issued and report.notice_given and report.notice_given < issued:
        problems["notice_given"] = "notice cannot be given before the report was issued"
    if issued and report.response_received and report.response_received < issued:
        problems["response_received"] = "the response cannot arrive before the report was issued"
    if report.response_outcome and not report.response_received:
        problems["response_outcome"] = "record the council's response before its outcome"
    if report.response_outcome and not report.outcome_date:
        problems["outcome_date"] = "give the date of the letter of satisfaction or further report"
    if report.outcome_date and report.response_received and report.outcome_date < report.response_received:
        problems["outcome_date"] = "the outcome cannot come before the council's response"
    return problems


def reports_for(authority, years: int = REPORT_YEARS, today: datetime.date | None = None) -> list[PublicInterestReport]:
    """The council's public interest reports issued in the last `years` years, newest first."""
    today = today or timezone.localdate()
    since = add_months(today, -12 * years)
    return list(PublicInterestReport.objects.public(today, since).filter(authority=authority)
                .order_by("-issued", "-id"))


def focus_reports_for(*categories: str, today: datetime.date | None = None) -> list[FocusReport]:
    """Published focus reports (dated today or earlier) about any of these categories of complaint (`Category`
    codes), newest first; one dated in the future is not public yet."""
    today = today or timezone.localdate()
    return list(FocusReport.objects.public(today).filter(topics__category__in=categories)
                .prefetch_related("questions", "topics").order_by("-published", "title").distinct())


def overdue(today: datetime.date | None = None) -> list[tuple[PublicInterestReport, Duty]]:
    """Reports whose council has not responded within three months, longest overdue first."""
    today = today or timezone.localdate()
    unanswered = PublicInterestReport.objects.filter(_issued_too_long_ago(today), response_received__isnull=True)
    duties = [(report, duty_of(report, today)) for report in unanswered.select_related("authority")
              .order_by("issued", "id")]
    return [(report, duty) for report, duty in duties if duty.overdue]


def reminder_lines(reports: list[tuple[PublicInterestReport, Duty]]) -> list[str]:
    return [f"{report.authority.name}: “{report.title}” (issued {report.issued:%-d %B %Y}) — response was due "
            f"{duty.response_due:%-d %B %Y}, {duty.days_overdue} days overdue" for report, duty in reports]


def send_reminder(lines: list[str], recipients: list[str]) -> int:
    """Email the overdue list to staff; returns the number of messages sent (0 or 1)."""
    if not lines or not recipients:
        return 0
    subject = f"{len(lines)} public interest report response{'s' if len(lines) != 1 else ''} overdue"
    body = ("These councils have not told us what they have done about a public interest report within the "
            "three months the Local Government Act 1974 (s.31) allows:\n\n" + "\n".join(lines) + "\n")
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
