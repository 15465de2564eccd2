"""The API's rate limit: so many requests per client address in a window, counted by `upheld.limits`.

`RateLimitMiddleware` counts every GET and HEAD under /api/ before anything answers it, so an answer kept
in the page cache (served by the fast path, `upheld.publication.fast_path`, or by `public_endpoint`)
counts as one built does: a cheap answer is still the client's to ask for only so often.

The rate is read from `UPHELD_API_RATE` ("60/min"; ninja's forms: /s, /min, /h, /day) on every request,
so a deployment's environment and a test's `override_settings` both take effect without a restart.
The count is in the site's one cache, so every worker and server counts together (a count per process
would let each gunicorn worker allow the whole rate again); one over gets 429 with Retry-After, the
seconds until the window ends. One throttle object serves every thread of a process, so what a
request's judgement found is held per thread for `wait`.

The client is `REMOTE_ADDR`, or the address the last of `NINJA_NUM_PROXIES` trusted proxies saw (a
client could otherwise name any address in X-Forwarded-For and never be limited).
"""

from __future__ import annotations

import threading

from django.conf import settings
from ninja.throttling import BaseThrottle, SimpleRateThrottle

from upheld.api.http import METHODS, too_many_requests
from upheld.limits import count

PREFIX = "/api/"  # the addresses CORS opens too (`CORS_URLS_REGEX`)


class ClientRateThrottle(BaseThrottle):
    def __init__(self) -> None:
        self._judged = threading.local()

    def allow_request(self, request) -> bool:
        rate = SimpleRateThrottle(settings.UPHELD_API_RATE)  # parses the rate, nothing more
        counted = count("api", self.get_ident(request) or "unknown", rate.duration)
        self._judged.retry_after = counted.retry_after
        return counted.number <= rate.num_requests

    def wait(self) -> float | None:
        """Seconds until the client may ask again (ninja sends it as Retry-After)."""
        return self._judged.retry_after


class RateLimitMiddleware:
    """Answers 429 to a client over its limit, before the fast path and the views (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.throttle = ClientRateThrottle()

    def __call__(self, request):
        if (request.method in METHODS and request.path.startswith(PREFIX)
                and not self.throttle.allow_request(request)):
            return too_many_requests(request, self.throttle.wait())
        return self.get_response(request)
