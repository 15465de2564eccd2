"""gzip for public pages and data: HTML, JSON and XML (the sitemap) answered to anonymous readers.

A council page at national scale is some 130 KB of repetitive HTML
(`benchmarks/serving.py`), a small fraction of that gzipped; the public API's
JSON and the map's data shrink alike.

What is compressed, and why no more (BREACH). Compression lets an attacker who
can put text of their choosing into a response, and watch its size, guess a
secret the same response holds. So only answers that hold no secret are
compressed: a GET or HEAD with no session cookie, so nobody is signed in, for
a public page (the paths `fast_path` would keep and share) or the public API.
A signed-in page, a form (its CSRF token; Django masks it afresh for each
response besides), the alerts' pages that name an email address and anything
answered to a POST go uncompressed. Static files are WhiteNoise's, compressed
when collected (`upheld.site.static_storage`).

The cost. This middleware sits inside `PublicPageMiddleware`, so a kept
response is kept as it was sent: compressed for clients that accept gzip,
plain for the others, under their two keys (`page_cache.request_key`). A
page is compressed once per public state, not once per request.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

from upheld.publication.fast_path import shareable_request

COMPRESSED_TYPES = ("text/html", "application/json", "application/xml")
PUBLIC_API = "/api/"


def public_request(request) -> bool:
    """An anonymous GET or HEAD of a public page or of the public API."""
    if shareable_request(request):
        return True
    return (request.path.startswith(PUBLIC_API) and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES)


class PublicGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        kind = response.get("Content-Type", "").split(";")[0].strip()
        if kind not in COMPRESSED_TYPES or not public_request(request):
            return response
        return super().process_response(request, response)
