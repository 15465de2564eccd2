"""Datasets for the letters: Sefton 2017-18 (the reference letter) and a small 2023-24 year."""

import datetime

import pytest

from tests.builders import D, build_sefton_2017_18, case, decide
from tests.pdf_text import pdf_text
from upheld.authorities.models import Authority, Contact, ContactRole, Population
from upheld.casework.models import ComplianceOutcome
from upheld.casework.vocabulary import Category, ComplianceResult, Outcome, Remedy

SEFTON = "E08000014"
CONTACTS = {
    ContactRole.CHIEF_EXECUTIVE: "Alex Example",
    ContactRole.LINK_OFFICER: "Sam Link",
    ContactRole.LEADER: "Jo Leader",
    ContactRole.SCRUTINY_CHAIR: "Chris Scrutiny",
    ContactRole.MONITORING_OFFICER: "Pat Monitor",
}


@pytest.fixture
def sefton(db):
    """Sefton, with a person in every role a letter is addressed or copied to."""
    council = Authority.objects.get(gss=SEFTON)
    for role, name in CONTACTS.items():
        Contact.objects.create(authority=council, role=role, name=name)
    return council


@pytest.fixture
def sefton_2017(sefton):
    build_sefton_2017_18(sefton)
    return sefton


# (GSS, upheld with each remedy, not upheld, other outcomes, compliance results) for 2023-24.
YEAR_2023 = {
    SEFTON: ({Remedy.BY_OMBUDSMAN: 5, Remedy.SATISFACTORY_BY_AUTHORITY: 1, Remedy.NONE: 1}, 1,
             [Outcome.ADVICE_GIVEN, Outcome.REFERRED_BACK, Outcome.CLOSED_AFTER_INITIAL],
             [ComplianceResult.COMPLIED] * 5 + [ComplianceResult.COMPLIED_LATE]),
    "E08000015": ({Remedy.BY_OMBUDSMAN: 2}, 3, [Outcome.INCOMPLETE_INVALID], [ComplianceResult.NOT_COMPLIED]),
    "E07000223": ({Remedy.SATISFACTORY_BY_AUTHORITY: 1}, 0, [Outcome.CLOSED_AFTER_INITIAL] * 2, []),
    "E10000032": ({}, 2, [], []),
}


@pytest.fixture
def year_2023(sefton):
    """A few councils with every kind of record in 2023-24 (and one record on each side of it)."""
    categories = iter(Category.values * 20)
    for gss, (remedies, not_upheld, others, compliance) in YEAR_2023.items():
        council = Authority.objects.get(gss=gss)
        received = D(2023, 5, 2)
        upheld = [decide(council, received, D(2023, 8, 1), Outcome.UPHELD, remedy)
                  for remedy, count in remedies.items() for _ in range(count)]
        for outcome in [Outcome.NOT_UPHELD] * not_upheld + others:
            decide(council, received, D(2023, 9, 1), outcome)
        for decision, result in zip(upheld, compliance, strict=False):
            ComplianceOutcome.objects.create(case=decision.case, recorded=D(2023, 12, 1), outcome=result)
        for day in range(3):
            case(council, D(2023, 6, 1) + datetime.timedelta(days=day), next(categories))
    Population.objects.create(authority=sefton, year=2023, population=279_000)
    decide(sefton, D(2023, 3, 1), D(2023, 3, 31), Outcome.UPHELD, Remedy.BY_OMBUDSMAN)
    decide(sefton, D(2024, 4, 1), D(2024, 4, 1), Outcome.UPHELD, Remedy.BY_OMBUDSMAN)


@pytest.fixture(scope="session")
def pdftotext():
    """Text of a PDF as poppler's pdftotext reads it (installed by `make dev`)."""
    return pdf_text
