"""Who may open the decisions archive and the reports (the matrix: `tests/accounts/test_url_matrix.py`).

All of it is public, to everyone alike; what is not public yet (a statement within three months of its
decision, a withheld one, a report not yet issued, a report with no PDF) is "not found" whoever asks:
staff preview statements in the admin, not here.

In the admin, caseworkers draft statements and only publishers publish them: a statement form sent
with "publish" ticked gets through for no role of the matrix (tests/decisions/test_admin_publishing.py).
"""

import datetime

from django.utils import timezone

from tests.access import CASEWORKER, EVERYONE, NOBODY, PUBLISHER, Access
from upheld.decisions.models import FocusReport, PublicInterestReport, ScrutinyQuestion, Statement, Withheld

BODY = ("The complaint\nMrs X complains that the Council delayed her housing application.\n"
        "What I found\nThe Council took too long.\nFinal decision\nI have completed my investigation.")


def statement(world, reference="MATRIX 1", decided=datetime.date(2023, 1, 10), **fields) -> dict:
    made = Statement(reference=reference, authority=world.council_a, category="housing", outcome="upheld",
                     decided=decided, summary="Mrs X complained about the Council.", body=BODY,
                     **{"publish": True, **fields})
    made.save()
    return {"slug": made.slug}


def statement_pk(world) -> dict:
    return {"pk": Statement.objects.get(slug=statement(world)["slug"]).pk}


def statement_form(world, **values) -> dict:
    """The admin's form for a new statement, as a caseworker fills it in."""
    return {"reference": "MATRIX 2", "authority": world.council_a.pk, "decided": "2023-01-10", "category": "housing",
            "subcategory": "", "outcome": "upheld", "remedy": "", "summary": "Mrs X complained about the Council.",
            "body": BODY, "remedies": "", "service_improvements": "", **values}


def report(world, issued=datetime.date(2023, 3, 1), synthetic=True) -> dict:
    made = PublicInterestReport.objects.create(authority=world.council_a, issued=issued, title="Delays in repairs",
                                               summary="The Council delayed repairs.", synthetic=synthetic)
    return {"pk": made.pk}


def focus_report(world) -> dict:
    made = FocusReport.objects.create(title="Learning from complaints", slug="learning", summary="What we saw.",
                                      published=datetime.date(2023, 5, 1))
    ScrutinyQuestion.objects.create(report=made, text="How does the council learn from complaints?")
    return {"slug": made.slug}


ACCESS = [
    Access("decisions:search", EVERYONE),
    Access("decisions:search", EVERYONE, kwargs=lambda world: statement(world) and {},
           query="q=housing&council=sefton&outcome=upheld"),
    Access("decisions:search_csv", EVERYONE, kwargs=lambda world: statement(world) and {}, query="q=housing"),
    Access("decisions:statement", EVERYONE, kwargs=statement),
    Access("decisions:statement", NOBODY, kwargs=lambda world: statement(world, decided=timezone.localdate())),
    Access("decisions:statement", NOBODY,
           kwargs=lambda world: statement(world, withheld=Withheld.UNDER_REVIEW, withheld_reason="under review")),
    Access("decisions:reports", EVERYONE, kwargs=lambda world: report(world) and focus_report(world) and {}),
    Access("decisions:report", EVERYONE, kwargs=report),
    Access("decisions:report", NOBODY,
           kwargs=lambda world: report(world, issued=timezone.localdate() + datetime.timedelta(days=30))),
    Access("decisions:report_pdf", EVERYONE, kwargs=report),
    Access("decisions:report_pdf", NOBODY, kwargs=lambda world: report(world, synthetic=False)),
    Access("decisions:focus_report", EVERYONE, kwargs=focus_report),
    Access("admin:decisions_statement_add", {CASEWORKER}),
    Access("admin:decisions_statement_add", {CASEWORKER}, method="post", data=statement_form),
    Access("admin:decisions_statement_add", NOBODY, method="post",
           data=lambda world: statement_form(world, publish="on")),
    Access("admin:decisions_statement_publication", {PUBLISHER}, kwargs=statement_pk),
]
