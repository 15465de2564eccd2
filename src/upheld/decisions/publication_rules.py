"""When a decision statement may be published, and the staff actions that change it.

A statement is public when all of these hold:

- staff meant it to be published (`publish`; an import's `publish` column);
- it is not withheld: not a premature complaint, not a decision under
  review, not withheld because publishing is not in the person's interest
  (with the reason recorded);
- it has not been withdrawn;
- the anonymisation guard found nothing in it, or a person released what it
  found with a recorded reason (a release covers exactly those findings: an
  edit that adds another finding needs another release);
- at least three months have passed since the decision
  (`settings.UPHELD_STATEMENT_DELAY_MONTHS`, default 3).

The first four are facts about the statement, folded into
`Statement.publishable` each time it is saved (`derived`), including by the
bulk inserts of the demonstration data and the import. The last depends on
the day, so it is a date comparison at query time
(`upheld.releases.visibility`, which decides everything public), which also
lets the delay setting change without touching a row.

Every change of publication by staff goes through the functions here, which
record who, when and why in `StatementEvent`. Publishing (marking for
publication, withdrawing, reinstating, withholding, releasing the guard's
findings) takes its own permission, `PUBLISH`, which only publishers hold:
the permission to change a statement lets its text be corrected, not its
publication decided. A new statement is not marked for publication.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db import transaction

from upheld.decisions import guard
from upheld.decisions.models import (
    TEXT_CONTROL,
    EventAction,
    Statement,
    StatementEvent,
    StatementOutcome,
    Withheld,
    reference_slug,
)
from upheld.releases.visibility import delay_months, earliest_publication, latest_publishable_decision

PUBLISH = "decisions.publish_statement"
TEXT_FIELDS = ("summary", "body", "remedies", "service_improvements")
DERIVED_FIELDS = ("slug", "guard_findings", "has_service_improvement", "publishable", "search_facets")


def blockers(values: Mapping) -> list[str]:
    """Why a statement with these field values may not be published, the three-month wait aside."""
    reasons = []
    if not values.get("publish"):
        reasons.append("not marked for publication")
    if values.get("withheld"):
        label = Withheld(values["withheld"]).label
        reason = values.get("withheld_reason")
        reasons.append(f"withheld: {label}" + (f" ({reason})" if reason else ""))
    if values.get("withdrawn"):
        reasons.append("withdrawn")
    findings = values.get("guard_findings") or []
    if findings and values.get("guard_released_for") != guard.fingerprint(findings):
        reasons.append(f"possible personal data: {guard.describe(findings)}")
    return reasons


def derived(values: Mapping) -> dict:
    """The fields a statement's other fields decide: its address, what the
    guard finds in its text, whether it has a service improvement and
    whether it may be published. One function for the model's save and the
    bulk inserts, so that they cannot disagree."""
    findings = [finding.as_json() for finding in
                guard.check_fields({name: values.get(name) or "" for name in TEXT_FIELDS})]
    result = {
        "slug": reference_slug(values["reference"]),
        "guard_findings": findings,
        "has_service_improvement": bool((values.get("service_improvements") or "").strip()),
    }
    result["publishable"] = not blockers({**values, **result})
    result["search_facets"] = search_facets({**values, **result})
    return result


def search_facets(values: Mapping) -> str:
    """The values a search filters on, as words for the full-text index
    ("public1 outcomeupheld categoryhousing ... subcategory5f0c..."): on SQLite the filters are
    then terms of the same full-text query, which FTS5 intersects in its own
    index, instead of a lookup of each match in the statements table."""
    words = {
        "public": int(bool(values.get("publishable"))), "council": values.get("authority_id") or 0,
        "category": values.get("category") or "", "outcome": values.get("outcome") or "",
        "remedy": values.get("remedy") or "none", "improvement": int(bool(values.get("has_service_improvement"))),
    }
    facets = [f"{name}{value}".replace("_", "") for name, value in words.items()]
    if subcategory := values.get("subcategory"):
        facets.append(subcategory_facet(subcategory))
    return " ".join(facets)


def subcategory_facet(subcategory: str) -> str:
    """A subcategory as one word: typed by staff, it may be long and hold any character, so it is hashed
    (ignoring case, as the search does) to a word the index keeps whole and that fits `search_facets`."""
    return "subcategory" + hashlib.blake2s(subcategory.casefold().encode(), digest_size=8).hexdigest()


def field_problems(*, outcome: str, remedy: str, withheld: str, withheld_reason: str,
                   texts: Mapping[str, str]) -> dict[str, str]:
    """Rules across a statement's fields, as {field: message}, for the admin and the import."""
    problems = {}
    if remedy and outcome != StatementOutcome.UPHELD:
        problems["remedy"] = "a remedy can only be recorded on an Upheld decision"
    if withheld == Withheld.PERSONS_INTEREST and not withheld_reason.strip():
        problems["withheld_reason"] = "say why publishing is not in the person's interest"
    for name, text in texts.items():
        if text and (match := TEXT_CONTROL.search(text)):
            problems[name] = f"holds a control character (U+{ord(match[0]):04X})"
    return problems


