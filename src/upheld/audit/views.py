"""The staff download of the audit trail (administrators with the export permission)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone

from upheld.accounts.roles import StaffRole, staff_required
from upheld.audit.export import csv_lines, events_since
from upheld.audit.models import Action
from upheld.audit.record import record


@staff_required(StaffRole.ADMINISTRATOR)
def export_csv(request):
    if not request.user.has_perm("audit.export_auditevent"):
        raise PermissionDenied
    try:
        since = datetime.date.fromisoformat(request.GET["since"]) if request.GET.get("since") else None
    except ValueError:
        return HttpResponseBadRequest("since must be a date: YYYY-MM-DD")
    events = events_since(since)
    record(Action.EXPORT, request=request, object_type="audit.auditevent",
           object_repr=f"audit trail since {since or 'the beginning'}", after={"since": str(since or "")})
    response = StreamingHttpResponse(csv_lines(events), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response
