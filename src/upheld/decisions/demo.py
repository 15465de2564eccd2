"""Demonstration statements and reports, consistent with the demonstration casework.

Every synthetic Upheld or Not Upheld decision gets a statement, and a share of
the decisions closed after initial enquiries (`CLOSED_STATEMENT_SHARE`), so a
year has about 5,000 statements as the Ombudsman publishes, not one for every
assessment closure the casework generator makes. A statement keeps its
decision's reference, council, category, date, outcome and remedy; the person
is the one its casework recommendations name, and its remedies and service
improvements are those recommendations' texts.

A few statements show the publication rules at work, as in a real archive:
some are withheld (not in the person's interest, under review, premature),
some were withdrawn, a few contain personal data the anonymisation guard
catches (and so are not published), and a few hold words the guard flags that
staff released with a reason.

Everything is deterministic from the seed; the text comes from
`demo_texts`. Rows are composed as plain values and written in bulk (COPY on
PostgreSQL), with the guard run on each, so the archive of some 55,000
statements is built in seconds, not minutes.
"""

from __future__ import annotations

import datetime
import itertools
import random
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection, transaction

from upheld.casework.models import Decision, Recommendation
from upheld.casework.vocabulary import Outcome, RecommendationKind, Remedy
from upheld.decisions import demo_texts as texts
from upheld.decisions import publication_rules, search_index
from upheld.decisions.models import (
    EventAction,
    FocusReport,
    FocusReportTopic,
    PublicInterestReport,
    ResponseOutcome,
    ScrutinyQuestion,
    Statement,
    StatementEvent,
    StatementIds,
    Withheld,
)
from upheld.demo.store import _insert
from upheld.releases import visibility

CLOSED_STATEMENT_SHARE = 0.25
WITHHELD_RATE = 0.004  # not in the person's interest
UNDER_REVIEW_RATE = 0.003
PREMATURE_RATE = 0.001
WITHDRAWN_RATE = 0.0005
LEAK_RATE = 0.002  # personal data left in the text: the guard stops it
RELEASED_RATE = 0.001  # the guard flags a word that staff checked and released
PUBLISHED_OUTCOMES = (Outcome.UPHELD, Outcome.NOT_UPHELD, Outcome.CLOSED_AFTER_INITIAL)
BATCH = 5_000
DEMO_ACTOR = "demonstration data"
# Public interest reports a year (the domain notes give 2019-20, 2022-23 and 2023-24).
REPORTS_PER_YEAR = {2014: 44, 2015: 49, 2016: 55, 2017: 57, 2018: 52, 2019: 63, 2020: 35, 2021: 44, 2022: 38,
                    2023: 27, 2024: 31}
_PERSON = re.compile(r"\b(Mr|Mrs|Ms|Miss) ([A-Z])\b")
_LEAKS = (
    ("body", "{person} can be reached on 07700 900{n:03d}."),
    ("body", "{His} email address is resident{n}@example.com."),
    ("body", "{person} was born on {day} March 19{year}."),
    ("summary", "Mrs Hargreaves complained on behalf of her neighbour."),
    ("body", "{His} neighbour, Susan Whitehead, supported the complaint."),
    ("body", "The Council wrote to {him} at 4 Mill Lane, LS6 2QR."),
)
_FALSE_ALARMS = (
    ("body", "The meeting took place in the Christopher Wren building at the civic centre.",
     "Christopher Wren is the architect the building is named after, not a person in the complaint."),
    ("body", "{person} was referred to Dr Barnardo’s, a children’s charity, for support.",
     "Dr Barnardo’s is the name of a national charity, not of a person."),
)
_WITHHELD_REASONS = (
    "The complaint concerns a small community in which the family could be identified.",
    "Publishing the statement could cause distress to a child named in the complaint.",
    "The complainant is at risk of harm and asked that the decision is not published.",
)
_WITHDRAWN_REASONS = (
    "The council told us the statement could identify the complainant's family; withdrawn for redaction.",
    "Published in error before the review period ended.",
)


class DecisionRow(NamedTuple):
    """What a statement needs to know about its casework decision."""

    reference: str
    authority_id: int
    category: str
    subcategory: str
    decided: datetime.date
    outcome: str
    remedy: str
    personal: tuple[str, ...] = ()
    service: tuple[str, ...] = ()


@dataclass
class DemoStatement:
    values: dict
    events: list[tuple[str, str]] = field(default_factory=list)  # (action, reason)


