"""The service improvements a council agreed in a year: the changes it made so that the same fault
does not happen to others. Only the recommendation's text and the service area are published:
never the case, its reference or anything about the person who complained, and only the texts a
publisher approved (`Recommendation.objects.public_service_improvements`, the one definition).

They are listed on the pages of released years (the only years with pages), by the year of their
decision, but they are not part of the year's frozen figures: each appears once it is approved and
three months after its decision, which may be after the release, and that is recorded per improvement
(the audit trail) rather than as a revision of the figures. The pages say so.

The council and scrutiny pages are kept per published state (`page_cache`), which a review does not
change: a service improvement saved or deleted in this process (approved, refused, edited) empties this
process's kept pages, so the publisher sees the effect at once; other processes' pages follow within the
cache's timeout.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save

from upheld.authorities.models import Authority
from upheld.casework.models import Recommendation
from upheld.casework.vocabulary import Category, RecommendationKind
from upheld.publication.page_cache import store
from upheld.years import ReportingYear


@dataclass(frozen=True)
class Improvement:
    text: str
    times: int  # how many decisions of the year asked for the same change


def agreed(authority: Authority, year: ReportingYear,
           today: datetime.date | None = None) -> list[tuple[str, list[Improvement]]]:
    """(service area, improvements) public on `today` for decisions the Ombudsman made about the council in `year`."""
    rows = (Recommendation.objects.public_service_improvements(today)
            .filter(case__authority=authority, case__decision__decided__range=(year.first_day, year.last_day))
            .values_list("case__category", "text"))
    counted = Counter((category, " ".join(text.split())) for category, text in rows)
    labels = dict(Category.choices)
    by_area: dict[str, list[Improvement]] = {}
    for category in Category.values:  # the letters' order of service areas
        texts = sorted((text, times) for (area, text), times in counted.items() if area == category)
        if texts:
            by_area[labels[category]] = [Improvement(text, times) for text, times in texts]
    return list(by_area.items())


def forget_pages(sender, instance: Recommendation, **kwargs) -> None:
    if instance.kind == RecommendationKind.SERVICE_IMPROVEMENT:
        store.clear()


post_save.connect(forget_pages, sender=Recommendation, dispatch_uid="service-improvements-forget-save")
post_delete.connect(forget_pages, sender=Recommendation, dispatch_uid="service-improvements-forget-delete")
