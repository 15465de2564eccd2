"""Rendered public pages, kept per published state so a page is built once, not per request.

A published version never changes, so a page built from it stays right until
another year is released or revised. The cache key therefore carries
`PublishedYears.key` (every published year's version): a release or a revision
changes the key and the page is rebuilt, with no invalidation to forget. What
is not frozen (service improvements agreed, the demonstration-data banner) is
refreshed by the timeout.

The store is in the process, bounded by bytes: a hit costs a dictionary
lookup, not a round trip or an unpickling, which is what keeps council pages
near static-file speed. (Django's default local-memory cache would also do,
but it holds only 300 entries, fewer than a year's council pages.)
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.http import HttpResponse

from upheld.releases.published import PublishedYears
from upheld.releases.visibility import visibility_version

TIMEOUT = 300  # seconds: how stale the unfrozen parts of a page may be
BUDGET = 64 * 1024 * 1024  # bytes of rendered pages and letters a process keeps


class Store:
    """A least-recently-used map of byte strings with what goes with them, bounded by their total size."""

    def __init__(self, budget: int = BUDGET, timeout: float = TIMEOUT):
        self.budget, self.timeout = budget, timeout
        self._entries: OrderedDict[str, tuple[bytes, Any, float]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[bytes, Any] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            content, extra, expires = entry
            if expires < time.monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return content, extra

    def put(self, key: str, content: bytes, extra: Any = None) -> None:
        if len(content) > self.budget:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (content, extra, time.monotonic() + self.timeout)
            self._size += len(content)
            while self._size > self.budget:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0

    def _drop(self, key: str) -> None:
        content, _, _ = self._entries.pop(key)
        self._size -= len(content)


store = Store()


def page_key(name: str, parts: tuple, published: PublishedYears) -> str:
    return hashlib.sha256(repr((name, parts, published.key, visibility_version())).encode()).hexdigest()


def cached_page(published: PublishedYears, name: str, parts: tuple, render: Callable[[], HttpResponse]
                ) -> HttpResponse:
    """The response `render` makes for page `name` with `parts` (e.g. slug and year), cached per published state.

    Only successful responses are kept; `render` raising Http404 keeps nothing.
    """
    key = page_key(name, parts, published)
    stored = store.get(key)
    if stored is not None:
        content, content_type = stored
        return HttpResponse(content, content_type=content_type)
    response = render()
    if response.status_code == 200:
        store.put(key, response.content, response["Content-Type"])
    return response
