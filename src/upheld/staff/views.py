"""The staff home and the work dashboard: any staff role opens them, and each shows only what that role may
follow (the tasks of `upheld.staff.tasks`, the sections of `upheld.staff.work`)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from upheld.accounts.roles import staff_required, staff_roles
from upheld.staff import work
from upheld.staff.tasks import tasks
from upheld.training import dashboard as comparison
from upheld.years import ReportingYear


@require_GET
@never_cache
@staff_required
def home(request):
    """Where staff start after signing in: what their role can do today."""
    return render(request, "staff/home.html", {
        "nav": "staff", "roles": sorted(role.label for role in staff_roles(request.user)),
        "tasks": tasks(request.user, timezone.localdate()),
    })


@require_GET
@never_cache
@staff_required
def work_dashboard(request):
    """What needs doing, as of today, and the year's cases and decisions (the year asked for, if it has data;
    else the current year, or the latest with data when the current one has just begun)."""
    today = timezone.localdate()
    offered = comparison.years_with_data()
    try:
        year = ReportingYear.parse(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year not in offered:
        year = comparison.default_year(offered, today)
    return render(request, "staff/work.html", {
        "nav": "staff", "today": today, "year": year, "years": offered,
        "sections": work.sections(request.user, today, year),
    })
