"""The service improvements a council agreed in a year: the changes it made so that the same fault
does not happen to others. Only the recommendation's text and the service area are published:
never the case, its reference or anything about the person who complained, and only the texts a
publisher approved (`Recommendation.objects.public_service_improvements`, the one definition).

They are listed on the pages of released years (the only years with pages), by the year of their
decision, but they are not part of the year's frozen figures: each appears once it is approved and
three months after its decision, which may be after the release, and that is recorded per improvement
(the audit trail) rather than as a revision of the figures. The pages say so.

A review changes the public state (`upheld.releases.visibility`), so every cached page follows at once.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from upheld.authorities.models import Authority
from upheld.casework.models import Decision, Recommendation
from upheld.casework.vocabulary import Category
from upheld.years import ReportingYear


@dataclass(frozen=True)
class Improvement:
    text: str
    times: int  # how many decisions of the year asked for the same change


def agreed(authority: Authority, year: ReportingYear,
           today: datetime.date | None = None) -> list[tuple[str, list[Improvement]]]:
    """(service area, improvements) public on `today` for decisions the Ombudsman made about the council in `year`."""
    decisions = Decision.objects.filter(case__authority=authority, decided__range=(year.first_day, year.last_day))
    rows = (Recommendation.objects.public_service_improvements(today).of_decisions(decisions)
            .values_list("case__category", "text"))
    counted = Counter((category, " ".join(text.split())) for category, text in rows)
    labels = dict(Category.choices)
    by_area: dict[str, list[Improvement]] = {}
    for category in Category.values:  # the letters' order of service areas
        texts = sorted((text, times) for (area, text), times in counted.items() if area == category)
        if texts:
            by_area[labels[category]] = [Improvement(text, times) for text, times in texts]
    return list(by_area.items())

