"""Serve repeat requests for public pages before the rest of the middleware runs.

A published page is the same for every anonymous visitor of a host until the
public state changes, yet each request would otherwise pass through sessions,
authentication, second-factor, lockout, audit and CSP middleware. This
middleware sits just below WhiteNoise: an anonymous GET (no session cookie)
whose exact response is already kept (`page_cache`, under `request_key`: the
host, the path, whether gzip is accepted and the public state's version) is
answered from there, headers included (those the inner middleware added the
first time, CSP among them).

The host is checked before anything is looked up: a host not in
`ALLOWED_HOSTS` gets Django's 400 here even for a path that is kept, and
another allowed host gets its own entry (pages carry absolute links).

Only what is safe to share is kept: status 200, no cookie set, no session
cookie sent, never a staff or council path, and not a large download (those
views keep their own content in the same cache). The key carries the public
state, so a release, a revision or a withdrawn statement is never served
stale, and an embargoed year is never kept under a key the public can reach
before its release.
"""

from django.conf import settings
from django.http import HttpResponse

from upheld.publication import page_cache

LARGEST = 1024 * 1024  # bytes: larger responses are downloads, kept by their views

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
            and "Set-Cookie" not in response and varies <= {"accept-encoding", "cookie"}
            and len(response.content) <= LARGEST)


class PublicPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not shareable_request(request):
            return self.get_response(request)
        # Raises DisallowedHost (a 400) for a host not allowed, before anything is looked up.
        key = page_cache.request_key(request, "response", whole_response=True)
        stored = page_cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if shareable_response(response):
            page_cache.put(key, (response.content, list(response.items())))
        return response
