"""Serve repeat requests for public pages before the rest of the middleware runs.

A published page is the same for every anonymous visitor until the published
state changes, yet each request would otherwise pass through sessions,
authentication, second-factor, lockout, audit and CSP middleware. This
middleware sits just below WhiteNoise: an anonymous GET (no session cookie)
whose exact response is already stored is answered from memory, headers
included (those the inner middleware added the first time, CSP among them).

Only what is safe to share is stored: status 200, no cookie set, no session
cookie sent, never a staff or council path. The key carries the published
state, so a release or a revision is never served stale, and an embargoed
year is never stored under a key the public can reach before its release.
"""

from django.conf import settings
from django.http import HttpResponse

from upheld.publication.page_cache import page_key, store
from upheld.releases.published import published

PRIVATE_PREFIXES = ("/admin/", "/accounts/", "/audit/", "/portal/", "/casework/", "/training/", "/staff/",
                    "/alerts/", "/api/", "/static/")


def shareable_request(request) -> bool:
    return (request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(PRIVATE_PREFIXES))


def shareable_response(response) -> bool:
    """Whole, cookie-free, and varying by nothing the key and the no-session rule do not already cover."""
    varies = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and "Set-Cookie" not in response and varies <= {"accept-encoding", "cookie"})


class PublicPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not shareable_request(request):
            return self.get_response(request)
        # Responses may be compressed for clients that accept it, so that header is part of the key.
        key = page_key("response", (request.get_full_path(), request.headers.get("Accept-Encoding", "")),
                       published())
        stored = store.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if shareable_response(response):
            store.put(key, response.content, list(response.items()))
        return response