@dataclass
class StatementsSummary:
    statements: int = 0
    public: int = 0
    flagged: int = 0
    withheld: int = 0
    reports: int = 0
    focus_reports: int = 0


def compose(row: DecisionRow, seed: int) -> DemoStatement | None:
    """The statement of one decision, or None when this decision gets none."""
    rng = random.Random(seed << 32 ^ zlib.crc32(row.reference.encode()))
    if row.outcome == Outcome.CLOSED_AFTER_INITIAL and rng.random() >= CLOSED_STATEMENT_SHARE:
        return None
    scenario = texts.SCENARIOS[row.category][row.subcategory]
    words = _words(rng, row)
    summary, body, remedies = _text(rng, row, scenario, words)
    values = {
        "reference": row.reference, "authority_id": row.authority_id, "category": row.category,
        "subcategory": row.subcategory, "outcome": row.outcome, "remedy": row.remedy, "decided": row.decided,
        "summary": summary, "body": body, "remedies": "\n".join(remedies),
        "service_improvements": "\n".join(row.service), "publish": True, "withheld": "", "withheld_reason": "",
        "withdrawn": False, "guard_released_for": "", "guard_release_reason": "", "synthetic": True,
    }
    statement = DemoStatement(values)
    _complications(rng, statement, words)
    values.update(publication_rules.derived(values))
    if values["guard_findings"] and not values["guard_released_for"]:
        statement.events.append((EventAction.FLAGGED, _describe(values)))
    return statement


def _words(rng: random.Random, row: DecisionRow) -> dict:
    """The placeholders of `demo_texts`: the person, pronouns, months."""
    named = next((match for text in row.personal if (match := _PERSON.search(text))), None)
    title, letter = (named[1], named[2]) if named else (rng.choice(("Mr", "Mrs", "Ms", "Miss")),
                                                           rng.choice("BCDFGHJKLMNPRSTWXYZ"))
    child = rng.choice(_CHILDREN)
    if child == letter:
        child = "A"
    ordinal = row.decided.toordinal() - rng.randint(60, 240)  # when the complaint came to us
    m3 = ordinal - rng.randint(20, 70)
    m2 = m3 - rng.randint(30, 120)
    m1 = m2 - rng.randint(30, 120)
    return {
        "person": f"{title} {letter}", **_PRONOUNS[title == "Mr"], "child": child, "council": "the Council",
        "m1": _month(m1), "m2": _month(m2), "m3": _month(m3),
        "amount": rng.choice((100, 150, 200, 250, 300, 400, 500)), "reason": "",
    }


_CHILDREN = "BCDEGJKLNPRSTW"
_PRONOUNS = {
    True: {"he": "he", "him": "him", "his": "his", "He": "He", "His": "His"},
    False: {"he": "she", "him": "her", "his": "her", "He": "She", "His": "Her"},
}
_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")


def _month(ordinal: int) -> str:
    """A day (as an ordinal) as "March 2021"; strftime costs more than the rest of a statement's dates."""
    day = datetime.date.fromordinal(ordinal)
    return f"{_MONTH_NAMES[day.month]} {day.year}"


def _text(rng: random.Random, row: DecisionRow, scenario: dict, words: dict) -> tuple[str, str, list[str]]:
    def fill(template: str) -> str:
        return template.format_map(words)

    person = words["person"]
    complaint = fill(scenario["complaint"])
    fault, no_fault, injustice = fill(scenario["fault"]), fill(scenario["no_fault"]), fill(scenario["injustice"])
    body = ["The complaint",
            rng.choice((f"{person} complains that {complaint}.", f"{person} complained that {complaint}.",
                        f"The complaint is that {complaint}.")),
            fill(rng.choice(("{He} says this caused {him} distress and frustration.",
                             "{He} says the matter has caused {him} stress and cost {him} time.",
                             "{He} says {he} has been left worse off as a result.")))]
    remedies: list[str] = list(row.personal)
    closure = None
    if row.outcome == Outcome.CLOSED_AFTER_INITIAL:
        reasons = texts.CLOSURE_REASONS if scenario.get("appeal") else [
            reason for reason in texts.CLOSURE_REASONS if "tribunal" not in reason[0]]
        closure = tuple(fill(part) for part in rng.choice(reasons))
        body += ["The Ombudsman’s role and powers", *texts.ROLE_ASSESSMENT]
        if "tribunal" in closure[0]:
            body.append(texts.APPEAL_POWER)
        body += ["How I considered this complaint", fill(rng.choice(texts.CONSIDERED_ASSESSMENT)),
                 "My assessment", fill(scenario["law"]), *(fill(event) for event in scenario["events"][:2]),
                 closure[1]]
        summary = rng.choice((f"{person} complained about {fill(scenario['topic'])}. We will not investigate "
                              f"this complaint because {closure[0]}.",
                              f"We will not investigate {person}’s complaint about {fill(scenario['topic'])} "
                              f"because {closure[0]}."))
    else:
        body += ["The Ombudsman’s role and powers", *texts.ROLE_INVESTIGATION,
                 "How I considered this complaint", *(fill(rng.choice(options)) for options in texts.CONSIDERED),
                 "What I found", "Law and guidance", fill(scenario["law"]), rng.choice(texts.WHAT_HAPPENED),
                 *(fill(event) for event in scenario["events"]), "Analysis"]
        if row.outcome == Outcome.NOT_UPHELD:
            body.append(f"I have found no fault. The evidence shows {no_fault}.")
            summary = rng.choice((f"{person} complained that {complaint}. We found no fault by the Council.",
                                  f"{person} complained that {complaint}. We have not found fault: "
                                  f"{no_fault}."))
        else:
            body.append(rng.choice((f"I find that {fault}. That was fault.",
                                    f"The Council was at fault because {fault}.")))
            summary, remedies = _upheld(rng, row, words, complaint, fault, injustice, body, remedies)
    words["reason"] = closure[0] if closure else ""
    body += ["Final decision", fill(rng.choice(texts.FINAL_DECISIONS[row.remedy or row.outcome]))]
    return summary, "\n".join(body), remedies


