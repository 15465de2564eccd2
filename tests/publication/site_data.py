"""Datasets for the public pages' tests: a released multi-council dataset over three years."""

import datetime
import random

import pytest

from tests.builders import approved_improvement, case, decide
from upheld.authorities.models import Authority, Population
from upheld.casework.models import ComplianceOutcome, Recommendation
from upheld.casework.vocabulary import Category, ComplianceResult, Outcome, RecommendationKind, Remedy
from upheld.releases.freezing import schedule_release
from upheld.years import ReportingYear

Y2017, Y2018, Y2019 = ReportingYear(2017), ReportingYear(2018), ReportingYear(2019)
# Council → the years it has records in. Christchurch ended on 31 March 2019 and became part of
# Bournemouth, Christchurch and Poole, which began the next day.
DATASET = {
    "E08000014": (Y2017, Y2018, Y2019),  # Sefton, metropolitan
    "E08000015": (Y2017, Y2018, Y2019),  # Wirral, metropolitan
    "E07000223": (Y2017, Y2018, Y2019),  # Adur, district
    "E10000032": (Y2017, Y2018, Y2019),  # West Sussex, county
    "E09000033": (Y2017, Y2018, Y2019),  # Westminster, London
    "E07000048": (Y2017, Y2018),  # Christchurch, district, ended 2019-03-31
    "E06000058": (Y2019,),  # Bournemouth, Christchurch and Poole, unitary, from 2019-04-01
}
SERVICE_TEXT = "Review the homelessness procedure so that interim accommodation is offered on the day it is needed."
PERSONAL_TEXT = "Apologise to Mrs X and pay her £300 for the distress caused."


def build_year(authority: Authority, year: ReportingYear, rng: random.Random) -> None:
    """A varied year of records for one council: every category, outcome, remedy and compliance result."""
    day = year.first_day + datetime.timedelta(days=10)
    for category in Category.values:
        for _ in range(rng.randint(0, 5)):
            case(authority, day + datetime.timedelta(days=rng.randint(0, 300)), category)
    decided = day + datetime.timedelta(days=60)
    for outcome in Outcome.values:
        for _ in range(rng.randint(0, 4) if outcome != Outcome.UPHELD else rng.randint(1, 8)):
            remedy = rng.choice([Remedy.BY_OMBUDSMAN, Remedy.SATISFACTORY_BY_AUTHORITY, Remedy.NONE]) \
                if outcome == Outcome.UPHELD else ""
            decision = decide(authority, day, decided, outcome, remedy)
            if outcome == Outcome.UPHELD and remedy == Remedy.BY_OMBUDSMAN:
                Recommendation.objects.create(case=decision.case, kind=RecommendationKind.PERSONAL,
                                              text=PERSONAL_TEXT, due=decided + datetime.timedelta(days=30))
                if rng.random() < 0.5:
                    approved_improvement(decision.case, SERVICE_TEXT, decided + datetime.timedelta(days=90))
                ComplianceOutcome.objects.create(
                    case=decision.case, recorded=decided + datetime.timedelta(days=45),
                    outcome=rng.choice([ComplianceResult.COMPLIED, ComplianceResult.COMPLIED_LATE,
                                        ComplianceResult.NOT_COMPLIED]))
    if rng.random() < 0.7:
        Population.objects.create(authority=authority, year=year.start_year, population=rng.randint(60, 900) * 1000)


def build_dataset() -> None:
    """Seven councils of every type over 2017-18 to 2019-20, including a reorganisation (nothing released)."""
    for gss, years in DATASET.items():
        authority = Authority.objects.get(gss=gss)
        for year in years:
            build_year(authority, year, random.Random(f"{gss}{year.label}"))


@pytest.fixture
def dataset(db):
    """The dataset with all three years released."""
    build_dataset()
    for year in (Y2017, Y2018, Y2019):
        schedule_release(year)
    return DATASET
