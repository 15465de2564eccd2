"""What a council has been asked to do, case by case, and where each case stands on compliance.

The status is `casework.compliance.compliance_status`, the one definition the casework screens use too.
A case is listed while it is outstanding and for a year after its compliance outcome was recorded, so
the page stays a to-do list rather than the council's whole history. Only the case reference, the
decision date and the recommendations are read: nothing about the complainant.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q

from upheld.casework.compliance import OUTSTANDING, ComplianceStatus, compliance_status
from upheld.casework.models import Recommendation
from upheld.casework.vocabulary import RecommendationKind

SETTLED_SHOWN_FOR = datetime.timedelta(days=365)
ORDER = {ComplianceStatus.DELAYED: 0, ComplianceStatus.OVERDUE: 1, ComplianceStatus.AWAITING: 2}
LATE = (ComplianceStatus.OVERDUE, ComplianceStatus.DELAYED)


@dataclass(frozen=True)
class Item:
    kind: str
    text: str
    due: datetime.date


@dataclass
class CaseDue:
    reference: str
    decided: datetime.date | None
    outcome: str | None
    recorded: datetime.date | None
    items: list[Item] = field(default_factory=list)
    status: ComplianceStatus = ComplianceStatus.NO_RECOMMENDATIONS

    @property
    def first_due(self) -> datetime.date:
        return min(item.due for item in self.items)

    @property
    def late(self) -> bool:
        return self.status in LATE

    @property
    def outstanding(self) -> bool:
        return self.status in OUTSTANDING


def cases_due(council, today: datetime.date) -> list[CaseDue]:
    """The council's cases with recommendations, outstanding ones first (delayed, overdue, awaiting; then by
    due date), then those settled in the last year, newest first."""
    rows = (Recommendation.objects
            .filter(case__authority=council)
            .filter(Q(case__compliance__isnull=True) | Q(case__compliance__recorded__gte=today - SETTLED_SHOWN_FOR))
            .values_list("case_id", "case__reference", "case__decision__decided", "case__compliance__outcome",
                         "case__compliance__recorded", "kind", "text", "due")
            .order_by("case_id", "due", "id"))
    cases: dict[int, CaseDue] = {}
    for case_id, reference, decided, outcome, recorded, kind, text, due in rows:
        case = cases.setdefault(case_id, CaseDue(reference, decided, outcome, recorded))
        case.items.append(Item(RecommendationKind(kind).label, text, due))
    for case in cases.values():
        case.status = compliance_status(case.first_due, case.outcome, today)
    outstanding = sorted((c for c in cases.values() if c.outstanding),
                         key=lambda c: (ORDER[c.status], c.first_due, c.reference))
    settled = sorted((c for c in cases.values() if not c.outstanding),
                     key=lambda c: (c.recorded, c.reference), reverse=True)
    return outstanding + settled


def counts(cases: list[CaseDue]) -> Counter:
    """Cases by status, for the portal's home page."""
    return Counter(case.status for case in cases)