def _upheld(rng: random.Random, row: DecisionRow, words: dict, complaint: str, fault: str, injustice: str,
            body: list[str], remedies: list[str]) -> tuple[str, list[str]]:
    person = words["person"]
    opening = f"{person} complained that {complaint}. We found fault because {fault}."
    if row.remedy == Remedy.SATISFACTORY_BY_AUTHORITY:
        action = rng.choice(texts.SATISFACTORY_ACTIONS).format(**words)
        remedies = [action[0].upper() + action[1:] + "."]
        body += [f"This caused {injustice}.", "Agreed action",
                 f"Before {person} came to us, the Council had already {action}. That is a suitable remedy "
                 "for the injustice caused, so I have not recommended anything further."]
        return f"{opening} The Council had already {action}, which is a suitable remedy.", remedies
    if row.remedy == Remedy.NONE or not remedies:
        body.append(f"However, I cannot say the fault caused {person} a significant injustice. "
                    "On balance, the outcome would have been the same.")
        return f"{opening} But it did not cause {person} significant injustice, so we have not recommended "\
               "a remedy.", remedies
    body += [f"This caused {injustice}.", "Agreed action", rng.choice(texts.AGREED_OPENINGS), *remedies]
    if row.service:
        body += [rng.choice(texts.IMPROVEMENT_OPENINGS), *row.service]
    body.append(rng.choice(texts.EVIDENCE))
    agreed = " and ".join(_clause(remedy) for remedy in remedies[:2])
    improvement = " It will also improve its procedures to prevent a recurrence." if row.service else ""
    return f"{opening} This caused {injustice}. The Council has agreed to {agreed}.{improvement}", remedies


def _clause(sentence: str) -> str:
    """"Apologise to Mrs X for the delay." → "apologise to Mrs X for the delay"."""
    return sentence[0].lower() + sentence[1:].rstrip(".")


def _complications(rng: random.Random, statement: DemoStatement, words: dict) -> None:
    """Now and then, what the publication rules are for."""
    values = statement.values
    draw = rng.random()
    bounds = _COMPLICATION_BOUNDS
    if draw >= bounds[-1]:
        return
    if draw < bounds[0]:
        _withhold(statement, Withheld.PERSONS_INTEREST, rng.choice(_WITHHELD_REASONS))
    elif draw < bounds[1]:
        _withhold(statement, Withheld.UNDER_REVIEW, f"{words['person']} asked for a review of the decision.")
    elif draw < bounds[2]:
        _withhold(statement, Withheld.PREMATURE, "The council had not had the chance to respond to the complaint.")
    elif draw < bounds[3]:
        values["withdrawn"] = True
        statement.events.append((EventAction.WITHDRAWN, rng.choice(_WITHDRAWN_REASONS)))
    elif draw < bounds[4]:
        where, sentence = rng.choice(_LEAKS)
        values[where] += (" " if where == "summary" else "\n") + sentence.format(
            **words, n=rng.randrange(1000), day=rng.randint(1, 28), year=rng.randint(40, 99))
    elif draw < bounds[5]:
        where, sentence, reason = rng.choice(_FALSE_ALARMS)
        values[where] += "\n" + sentence.format(**words)
        values.update(publication_rules.derived(values))
        findings = values["guard_findings"]
        values["guard_released_for"] = publication_rules.guard.fingerprint(findings)
        values["guard_release_reason"] = reason
        statement.events += [(EventAction.FLAGGED, _describe(values)), (EventAction.RELEASED, reason)]


