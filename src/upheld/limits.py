"""Request limits, counted in the site's one cache, so that every worker and every server counts together.

A limit is so many requests in a fixed window of seconds (windows start at
whole multiples of their length). The count is one atomic increment of a
key named by the limit, a hash of who asked (never an address itself) and
the window: Redis's INCR, or the file cache's locked increment
(`upheld.file_cache`). Counts per process (Django's local-memory cache)
would let each gunicorn worker allow the whole limit again.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Count:
    number: int  # this request's place in its window, from 1
    retry_after: float  # seconds until the window ends


def count(limit: str, who: str, window: int, now: float | None = None) -> Count:
    """Count one request by `who` against `limit` in the current window of `window` seconds."""
    now = time.time() if now is None else now
    start = int(now // window) * window
    key = f"upheld:limit:{limit}:{hashlib.sha256(who.encode()).hexdigest()}:{start}"
    try:  # one step for every request but a window's first (every API request counts: it must be cheap)
        number = cache.incr(key)
    except ValueError:  # no count yet: this request starts it, unless another request just did
        if cache.add(key, 1, window):
            number = 1
        else:
            try:
                number = cache.incr(key)
            except ValueError:  # the window's count expired between the two calls: this request is its first
                cache.set(key, 1, window)
                number = 1
    return Count(number, start + window - now)
