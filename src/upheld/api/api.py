"""The public JSON API at /api/v1/: read-only, released figures and published texts only, for anyone.

One `NinjaAPI`, its endpoints in `councils`, `figures` and `decisions`. Every error is JSON of the
one shape {"detail": "…"} (422 adds "errors", one per parameter): a 404's message is written for
the reader and says nothing a 404 page would not (an embargoed year is "no published figures", as
for a year that never was), and an unexpected failure is a bare 500, logged, never a traceback.
ninja's own documentation page (Swagger UI from a CDN, with inline script) is off: the site's CSP
forbids it, so `docs` renders the schema as a page of the site instead.
"""

from __future__ import annotations

import logging

from django.http import Http404
from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from upheld.api import councils, decisions, docs, figures, returns
from upheld.api.http import error

logger = logging.getLogger(__name__)

DESCRIPTION = """Complaints about councils: each council's statistics for every released year (the figures of
the annual review letters and the open data), the national figures, and the published decision statements
and reports, and councils' Complaint Handling Code self-assessment returns as accepted. Read-only, no key needed;
released figures and accepted returns only. Limits, caching and errors: /api/v1/docs."""

api = NinjaAPI(
    title="upheld public API", version="1", description=DESCRIPTION, urls_namespace="api",
    openapi_url=None, docs_url=None,  # the rate limit is counted before ninja: `upheld.api.throttling`
)
for module in (councils, figures, returns, decisions):
    api.add_router("", module.router)


@api.get("/", include_in_schema=False, url_name="index")
def index(request):
    """Where everything is, for someone who opens /api/v1/."""
    absolute = request.build_absolute_uri
    return {"title": api.title, "docs": absolute(reverse("api:docs")), "openapi": absolute(reverse("api:openapi")),
            "councils": absolute(reverse("api:councils")), "years": absolute(reverse("api:years")),
            "decisions": absolute(reverse("api:decisions")), "reports": absolute(reverse("api:reports"))}


@api.get("/openapi.json", include_in_schema=False, url_name="openapi")
def openapi(request):
    return api.get_openapi_schema(path_prefix=reverse("api:index"))


@api.get("/docs", include_in_schema=False, url_name="docs")
def documentation(request):
    return docs.page(request, api.get_openapi_schema(path_prefix=reverse("api:index")))


@api.exception_handler(Http404)
def not_found(request, exc):
    return error(404, str(exc) or "Not found")


@api.exception_handler(HttpError)
def http_error(request, exc):
    return error(exc.status_code, str(exc))


@api.exception_handler(ValidationError)
def invalid(request, exc):
    problems = [{"parameter": ".".join(str(part) for part in problem["loc"][1:]) or problem["loc"][0],
                 "location": problem["loc"][0], "message": problem["msg"]} for problem in exc.errors]
    return error(422, "Some parameters could not be used", errors=problems)


@api.exception_handler(Exception)
def failure(request, exc):
    logger.exception("API failure at %s", request.get_full_path())
    return error(500, "Something went wrong on our side")