_COMPLICATION_BOUNDS = tuple(itertools.accumulate(
    (WITHHELD_RATE, UNDER_REVIEW_RATE, PREMATURE_RATE, WITHDRAWN_RATE, LEAK_RATE, RELEASED_RATE)))


def _withhold(statement: DemoStatement, kind: str, reason: str) -> None:
    statement.values.update(withheld=kind, withheld_reason=reason)
    statement.events.append((EventAction.WITHHELD, f"{Withheld(kind).label}: {reason}"))


def _describe(values: dict) -> str:
    return publication_rules.guard.describe(values["guard_findings"])


# Reading the casework and writing the statements -------------------------------------------


def synthetic_decisions() -> Iterator[DecisionRow]:
    """The demonstration decisions a statement could be published for, with their recommendations."""
    recommendations: dict[int, tuple[list[str], list[str]]] = {}
    for case_id, kind, text in (Recommendation.objects.filter(case__synthetic=True)
                                .order_by("case_id", "due", "id").values_list("case_id", "kind", "text")):
        personal, service = recommendations.setdefault(case_id, ([], []))
        (service if kind == RecommendationKind.SERVICE_IMPROVEMENT else personal).append(text)
    fields = ("case_id", "case__reference", "case__authority_id", "case__category", "case__subcategory",
              "decided", "outcome", "remedy")
    rows = (Decision.objects.filter(case__synthetic=True, outcome__in=PUBLISHED_OUTCOMES)
            .order_by("decided", "case__reference").values_list(*fields).iterator(chunk_size=10_000))
    for case_id, *row in rows:
        personal, service = recommendations.get(case_id, ((), ()))
        yield DecisionRow(*row, tuple(personal), tuple(service))


STATEMENT_FIELDS = (
    "id", "reference", "slug", "authority_id", "category", "subcategory", "outcome", "remedy", "decided", "summary",
    "body", "remedies", "service_improvements", "has_service_improvement", "publish", "withheld",
    "withheld_reason", "withdrawn", "guard_findings", "guard_released_for", "guard_release_reason", "publishable",
    "search_facets", "synthetic", "created", "updated",
)


def insert_statements(statements: Iterable[DemoStatement], actor: str = DEMO_ACTOR) -> int:
    """Write statements (and their events) in bulk; the full-text index follows by itself."""
    now = connection.ops.adapt_datetimefield_value(datetime.datetime.now(tz=datetime.UTC))
    day = connection.ops.adapt_datefield_value
    json_field = Statement._meta.get_field("guard_findings")
    ids = StatementIds().preload()
    written = 0
    batch: list[DemoStatement] = []

    def flush() -> None:
        nonlocal written
        rows, events = [], []
        for statement in batch:
            values = {**statement.values, "id": ids(statement.values["decided"]), "created": now, "updated": now}
            values["guard_findings"] = json_field.get_db_prep_save(values["guard_findings"], connection)
            values["decided"] = day(values["decided"])
            rows.append(tuple(values[name] for name in STATEMENT_FIELDS))
            events += ((values["id"], now, actor, action, reason) for action, reason in statement.events)
        _insert(Statement, [name.removesuffix("_id") for name in STATEMENT_FIELDS], rows)
        _insert(StatementEvent, ("statement", "at", "actor_name", "action", "reason"), events)
        written += len(batch)
        batch.clear()

    for statement in statements:
        batch.append(statement)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    visibility.changed()  # written in bulk, without the signals that count changes to public things
    return written


def delete_synthetic_statements() -> None:
    """One DELETE per table: the events first, as Django would collect them one by one."""
    StatementEvent.objects.filter(statement__synthetic=True)._raw_delete(using="default")
    Statement.objects.filter(synthetic=True)._raw_delete(using="default")
    visibility.changed()


