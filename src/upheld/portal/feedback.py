"""Councils' feedback on their letters: saving it (audited), and the publishers' summary year by year.

The summary gives counts only (by topic, by usefulness rating); it computes no rate or average, so it
needs nothing from `upheld.stats`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from upheld.audit.models import Action
from upheld.audit.record import record
from upheld.letters.models import FeedbackTopic, LetterFeedback
from upheld.years import ReportingYear

RATINGS = range(1, 6)


@transaction.atomic
def submit(request, council, year: ReportingYear, feedback: LetterFeedback) -> LetterFeedback:
    """Save `feedback` (from the form, unsaved) as the council's on its letter for `year`, and audit it."""
    feedback.authority, feedback.year, feedback.user = council, year.start_year, request.user
    feedback.save()
    record(Action.CREATE, feedback, request=request,
           after={"year": year.label, "about": feedback.about, "usefulness": feedback.usefulness,
                  "characters": len(feedback.text)})
    return feedback


@dataclass(frozen=True)
class YearSummary:
    year: ReportingYear
    total: int
    topics: list[tuple[str, int]]  # (topic label, count), every topic
    ratings: list[tuple[str, int]]  # ("1".."5" or "Not given", count)
    comments: list[LetterFeedback]


def summary() -> list[YearSummary]:
    """Every year with feedback, newest first."""
    by_year: dict[int, list[LetterFeedback]] = {}
    for feedback in LetterFeedback.objects.select_related("authority").order_by("-year", "-submitted", "-id"):
        by_year.setdefault(feedback.year, []).append(feedback)
    summaries = []
    for year, comments in by_year.items():
        topics = Counter(feedback.about for feedback in comments)
        ratings = Counter(feedback.usefulness for feedback in comments)
        summaries.append(YearSummary(
            year=ReportingYear(year), total=len(comments),
            topics=[(topic.label, topics[topic.value]) for topic in FeedbackTopic],
            ratings=[*((str(n), ratings[n]) for n in RATINGS), ("Not given", ratings[None])],
            comments=comments,
        ))
    return summaries
