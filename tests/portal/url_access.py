"""Who may open the council portal (the matrix: `tests/accounts/test_url_matrix.py`).

Council pages are for the two council roles only, and show only their own council (Sefton, council A):
nothing in an address names a council, so the "council B" entries are the addresses that could reach
another council's material by changing an id or a year: Knowsley's report, a year whose release is not
scheduled, a spreadsheet that is not one of the three. Nobody gets through those. The summary of the
councils' feedback is for publishers only.
"""

import datetime

from django.utils import timezone

from tests.access import COUNCIL, NOBODY, PUBLISHER, Access
from upheld.decisions.models import PublicInterestReport
from upheld.letters.defaults import load_defaults
from upheld.letters.models import LetterText, TrainingYear

UNSCHEDULED = "2016-17"


def year(world) -> dict:
    """The released year, with its letter text (shipped by a migration; put back if a flush emptied it)."""
    load_defaults(LetterText, TrainingYear)
    return {"year": world.year.label}


def report(council):
    return PublicInterestReport.objects.create(authority=council, title="Delays in repairs", summary="Delays.",
                                               issued=timezone.localdate() - datetime.timedelta(days=10)).pk


RESPONSE = {"response_text": "Cabinet agreed every recommendation."}
FEEDBACK = {"about": "format", "text": "Clear tables.", "usefulness": "4"}

ACCESS = [
    Access("portal:home", COUNCIL),
    Access("portal:recommendations", COUNCIL),
    Access("portal:letter", COUNCIL, year),
    Access("portal:letter", NOBODY, lambda world: {"year": UNSCHEDULED}),
    Access("portal:letter-pdf", COUNCIL, year),
    Access("portal:letter-pdf", NOBODY, lambda world: {"year": UNSCHEDULED}),
    Access("portal:spreadsheet", COUNCIL, lambda world: {**year(world), "kind": "received"}),
    Access("portal:spreadsheet", COUNCIL, lambda world: {**year(world), "kind": "decided"}),
    Access("portal:spreadsheet", COUNCIL, lambda world: {**year(world), "kind": "compliance"}),
    Access("portal:spreadsheet", NOBODY, lambda world: {"year": UNSCHEDULED, "kind": "received"}),
    Access("portal:spreadsheet", NOBODY, lambda world: {**year(world), "kind": "complainants"}),
    Access("portal:feedback", COUNCIL, year),
    Access("portal:feedback", COUNCIL, year, method="post", data=lambda world: FEEDBACK),
    Access("portal:feedback", NOBODY, lambda world: {"year": UNSCHEDULED}, method="post",
           data=lambda world: FEEDBACK),
    Access("portal:respond", COUNCIL, lambda world: {"pk": report(world.council_a)}),
    Access("portal:respond", COUNCIL, lambda world: {"pk": report(world.council_a)}, method="post",
           data=lambda world: RESPONSE),
    Access("portal:respond", NOBODY, lambda world: {"pk": report(world.council_b)}),
    Access("portal:respond", NOBODY, lambda world: {"pk": report(world.council_b)}, method="post",
           data=lambda world: RESPONSE),
    Access("portal:feedback-summary", frozenset({PUBLISHER})),
]
