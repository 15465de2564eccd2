"""The pages that say something went wrong: in the site's look, each in a <main>, saying what happened and
what to do next (templates 400.html, 403.html, 403_csrf.html, 404.html and 500.html).

Django's own handler renders 404 with its template. Here are the answers that
need more: a busy database met outside a view (in a middleware, where
`upheld.site.busy.BusyMiddleware` does not see it) is the busy 503, not a 400
or 500; a refusal says where the signed-in user may go instead (their home:
the staff home and what their role may do, or their council's pages); a form refused for its CSRF
token says how to send it again; and the server error page never fails itself.
"""

from __future__ import annotations

import logging
import sys

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views import defaults

from upheld.accounts.roles import council_of, is_staff_role
from upheld.site.busy import busy_response, is_busy
from upheld.staff.tasks import tasks

logger = logging.getLogger(__name__)

# Served when even the styled page cannot be made (its template or the static files' manifest is broken).
PLAIN_SERVER_ERROR = ("<!doctype html><html lang=\"en-GB\"><title>Sorry, there is a problem with the service"
                      "</title><main><h1>Sorry, there is a problem with the service</h1><p>Try again later.</p>"
                      "</main></html>")


def homes(user) -> list[tuple[str, str]]:
    """(label, address) of the places `user` may go instead of a page refused to them: their home, then what
    their role may do (for staff, the tasks of their staff home)."""
    if is_staff_role(user):
        return [("Staff home", reverse("staff:home")), *((task.label, task.href) for task in tasks(user))]
    if council := council_of(user):
        return [(f"{council.name}'s pages", reverse("portal:home")),
                (f"Recommendations due from {council.name}", reverse("portal:recommendations"))]
    if user.is_authenticated:  # an account with no role yet: its page says so and whom to ask
        return [("Your account", reverse("accounts:start"))]
    return []


def permission_denied(request, exception=None):
    """handler403: a page the user may not see, with where they may go instead."""
    return render(request, "403.html", {"homes": homes(request.user)}, status=403)


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW: a form sent without its valid token (a page left open too long, cookies blocked).
    The reason stays in the log: it helps no reader and names the check."""
    logger.warning("CSRF check failed: %s %s (%s)", request.method, request.path, reason)
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception):
    """handler400: the busy answer for a session that could not be saved because the database was busy
    (Django answers any failure to save one as a bad request); the bad request page (400.html) for anything
    else."""
    if is_busy(exception):
        return busy_response()
    return defaults.bad_request(request, exception)


def server_error(request):
    """handler500: the busy answer for a busy database; otherwise the server error page, rendered without
    the request, so without the database or any context processor: whatever failed is not asked again.
    Should even that fail, a plain page."""
    if is_busy(sys.exc_info()[1]):
        return busy_response()
    try:
        return HttpResponseServerError(render_to_string("500.html"))
    except Exception:
        logger.exception("the server error page could not be rendered")
        return HttpResponseServerError(PLAIN_SERVER_ERROR)

