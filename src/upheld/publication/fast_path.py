"""Serve repeat requests for public pages and API answers before the rest of the middleware runs.

A published page, or an answer of the public API, is the same for every
anonymous visitor of a host until the public state changes, yet each request
would otherwise pass through sessions, authentication, second-factor, lockout,
audit and CSP middleware. This middleware sits just below WhiteNoise (and the
API's rate limit, which counts every API request, these included): an
anonymous GET or HEAD (no session cookie) whose exact response is already kept
(`page_cache`, under `request_key`: the host, the path and parameters, whether
gzip is accepted and the public state's version) is answered from there,
headers included (those the inner middleware added the first time, CSP among
them). A kept response with an ETag (the API's) answers `If-None-Match` with
that tag with 304 and no body. A HEAD is answered from the GET's response
(the server sends no body), and only a GET's response is kept: the API's
answer to a HEAD has no body.

The host is checked before anything is looked up: a host not in
`ALLOWED_HOSTS` gets Django's 400 here even for a path that is kept, and
another allowed host gets its own entry (pages and API answers carry absolute
links).

Only what is safe to share is kept: status 200, no cookie set, no session
cookie sent, never a staff or council path, and not a large download (those
views keep their own content in the same cache). A response may vary by
Origin (the API's): CORS headers are written outside this middleware, by
django-cors-headers, on kept answers too. The key carries the public state, so
a release, a revision or a withdrawn statement is never served stale, and an
embargoed year is never kept under a key the public can reach before its
release.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response

from upheld.publication import page_cache

LARGEST = 1024 * 1024  # bytes: larger responses are downloads, kept by their views

PRIVATE_PREFIXES = ("/admin/", "/accounts/", "/audit/", "/portal/", "/casework/", "/training/", "/staff/",
                    "/alerts/", "/static/")


def shareable_request(request) -> bool:
    return (request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(PRIVATE_PREFIXES))


def shareable_response(request, response) -> bool:
    """A GET's, whole, cookie-free, and varying by nothing the key, the no-session rule and the CORS
    middleware outside do not already cover."""
    varies = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
    return (request.method == "GET" and response.status_code == 200 and not response.streaming
            and not response.cookies and "Set-Cookie" not in response
            and varies <= {"accept-encoding", "cookie", "origin"} and len(response.content) <= LARGEST)


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
            if response.has_header("ETag"):
                response = get_conditional_response(request, etag=response["ETag"], response=response)
            return response
        response = self.get_response(request)
        if shareable_response(request, response):
            page_cache.put(key, (response.content, list(response.items())))
        return response
