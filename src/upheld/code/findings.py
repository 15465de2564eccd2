"""The Ombudsman's findings that a council did not follow the Code, recorded on decisions.

One rule, `failure_problems`, decides whether a provision can be recorded as failed on a decision; the admin
(through `CodeFailure.clean`), the casework screens and imports all ask it. A failure of the Code is fault, so
it is recorded only on an Upheld decision; and the provision must be of the edition the Ombudsman applies on the
decision's date (`upheld.code.editions.edition_on`), so nothing is recorded before the first edition starts
(1 April 2026) or against an edition that did not apply.

Failures become public only in the counts of a released year's frozen figures (`upheld.stats.counts`,
`upheld.releases.freezing`): a failure recorded after a release reaches the public with the next revision.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models

from upheld.casework.vocabulary import Outcome
from upheld.code.editions import Edition, Provision, edition_on
from upheld.stats.wording import long_date


def failure_problems(decided: datetime.date | None, outcome: str | None, provision: Provision,
                     editions: Iterable[Edition]) -> dict[str, str]:
    """Why `provision` cannot be recorded as failed on a decision made on `decided` with `outcome`, by field
    ("provision" or "decision"); empty when it can. `editions`: every edition, read once by the caller."""
    if decided is None:
        return {"decision": "the case has no decision yet"}
    if outcome != Outcome.UPHELD:
        return {"decision": "a Code failure is fault: it can only be recorded on an Upheld decision"}
    editions = list(editions)
    applying = edition_on(editions, decided)
    if applying is None:
        first = min((edition.starts for edition in editions), default=None)
        since = f" (from {long_date(first)})" if first else ""
        return {"provision": f"the Complaint Handling Code applies only to decisions made since it took "
                             f"effect{since}; this decision was made on {long_date(decided)}"}
    if provision.edition_id != applying.pk:
        return {"provision": f"{provision.number} is of the {provision.edition.name} edition; a decision made on "
                             f"{long_date(decided)} is judged by the {applying.name} edition"}
    return {}


def failures_problems(decided: datetime.date | None, outcome: str | None, provisions: Iterable[Provision],
                      editions: Iterable[Edition]) -> list[str]:
    """`failure_problems` for each of `provisions` to be recorded on one decision, each message naming its
    provision (once: the rule names one of another edition itself): what the casework decision form and the
    decisions import report."""
    editions = list(editions)
    return [message if message.startswith(f"{provision.number} ") else f"{provision.number}: {message}"
            for provision in provisions for message in failure_problems(decided, outcome, provision, editions).values()]


def recorded_failures_problems(decision) -> dict[str, str | list[str]]:
    """Why a decision that records Code failures cannot take its (changed) date or outcome: every failure
    recorded on it must still pass `failure_problems` (`upheld.casework.models.Decision.clean` asks).

    A decision saved together with the failures it is to record from now on (the casework decision form sets
    them as `code_failures_to_record`) is judged by those instead, under "code_failures": a caseworker may
    change the outcome and untick the findings in one save."""
    pending = getattr(decision, "code_failures_to_record", None)
    if pending is not None:
        problems = failures_problems(decision.decided, decision.outcome, pending, Edition.objects.all())
        return {"code_failures": problems} if problems else {}
    failures = list(CodeFailure.objects.filter(decision_id=decision.pk).select_related("provision__edition"))
    if not failures:
        return {}
    editions = list(Edition.objects.all())
    for failure in failures:
        problems = failure_problems(decision.decided, decision.outcome, failure.provision, editions)
        if problems:
            field = "outcome" if "decision" in problems else "decided"
            return {field: f"the decision records that the council did not follow {failure.provision.number} of "
                           f"the Complaint Handling Code: {next(iter(problems.values()))} (remove the finding first)"}
    return {}


class CodeFailure(models.Model):
    """A provision of the Code the council failed to follow, found in an investigation."""

    decision = models.ForeignKey("casework.Decision", on_delete=models.CASCADE, related_name="code_failures")
    provision = models.ForeignKey(Provision, on_delete=models.PROTECT, related_name="failures")

    class Meta:
        ordering = ["decision", "provision"]
        constraints = [models.UniqueConstraint(fields=["decision", "provision"], name="one_failure_per_provision")]

    def __str__(self) -> str:
        return f"{self.decision.case.reference}: did not follow {self.provision}"

    def clean(self) -> None:
        if not (self.decision_id and self.provision_id):
            return
        problems = failure_problems(self.decision.decided, self.decision.outcome, self.provision,
                                    Edition.objects.all())
        if problems:
            raise ValidationError(problems)


def record_failures(decision, provisions: Iterable[Provision]) -> None:
    """Make `provisions` the Code failures recorded on `decision`, each removal and addition saved on its own
    so that the audit trail records it (the casework decision form, in the decision's transaction). The
    caller has checked them with `failures_problems`."""
    wanted = {provision.pk: provision for provision in provisions}
    for failure in CodeFailure.objects.filter(decision=decision).exclude(provision_id__in=wanted):
        failure.delete()
    kept = set(CodeFailure.objects.filter(decision=decision).values_list("provision_id", flat=True))
    for pk, provision in wanted.items():
        if pk not in kept:
            CodeFailure.objects.create(decision=decision, provision=provision)
