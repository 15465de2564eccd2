"""What every address of the API does alike, whatever answers it: methods, errors, caching.

Every URL pattern of `upheld.api.urls` goes through `public_endpoint`:

- Only GET and HEAD: OPTIONS says so (`Allow`; a CORS preflight is answered earlier, by
  django-cors-headers), anything else is 405 with `Allow` and a JSON body. HEAD is a GET without
  the body, as Django's own views do.
- A successful answer is kept in the one cache of public material (`page_cache.cached_page`, under
  the address and the public state's version): a second request for it, in the same public state, is
  answered with the kept bytes and no query, and a release, a revision or anything else the public
  may newly see is a new state, so a new answer at once. Only 200s are kept: an embargoed year is a
  404, never kept under a key the public can reach. Repeat anonymous requests are answered earlier
  still, by the fast path (`upheld.publication.fast_path`), with the headers below as first written;
  the rate limit counts both (`upheld.api.throttling`).
- It carries a strong ETag over its body, computed once when the body is kept, and
  `Cache-Control: public, max-age=…` (`UPHELD_API_MAX_AGE`); `If-None-Match` with that tag gets 304
  with no body, from the kept tag, without building the answer. A released year's figures never
  change (a revision is a new version), so the tag changes exactly when the answer does.
  A browser that sends the site's session cookie gets `private` instead: a shared cache must never
  keep a response that may carry a Set-Cookie for that session.
- Errors are `no-cache` (an embargoed year's 404 turns into figures at its release) and JSON
  (`error`), the same shape as ninja's 404 and 422: {"detail": "…"}.
- `Vary: Accept-Encoding, Origin`: the body may be compressed, and CORS headers follow the Origin.
"""

from __future__ import annotations

import json
import math
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.views.decorators.csrf import csrf_exempt

from upheld.publication.page_cache import cached_page

METHODS = ("GET", "HEAD")
CONTENT_TYPE = "application/json; charset=utf-8"


def error(status: int, detail: str, **more) -> HttpResponse:
    """An error as every API error is written: {"detail": "…"} and whatever else explains it."""
    return HttpResponse(json.dumps({"detail": detail, **more}), status=status, content_type=CONTENT_TYPE)


def public_endpoint(view):
    @csrf_exempt  # it changes nothing, whatever the method: a POST gets the JSON 405, not the CSRF page
    @wraps(view)
    def endpoint(request, *args, **kwargs):
        if request.method not in METHODS:
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
            else:
                response = error(405, f"{request.method} is not allowed: the API only answers GET and HEAD")
            response["Allow"] = ", ".join((*METHODS, "OPTIONS"))
            return _headers(request, response)
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        try:
            response = cached_page(request, "api", lambda: view(request, *args, **kwargs), etag=True)
        finally:
            if head:
                request.method = "HEAD"
        response = _headers(request, response)
        if response.has_header("ETag"):
            response = get_conditional_response(request, etag=response["ETag"], response=response)
        if head and not response.streaming:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response

    return endpoint


def too_many_requests(request, wait: float | None) -> HttpResponse:
    """The answer to a client over the rate limit (`upheld.api.throttling`), with the seconds to wait."""
    response = error(429, "Too many requests.")
    if wait is not None:
        response["Retry-After"] = str(math.ceil(wait))  # whole seconds (RFC 9110)
    return _headers(request, response)


def _headers(request, response: HttpResponse) -> HttpResponse:
    if response.status_code != 200:
        patch_cache_control(response, no_cache=True)
    elif settings.SESSION_COOKIE_NAME in request.COOKIES:
        patch_cache_control(response, private=True, max_age=settings.UPHELD_API_MAX_AGE)
    else:
        patch_cache_control(response, public=True, max_age=settings.UPHELD_API_MAX_AGE)
    patch_vary_headers(response, ("Accept-Encoding", "Origin"))
    return response


def not_found(request, rest: str = ""):
    """Any address under /api/v1/ that names no endpoint: a JSON 404, not the site's HTML page."""
    return error(404, "Not found: see /api/v1/docs for the endpoints")
