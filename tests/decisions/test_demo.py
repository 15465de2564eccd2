"""Demonstration statements: consistent with the demonstration casework, deterministic, varied."""

import datetime
import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction

from upheld.casework.models import Decision
from upheld.casework.vocabulary import Outcome
from upheld.decisions import demo
from upheld.decisions.models import FocusReport, PublicInterestReport, Statement
from upheld.demo.store import replace_demo_data
from upheld.demo.texts import SUBCATEGORIES as demo_subcategories
from upheld.years import ReportingYear


@pytest.fixture(scope="module")
def demo_casework(django_db_setup, django_db_blocker):
    """The demonstration casework, made once for the module (eight seconds on PostgreSQL) in a transaction rolled
    back at its end; each test runs in a savepoint of it (its `db` fixture)."""
    with django_db_blocker.unblock(), transaction.atomic():
        replace_demo_data(1974, [ReportingYear(2022), ReportingYear(2023)], scale=0.08)
        yield
        transaction.set_rollback(True)


def test_statements_follow_the_casework(db, demo_casework):
    summary = demo.replace_demo_statements(1974)
    decisions = {d.case.reference: d for d in Decision.objects.select_related("case").filter(
        outcome__in=demo.PUBLISHED_OUTCOMES)}
    statements = list(Statement.objects.all())
    assert summary.statements == len(statements) > 300
    for statement in statements:
        decision = decisions[statement.reference]
        assert (statement.authority_id, statement.category, statement.subcategory, statement.decided,
                statement.outcome, statement.remedy) == (
            decision.case.authority_id, decision.case.category, decision.case.subcategory, decision.decided,
            decision.outcome, decision.remedy)
    investigated = {ref for ref, d in decisions.items() if d.outcome != Outcome.CLOSED_AFTER_INITIAL}
    closed = {ref for ref, d in decisions.items() if d.outcome == Outcome.CLOSED_AFTER_INITIAL}
    published = {s.reference for s in statements}
    assert investigated <= published  # every investigation has its statement
    assert 0.15 < len(published & closed) / len(closed) < 0.35  # a quarter of assessment closures
    with_improvements = [s for s in statements if s.has_service_improvement]
    assert with_improvements and all(s.remedy == "by_ombudsman" for s in with_improvements)


# Words that say what a statement of each subcategory is about: every statement of a subcategory says its own,
# and none says another of its category's ("School transport" is not about an admission appeal).
SUBCATEGORY_WORDS = {
    "Assessment and care plan": r"care needs", "Charging": r"\bcharg", "Residential care": r"care home",
    "Council tax": r"liability order", "Council tax reduction": r"council tax reduction",
    "Complaint handling": r"complaints procedure", "Land": r"\bland\b",
    "Special educational needs": r"Education, Health and Care plan", "School admissions": r"admission",
    "School transport": r"transport", "Child protection": r"safeguard",
    "Refuse and recycling": r"\bbins?\b", "Noise": r"noise",
    "Parking penalties": r"penalty charge", "Highway repairs": r"pothole",
    "Homelessness": r"homeless", "Allocations": r"housing register", "Private rented housing": r"private rented",
    "Planning applications": r"extension", "Enforcement": r"enforcement",
    "Other": r"letters",
}


def test_every_statement_is_about_its_subcategory(db, demo_casework):
    demo.replace_demo_statements(1974)
    statements = list(Statement.objects.all())
    assert {s.subcategory for s in statements} == set(SUBCATEGORY_WORDS)  # every one made, and known here
    siblings = {category: {s.subcategory for s in statements if s.category == category}
                for category in {s.category for s in statements}}
    wrong = []
    for statement in statements:
        text = "\n".join((statement.summary, statement.body, statement.remedies, statement.service_improvements))
        said = {name for name in siblings[statement.category]
                if re.search(SUBCATEGORY_WORDS[name], text, flags=re.IGNORECASE)}
        if said != {statement.subcategory}:
            wrong.append(f"{statement.reference} ({statement.subcategory}) says {sorted(said)}")
    assert not wrong, "\n".join(wrong[:10])


def test_every_demonstration_subcategory_has_its_statement_text():
    assert {category: set(scenarios) for category, scenarios in demo.texts.SCENARIOS.items()} == {
        category: set(names) for category, names in demo_subcategories.items()}


def test_statements_read_like_statements(db, demo_casework):
    demo.replace_demo_statements(1974)
    statements = list(Statement.objects.all())
    headings = Counter(tuple(h for h, _ in s.sections()) for s in statements)
    assert all(sections[0] == "The complaint" and sections[-1] == "Final decision" for sections in headings)
    summaries = {s.summary for s in statements}
    assert len(summaries) > 0.95 * len(statements)  # varied, not a handful of templates
    assert Statement.objects.filter(outcome="closed_initial").first().sections()[3][0] == "My assessment"


def test_same_seed_same_statements_and_the_rules_at_work(db, demo_casework):
    demo.replace_demo_statements(1974)
    first = dict(Statement.objects.values_list("reference", "body"))
    out = io.StringIO()
    call_command("demostatements", "--seed", "1974", "--no-progress", stdout=out)
    assert dict(Statement.objects.values_list("reference", "body")) == first
    assert "Demonstration statements (seed 1974):" in out.getvalue()
    call_command("demostatements", "--if-missing", stdout=out)
    assert out.getvalue().endswith("Demonstration statements already loaded.\n")
    assert FocusReport.objects.count() == len(demo.texts.FOCUS_REPORTS)
    years = Counter(report.issued.year for report in PublicInterestReport.objects.filter(follows=None))
    assert sum(years.values()) > 0
    assert all(report.authority_id == Statement.objects.get(reference=report.reference).authority_id
               for report in PublicInterestReport.objects.all())


def test_some_statements_show_the_publication_rules():
    """Over a large sample, each complication occurs at about its rate."""
    rows = [demo.DecisionRow(f"22 {n:06d}", 1, "housing", "Homelessness", datetime.date(2022, 6, 1),
                             Outcome.UPHELD, "none") for n in range(20_000)]
    composed = [demo.compose(row, 3) for row in rows]
    withheld = Counter(s.values["withheld"] for s in composed if s.values["withheld"])
    assert set(withheld) == {"persons_interest", "under_review", "premature"}
    flagged = [s for s in composed if s.values["guard_findings"] and not s.values["guard_released_for"]]
    released = [s for s in composed if s.values["guard_released_for"]]
    assert 20 < len(flagged) < 70 and 5 < len(released) < 40
    assert all(not s.values["publishable"] for s in flagged) and all(s.values["publishable"] for s in released
                                                                     if not s.values["withheld"])
