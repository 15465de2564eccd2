"""The counts behind every figure, fetched for all councils of a year at once.

Three GROUP BY queries per year (cases by received date, decisions by decision
date, compliance outcomes by recorded date), never one query per council.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from upheld.casework.models import Case, ComplianceOutcome, Decision
from upheld.casework.vocabulary import Outcome
from upheld.years import ReportingYear


@dataclass
class Counts:
    """One council's counts for one year, keyed by the stored codes."""

    received: Counter = field(default_factory=Counter)  # category → cases received
    decisions: Counter = field(default_factory=Counter)  # outcome → decisions made
    upheld_remedies: Counter = field(default_factory=Counter)  # remedy → upheld decisions
    compliance: Counter = field(default_factory=Counter)  # compliance result → outcomes recorded

    def __iadd__(self, other: Counts) -> Counts:
        self.received += other.received
        self.decisions += other.decisions
        self.upheld_remedies += other.upheld_remedies
        self.compliance += other.compliance
        return self


def year_records(year: ReportingYear, authority_ids: list[int] | None = None) -> tuple[QuerySet, QuerySet, QuerySet]:
    """The records that count in `year`: cases by received date, decisions by decision date, compliance
    outcomes by recorded date (of every council, or only those in `authority_ids`)."""
    span = (year.first_day, year.last_day)
    cases = Case.objects.filter(received__range=span)
    decisions = Decision.objects.filter(decided__range=span)
    compliance = ComplianceOutcome.objects.filter(recorded__range=span)
    if authority_ids is not None:
        cases = cases.filter(authority_id__in=authority_ids)
        decisions = decisions.filter(case__authority_id__in=authority_ids)
        compliance = compliance.filter(case__authority_id__in=authority_ids)
    return cases, decisions, compliance


def fetch_counts(year: ReportingYear, authority_ids: list[int] | None = None) -> dict[int, Counts]:
    """Counts for every council with any record in `year` (or only those in `authority_ids`)."""
    cases, decisions, compliance = year_records(year, authority_ids)
    counts: dict[int, Counts] = defaultdict(Counts)
    for row in cases.values("authority_id", "category").annotate(n=Count("id")).order_by():
        counts[row["authority_id"]].received[row["category"]] += row["n"]
    for row in decisions.values("case__authority_id", "outcome", "remedy").annotate(n=Count("id")).order_by():
        council = counts[row["case__authority_id"]]
        council.decisions[row["outcome"]] += row["n"]
        if row["outcome"] == Outcome.UPHELD and row["remedy"]:
            council.upheld_remedies[row["remedy"]] += row["n"]
    for row in compliance.values("case__authority_id", "outcome").annotate(n=Count("id")).order_by():
        counts[row["case__authority_id"]].compliance[row["outcome"]] += row["n"]
    return dict(counts)
