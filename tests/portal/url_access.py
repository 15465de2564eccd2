"""Who may open the council portal (the matrix: `tests/accounts/test_url_matrix.py`).

Council pages are for the two council roles only, and show only their own council (Sefton, council A):
nothing in an address names a council, so the "council B" entries are the addresses that could reach
another council's material by changing an id or a year: Knowsley's report, a year whose release is not
scheduled, a spreadsheet that is not one of the three. Nobody gets through those. The summary of the
councils' feedback is for publishers only.
"""

import datetime

from django.utils import timezone

from tests.access import COUNCIL, LINK_OFFICER, NOBODY, PUBLISHER, Access
from upheld.code.loading import load_code
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


def code_year(world) -> dict:
    """The first year of Complaint Handling Code returns, with the Code loaded (as `upheld setup` loads it)."""
    load_code()
    return {"year": "2024-25"}


def before_the_code(world) -> dict:
    load_code()
    return {"year": "2023-24"}


FIGURES = {"stage1_received": "40", "stage1_in_time": "35", "stage1_extended": "3", "stage1_upheld": "12",
           "stage2_received": "8", "stage2_in_time": "7", "stage2_upheld": "2",
           "report_url": "https://council.example/report"}
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
    # Returns: both council roles read their own council's; only the link officer writes and submits.
    # No address names a council, so another council's return is out of reach by construction
    # (`tests/portal/test_returns.py` shows it); a year no return is made for is nobody's.
    Access("portal:returns", COUNCIL),
    Access("portal:return", COUNCIL, code_year),
    Access("portal:return", NOBODY, before_the_code),
    Access("portal:return-figures", frozenset({LINK_OFFICER}), code_year),
    Access("portal:return-figures", frozenset({LINK_OFFICER}), code_year, method="post",
           data=lambda world: FIGURES),
    Access("portal:return-figures", NOBODY, before_the_code, method="post", data=lambda world: FIGURES),
    Access("portal:return-answers", frozenset({LINK_OFFICER}), code_year),
    Access("portal:return-answers", frozenset({LINK_OFFICER}), code_year, method="post"),
    Access("portal:return-submit", frozenset({LINK_OFFICER}), code_year, method="post"),
    Access("portal:return-submit", NOBODY, before_the_code, method="post"),
]
