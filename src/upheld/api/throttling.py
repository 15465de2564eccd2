"""The API's rate limit: so many requests per client address in a window, over Django's cache.

ninja's `AnonRateThrottle` does the counting (a sliding window kept in the cache, 429 with
Retry-After). Two things are added around it. The rate is read from `UPHELD_API_RATE` on every
request, so a deployment's environment and a test's `override_settings` both take effect without a
restart. And ninja keeps one throttle object for every thread of a process while `AnonRateThrottle`
keeps the request it is judging on itself, so each request is judged by a fresh one held per thread.

The client is `REMOTE_ADDR`, or the address the last of `NINJA_NUM_PROXIES` trusted proxies saw (a
client could otherwise name any address in X-Forwarded-For and never be limited). The count lives in
Django's cache: per process with the default local-memory cache, shared with a shared cache.
"""

from __future__ import annotations

import threading

from django.conf import settings
from ninja.throttling import AnonRateThrottle, BaseThrottle


class ClientRateThrottle(BaseThrottle):
    def __init__(self) -> None:
        self._judging = threading.local()

    def allow_request(self, request) -> bool:
        window = AnonRateThrottle(settings.UPHELD_API_RATE)
        self._judging.window = window
        return window.allow_request(request)

    def wait(self) -> float | None:
        """Seconds until the client may ask again (ninja sends it as Retry-After)."""
        return self._judging.window.wait()
