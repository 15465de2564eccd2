"""Where a case stands on compliance: the one definition used by the casework
screens, the council portal and the staff dashboard.

A recommendation has a deadline; the council sends evidence and a compliance
officer records the outcome (complied, complied late, not complied). Until an
outcome is recorded the case is awaiting evidence, then overdue once the
earliest deadline has passed, and "delayed" once it has been outstanding for
twelve months after that deadline (domain notes: a remedy still outstanding
after 12 months is delayed).
"""

from __future__ import annotations

import datetime

from django.db import models

from upheld.casework.vocabulary import ComplianceResult

DELAYED_AFTER_MONTHS = 12


class ComplianceStatus(models.TextChoices):
    NO_RECOMMENDATIONS = "none", "No recommendations"
    AWAITING = "awaiting", "Awaiting evidence"
    OVERDUE = "overdue", "Overdue"
    DELAYED = "delayed", "Delayed (outstanding 12 months or more)"
    COMPLIED = ComplianceResult.COMPLIED.value, "Complied"
    COMPLIED_LATE = ComplianceResult.COMPLIED_LATE.value, "Complied late"
    NOT_COMPLIED = ComplianceResult.NOT_COMPLIED.value, "Not complied"


OUTSTANDING = (ComplianceStatus.AWAITING, ComplianceStatus.OVERDUE, ComplianceStatus.DELAYED)


def delayed_from(due: datetime.date) -> datetime.date:
    """The first day on which a recommendation due on `due` counts as delayed."""
    month = due.month - 1 + DELAYED_AFTER_MONTHS
    year, month = due.year + month // 12, month % 12 + 1
    # 29 February plus a year is 1 March: the remedy has then been outstanding a full year.
    try:
        return due.replace(year=year, month=month)
    except ValueError:
        return datetime.date(year, month, 1) + datetime.timedelta(days=due.day - 1)


def compliance_status(first_due: datetime.date | None, outcome: str | None,
                      today: datetime.date) -> ComplianceStatus:
    """The status of a case whose earliest recommendation is due `first_due`
    (None: no recommendations) and whose recorded compliance outcome is `outcome`."""
    if outcome:
        return ComplianceStatus(outcome)
    if first_due is None:
        return ComplianceStatus.NO_RECOMMENDATIONS
    if today <= first_due:
        return ComplianceStatus.AWAITING
    if today < delayed_from(first_due):
        return ComplianceStatus.OVERDUE
    return ComplianceStatus.DELAYED