def status(statement: Statement, today: datetime.date | None = None) -> list[str]:
    """Every reason the statement is not public today; empty when it is."""
    reasons = blockers(statement.__dict__)
    if statement.decided > latest_publishable_decision(today):
        reasons.append(f"not before {earliest_publication(statement.decided):%d %B %Y} "
                       f"({delay_months()} months after the decision)")
    return reasons


# Staff actions -------------------------------------------------------------------


def may_publish(user) -> bool:
    return user.has_perm(PUBLISH)


def _entitled(actor) -> None:
    """A person must hold `PUBLISH`; a command (named by a string) acts for whoever ran it."""
    if getattr(actor, "pk", None) and not may_publish(actor):
        raise PermissionDenied(f"{actor.get_username()} may not change a statement's publication")


def record(statement: Statement, action: str, actor, reason: str = "") -> StatementEvent:
    """Add to the statement's log; `actor` is a user or the name of a command."""
    user = actor if getattr(actor, "pk", None) else None
    name = actor.get_username() if user else str(actor)
    return StatementEvent.objects.create(statement=statement, action=action, actor=user, actor_name=name,
                                         reason=reason)


def _reason(reason: str, what: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValueError(f"say why the statement is {what}")
    return reason


def withdraw(statement: Statement, actor, reason: str) -> StatementEvent:
    """Take a statement off the public site (it stays in the system, with its history)."""
    return _set_withdrawn(statement, True, actor, reason)


def reinstate(statement: Statement, actor, reason: str) -> StatementEvent:
    return _set_withdrawn(statement, False, actor, reason)


@transaction.atomic
def _set_withdrawn(statement: Statement, withdrawn: bool, actor, reason: str) -> StatementEvent:
    _entitled(actor)
    reason = _reason(reason, "withdrawn" if withdrawn else "reinstated")
    if statement.withdrawn == withdrawn:
        raise ValueError(f"{statement.reference} is {'already' if withdrawn else 'not'} withdrawn")
    statement.withdrawn = withdrawn
    statement.save(update_fields=["withdrawn"])
    return record(statement, EventAction.WITHDRAWN if withdrawn else EventAction.REINSTATED, actor, reason)


@transaction.atomic
def withhold(statement: Statement, kind: str, actor, reason: str) -> StatementEvent:
    """Never publish while `kind` applies: premature, under review, or not in the person's interest."""
    _entitled(actor)
    reason = _reason(reason, "withheld")
    statement.withheld = Withheld(kind)
    statement.withheld_reason = reason
    statement.save(update_fields=["withheld", "withheld_reason"])
    return record(statement, EventAction.WITHHELD, actor, f"{statement.get_withheld_display()}: {reason}")


@transaction.atomic
def unwithhold(statement: Statement, actor, reason: str) -> StatementEvent:
    """The review is over, or the reason no longer applies."""
    _entitled(actor)
    reason = _reason(reason, "no longer withheld")
    if not statement.withheld:
        raise ValueError(f"{statement.reference} is not withheld")
    statement.withheld = ""
    statement.withheld_reason = ""
    statement.save(update_fields=["withheld", "withheld_reason"])
    return record(statement, EventAction.UNWITHHELD, actor, reason)


@transaction.atomic
def release_findings(statement: Statement, actor, reason: str) -> StatementEvent:
    """Publish despite what the guard found, having checked it is not personal data."""
    _entitled(actor)
    reason = _reason(reason, "released despite the anonymisation check")
    if not statement.guard_findings:
        raise ValueError(f"the anonymisation check found nothing in {statement.reference}")
    statement.guard_released_for = guard.fingerprint(statement.guard_findings)
    statement.guard_release_reason = reason
    statement.save(update_fields=["guard_released_for", "guard_release_reason"])
    return record(statement, EventAction.RELEASED, actor, f"{guard.describe(statement.guard_findings)}: {reason}")