@transaction.atomic
def replace_demo_statements(seed: int, progress: Callable[[Iterable], Iterable] = lambda items: items
                            ) -> StatementsSummary:
    """Statements for the demonstration casework in the database, and the reports, replacing earlier ones."""
    with search_index.bulk_writes(connection):
        delete_synthetic_statements()
        composed = (compose(row, seed) for row in progress(synthetic_decisions()))
        summary = StatementsSummary(statements=insert_statements(statement for statement in composed if statement))
    if connection.vendor == "postgresql":  # the planner's statistics, for the search's choice of plan
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE decisions_statement")
    public = Statement.objects.filter(synthetic=True).public()
    summary.public = public.count()
    summary.flagged = Statement.objects.filter(synthetic=True, publishable=False).exclude(guard_findings=[]).count()
    summary.withheld = Statement.objects.filter(synthetic=True).exclude(withheld="").count()
    summary.reports = replace_demo_reports(seed)
    summary.focus_reports = replace_focus_reports()
    return summary


# Reports --------------------------------------------------------------------------------------


def replace_demo_reports(seed: int) -> int:
    """Public interest reports about demonstration decisions: the year's number of upheld
    decisions remedied by the Ombudsman, each with the council's duty to respond played out."""
    PublicInterestReport.objects.filter(synthetic=True, follows__isnull=False).delete()
    PublicInterestReport.objects.filter(synthetic=True).delete()
    candidates = (Statement.objects.filter(synthetic=True, publishable=True, outcome=Outcome.UPHELD,
                                           remedy=Remedy.BY_OMBUDSMAN)
                  .order_by("decided", "reference").values_list("authority_id", "reference", "decided", "category",
                                                                  "summary"))
    by_year: dict[int, list[tuple]] = {}
    for candidate in candidates:
        by_year.setdefault(_year_of(candidate[2]), []).append(candidate)
    last_day = max((c[2] for year in by_year.values() for c in year), default=None)
    made = 0
    for year, rows in sorted(by_year.items()):
        rng = random.Random(f"{seed}:reports:{year}")
        for authority_id, reference, decided, category, summary in sorted(
                rng.sample(rows, min(len(rows), REPORTS_PER_YEAR.get(year, 30))), key=lambda row: row[2]):
            report = _report(rng, authority_id, reference, decided, category, summary, last_day)
            made += 1 + (report.further_reports.count())
    return made


def _year_of(day: datetime.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _report(rng: random.Random, authority_id: int, reference: str, issued: datetime.date, category: str,
            summary: str, last_day: datetime.date) -> PublicInterestReport:
    from upheld.decisions.reports import response_due

    title = rng.choice(texts.REPORT_TITLES[category])
    report = PublicInterestReport(authority_id=authority_id, reference=reference, issued=issued, title=title,
                                  summary=summary, synthetic=True)
    report.notice_given = issued + datetime.timedelta(days=rng.choice((2, 3, 4, 5, 6, 7, 7, 9)))
    due = response_due(issued)
    recent = (last_day - issued).days < 120
    draw = rng.random()
    if recent and draw < 0.5:
        pass  # the council has not replied yet; overdue or not depends on today
    else:
        late = draw > 0.9
        report.response_received = (due + datetime.timedelta(days=rng.randint(5, 60)) if late
                                    else due - datetime.timedelta(days=rng.randint(0, 45)))
        report.response_received = max(report.response_received, issued + datetime.timedelta(days=20))
        report.outcome_date = report.response_received + datetime.timedelta(days=rng.randint(10, 50))
        report.response_outcome = (ResponseOutcome.FURTHER_REPORT if rng.random() < 0.04
                                   else ResponseOutcome.SATISFIED)
    report.save()
    if report.response_outcome == ResponseOutcome.FURTHER_REPORT:
        PublicInterestReport.objects.create(
            authority_id=authority_id, reference=reference, issued=report.outcome_date,
            title=f"Further report: {title}", synthetic=True, follows=report,
            summary="The council did not take the action it agreed in response to our earlier report, so we "
                    "have issued a further report.",
            notice_given=report.outcome_date + datetime.timedelta(days=5))
    return report


def replace_focus_reports() -> int:
    FocusReport.objects.filter(synthetic=True).delete()
    for spec in texts.FOCUS_REPORTS:
        report = FocusReport.objects.create(
            title=spec["title"], slug=spec["slug"], published=datetime.date(*spec["published"]),
            summary=spec["summary"], body=spec["body"], synthetic=True)
        FocusReportTopic.objects.bulk_create(FocusReportTopic(report=report, category=c) for c in spec["categories"])
        ScrutinyQuestion.objects.bulk_create(ScrutinyQuestion(report=report, position=n, text=text)
                                             for n, text in enumerate(spec["questions"], start=1))
    return len(texts.FOCUS_REPORTS)
