"""The counts behind every figure, fetched for all councils of a year at once.

Three GROUP BY queries per year (cases by received date, decisions by decision
date, compliance outcomes by recorded date), and one for the Complaint Handling
Code failures found on upheld decisions (by decision date), never one query per
council.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from upheld.casework.models import Case, ComplianceOutcome, Decision
from upheld.casework.vocabulary import Outcome
from upheld.code.findings import CodeFailure
from upheld.years import ReportingYear


@dataclass
class Counts:
    """One council's counts for one year, keyed by the stored codes."""

    received: Counter = field(default_factory=Counter)  # category → cases received
    decisions: Counter = field(default_factory=Counter)  # outcome → decisions made
    upheld_remedies: Counter = field(default_factory=Counter)  # remedy → upheld decisions
    compliance: Counter = field(default_factory=Counter)  # compliance result → outcomes recorded
    # Provision key (`upheld.code.editions.Provision.key`) → upheld decisions finding the council did not follow it.
    code_failures: Counter = field(default_factory=Counter)
    upheld_with_code_failure: int = 0  # upheld decisions with at least one Code failure

    def __iadd__(self, other: Counts) -> Counts:
        self.received += other.received
        self.decisions += other.decisions
        self.upheld_remedies += other.upheld_remedies
        self.compliance += other.compliance
        self.code_failures += other.code_failures
        self.upheld_with_code_failure += other.upheld_with_code_failure
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
    failed: dict[int, set[int]] = defaultdict(set)  # authority id → upheld decisions with a Code failure
    failures = CodeFailure.objects.filter(decision__in=decisions.filter(outcome=Outcome.UPHELD))
    for authority_id, decision_id, provision_id in failures.values_list(
            "decision__case__authority_id", "decision_id", "provision_id").order_by():
        counts[authority_id].code_failures[str(provision_id)] += 1
        failed[authority_id].add(decision_id)
    for authority_id, decisions_failed in failed.items():
        counts[authority_id].upheld_with_code_failure = len(decisions_failed)
    return dict(counts)
