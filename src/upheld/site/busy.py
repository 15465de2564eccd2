"""The answer when the database is busy: another process holds what a write needs for longer than we wait.

SQLite takes one writer at a time: the others wait for the write lock, up to
the busy timeout. PostgreSQL writers wait only for the rows and tables
another transaction holds, up to `lock_timeout`. Both are
`UPHELD_DB_BUSY_SECONDS` (settings; docs/operations.md). An import holds
SQLite's write lock only while it writes, after checking the whole file, so
such waits are short; one that runs out is not a fault in the site. The web
answers it with 503, a Retry-After header and a page saying to try again in
a moment (a view's error in `BusyMiddleware`; a middleware's through the
handlers for 500 and 400 in `upheld.site.errors`, the latter for a session
that could not be saved);
the command line with one line on stderr and exit status 75 (`upheld.cli`).
"""

from __future__ import annotations

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string

RETRY_AFTER_SECONDS = 10
MESSAGE = "busy, try again in a moment: another process (an import, say) is writing to the database"
EXIT_STATUS = 75  # EX_TEMPFAIL of sysexits.h: a temporary failure, worth trying again later

_SQLITE_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED: the low byte of an extended result code
_POSTGRES_BUSY = {"55P03", "40001", "40P01"}  # lock_not_available (lock_timeout), serialization_failure, deadlock

logger = logging.getLogger(__name__)


def is_busy(error: BaseException | None) -> bool:
    """Whether `error` says the database is busy: Django's database error, the driver's own beneath it, or
    an error raised while handling one (Django's sessions turn any database error on saving into
    `SessionInterrupted`, a 400)."""
    for _ in range(5):  # the chain is short; a cycle is not followed
        if error is None:
            return False
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in _SQLITE_BUSY:
            return True
        if getattr(error, "sqlstate", None) in _POSTGRES_BUSY:
            return True
        error = error.__cause__ or error.__context__
    return False


def busy_response() -> HttpResponse:
    """503 with Retry-After and the busy page. The page is rendered without the request, so that showing it
    reads nothing from the database that is busy (the navigation's per-user links are left out)."""
    page = render_to_string("site/busy.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class BusyMiddleware:
    """A view that finds the database busy gets the busy answer, not a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_busy(exception):
            logger.warning("database busy: %s %s answered 503 (%s)", request.method, request.path, exception)
            return busy_response()
        return None

