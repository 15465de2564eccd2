"""Builders of case-level records for tests, including the records that give
the reference letter's Sefton 2017-18 tables."""

import datetime
from itertools import count

from upheld.casework import improvements
from upheld.casework.models import Case, Decision, Recommendation
from upheld.casework.vocabulary import Category, Outcome, RecommendationKind, Remedy
from upheld.years import ReportingYear

D = datetime.date
Y2017 = ReportingYear(2017)
_references = count(1)

SEFTON_RECEIVED = dict(zip(Category.values, [19, 6, 6, 14, 2, 4, 1, 6, 1], strict=True))
SEFTON_DECISIONS = dict(zip(Outcome.values, [4, 0, 24, 14, 9, 12], strict=True))


def case(authority, received, category=Category.HOUSING):
    return Case.objects.create(reference=f"T{next(_references):07d}", authority=authority,
                               received=received, category=category)


def decide(authority, received, decided, outcome, remedy=""):
    return Decision.objects.create(case=case(authority, received), decided=decided, outcome=outcome, remedy=remedy)


def approved_improvement(case_, text, due, reason=""):
    """A service improvement of `case_`, approved for publication as a publisher would (`reason`: why, despite
    what the anonymisation check finds in it)."""
    recommendation = Recommendation.objects.create(case=case_, kind=RecommendationKind.SERVICE_IMPROVEMENT,
                                                   text=text, due=due)
    return improvements.approve(recommendation, "tests", improvements.digest(text), reason)


def build_sefton_2017_18(sefton):
    """Case-level records giving the reference letter's tables: 63 decisions,
    13 of them on cases received in 2016-17 and 50 on the year's 59 cases."""
    day = iter(D(2017, 4, 1) + datetime.timedelta(days=n * 6) for n in count())
    received = [case(sefton, next(day), category)
                for category, number in SEFTON_RECEIVED.items() for _ in range(number)]
    earlier = [case(sefton, D(2017, 1, 10) + datetime.timedelta(days=n)) for n in range(13)]
    remedies = iter([Remedy.BY_OMBUDSMAN] * 10 + [Remedy.NONE] * 2)
    to_decide = iter(earlier + received)
    for outcome, number in SEFTON_DECISIONS.items():
        for _ in range(number):
            decided_case = next(to_decide)
            decided = max(Y2017.first_day, min(decided_case.received + datetime.timedelta(days=40), Y2017.last_day))
            remedy = next(remedies) if outcome == Outcome.UPHELD else ""
            Decision.objects.create(case=decided_case, decided=decided, outcome=outcome, remedy=remedy)
    # Records just outside the year on each side must not count.
    case(sefton, D(2017, 3, 31))
    case(sefton, D(2018, 4, 1))
    decide(sefton, D(2017, 3, 1), D(2017, 3, 31), Outcome.UPHELD, Remedy.SATISFACTORY_BY_AUTHORITY)
    decide(sefton, D(2018, 4, 1), D(2018, 4, 1), Outcome.UPHELD, Remedy.SATISFACTORY_BY_AUTHORITY)
