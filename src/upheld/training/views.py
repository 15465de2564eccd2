"""Staff screens of the training programme, the link-officer network and the councils compared.

Any staff role may view them, except the link officers' contact list (page and CSV), which carries
people's contact details and is only for the roles given `training.view_linkofficer`; editing is in
the admin, by the roles that `upheld.accounts.roles` allows. The CSV is recorded in the audit trail
as an export.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch, Sum
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from upheld.accounts.roles import staff_required
from upheld.audit.models import Action
from upheld.audit.record import record
from upheld.decisions.views import page_links
from upheld.training import dashboard as board
from upheld.training import officers
from upheld.training.figures import year_figures
from upheld.training.forms import DashboardFilter, LinkOfficerFilter
from upheld.training.models import Attendance, Seminar, SeminarAttendance, TrainingSession
from upheld.years import ReportingYear

CONTACT_DETAILS = "training.view_linkofficer"


def _year(request) -> ReportingYear:
    """The year asked for (`?year=2017-18`), else that of the latest session held so far (or the current year)."""
    choices = board.years()
    try:
        asked = ReportingYear.parse(request.GET.get("year", ""))
    except ValueError:
        asked = None
    if asked in choices:
        return asked
    latest = TrainingSession.objects.filter(date__lte=timezone.localdate()).aggregate(latest=Max("date"))["latest"]
    return ReportingYear.containing(latest) if latest else choices[0]


@staff_required
def programme(request):
    year = _year(request)
    sessions = (TrainingSession.objects.filter(date__range=(year.first_day, year.last_day))
                .select_related("course")
                .annotate(organisations=Count("attendances"), people=Sum("attendances__people"))
                .order_by("date", "course__title"))
    return render(request, "training/programme.html", {
        "nav": "training", "year": year, "years": board.years(), "sessions": sessions,
        "figures": year_figures(year), "today": timezone.localdate(),
    })


def _require_contact_details(request) -> None:
    if not request.user.has_perm(CONTACT_DETAILS):
        raise PermissionDenied


@staff_required
def link_officers(request):
    _require_contact_details(request)
    form = LinkOfficerFilter(request.GET)
    found = officers.officers(**form.filters(), former=bool(form.value("former")))
    return render(request, "training/link_officers.html", {
        "nav": "training", "form": form, "officers": found, "query": request.GET.urlencode(),
    })


@staff_required
def link_officers_csv(request):
    _require_contact_details(request)
    form = LinkOfficerFilter(request.GET)
    filters = {**form.filters(), "former": bool(form.value("former"))}
    found = list(officers.officers(**filters))
    record(Action.EXPORT, request=request, object_type="training.linkofficer",
           object_repr=f"link officers' contact list ({len(found)} officers)",
           after={"filters": filters, "officers": len(found)})
    response = StreamingHttpResponse(officers.csv_lines(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="link-officers-{timezone.localdate().isoformat()}.csv"'
    response["Cache-Control"] = "no-store"
    return response


@staff_required
def seminars(request):
    found = Seminar.objects.annotate(attended=Count("attendances")).order_by("-date", "title")
    return render(request, "training/seminars.html", {"nav": "training", "seminars": found})


@staff_required
def seminar(request, pk: int):
    attendances = SeminarAttendance.objects.select_related("link_officer__authority").order_by(
        "link_officer__authority__name", "link_officer__name")
    shown = get_object_or_404(Seminar.objects.prefetch_related(Prefetch("attendances", queryset=attendances)), pk=pk)
    return render(request, "training/seminar.html", {"nav": "training", "seminar": shown})


@staff_required
def session(request, pk: int):
    shown = get_object_or_404(TrainingSession.objects.select_related("course"), pk=pk)
    attendances = Attendance.objects.filter(session=shown).select_related("authority")
    return render(request, "training/session.html", {"nav": "training", "session": shown, "attendances": attendances})


@staff_required
def councils(request):
    """The councils compared: a year's complaint figures beside training take-up, a page at a time."""
    offered = board.years_with_data() or [board.default_year([])]  # a new install: the current year, empty
    default = board.default_year(offered).label
    data = request.GET.copy()
    data.setdefault("year", default)
    form = DashboardFilter(data, years=offered)
    year = ReportingYear.parse(form.value("year") or default)
    sort = form.value("sort") or "council"
    descending = form.value("order") == "desc"
    released, scheduled = board.release_status(year)
    rows = board.council_rows(year, **form.filters(), sort=sort, descending=descending)
    page = Paginator(rows, board.PER_PAGE).get_page(request.GET.get("page"))
    query = data.copy()
    query.pop("page", None)
    return render(request, "training/dashboard.html", {
        "nav": "staff", "form": form, "year": year, "rows": rows, "page": page, "released": released,
        "scheduled": scheduled, "headers": _sort_headers(query, sort, descending),
        "pagination": page_links(page.number, page.paginator.num_pages, lambda number: _with_page(query, number)),
    })


def _with_page(query, number: int) -> str:
    paged = query.copy()
    if number > 1:
        paged["page"] = str(number)
    return paged.urlencode()


def _sort_headers(query, sort: str, descending: bool) -> list[dict]:
    """Each column's heading with the link that sorts by it (the other way round if it is the sort already)."""
    headers = []
    for key, (label, _) in board.COLUMNS.items():
        current = key == sort
        linked = query.copy()
        linked["sort"], linked["order"] = key, "asc" if current and descending else (
            "desc" if current else "asc")
        headers.append({"key": key, "label": label, "href": f"?{linked.urlencode()}",
                        "aria_sort": ("descending" if descending else "ascending") if current else "none"})
    return headers
