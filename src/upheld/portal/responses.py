"""A council's formal response to a public interest report (Local Government Act 1974 s.31).

The response is recorded once: its date becomes the report's `response_received`, which is what the
report's duties (`decisions.reports.duty_of`), the public page and the staff reminder read, and its text
is shown on the public page. A correction afterwards goes through the Ombudsman's staff (the admin), so
what the public page says the council replied cannot change silently.
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from upheld.audit.models import Action
from upheld.audit.record import record
from upheld.decisions.models import PublicInterestReport


def councils_reports(council):
    """The council's reports that have been issued (a report dated in the future is not yet the council's)."""
    return PublicInterestReport.objects.public().filter(authority=council)


def report_of(council, pk: int) -> PublicInterestReport:
    """The council's own report `pk`; 404 for another council's, exactly as for one that does not exist."""
    return get_object_or_404(councils_reports(council), pk=pk)


def may_respond(report: PublicInterestReport) -> bool:
    return report.response_received is None and not report.response_outcome


@transaction.atomic
def respond(request, council, pk: int, text: str) -> bool:
    """Record the council's response to its report `pk` today; False if one was already recorded
    (by a colleague a moment ago, or by staff), in which case nothing changes."""
    report = councils_reports(council).select_for_update().filter(pk=pk).first()
    if report is None:
        raise Http404("no such report")
    if not may_respond(report):
        return False
    before = {"response_received": None, "response_text": report.response_text}
    report.response_received, report.response_text = timezone.localdate(), text
    report.save(update_fields=["response_received", "response_text"])
    record(Action.CHANGE, report, request=request, before=before,
           after={"response_received": report.response_received.isoformat(), "response_text": text})
    return True
