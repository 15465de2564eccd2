"""The one cache of public material: every public page, response and download is kept here, and only here.

What a key names. An entry is kept under everything its bytes depend on, so
that it is never wrong and nothing ever invalidates it:

- for what a request asked (`request_key`): the kind of page, the request's
  host (validated first: `request.get_host()` refuses a host not in
  `ALLOWED_HOSTS` with a 400 before anything is looked up, and pages,
  downloads and API answers carry absolute links on that host), the path, the
  query's parameters written one way (see `request_key`), for a whole response
  the Accept-Encoding, and
  `visibility_version()`, which changes whenever anything the public may see
  changes (a release or revision, a statement published or withdrawn, a
  report issued, the day turning);
- for a file made from given figures versions whatever the request
  (`material_key`): the kind and the versions' identities;
- for both, the running code (`code_identity`): the shared cache outlives a
  deployment, and a new template must not be answered with a page the old
  one made.

A new state gives new keys; entries of past states are never asked for again
and expire or are culled. A withdrawn statement is gone from every page at the
next request, in every process (each holds the public state for at most a
second, `visibility.HOLD`). Pages still expire after `TIMEOUT`, as a bound
for what a page shows that the public state does not yet name because it is
written in bulk, without the signals that count changes (the training
figures on the national review); files whose key names all they depend on
are kept for a day (`WHOLE_KEY_TIMEOUT`).

Where entries live. The shared cache (Django's `default`, `settings.CACHES`:
files under `var/cache/`, or Redis) is seen by every worker and server. In
front of it each process keeps the entries it used last (`Local`, bounded by
bytes), so that a council page under load costs a dictionary lookup, not a
file read or a round trip and an unpickling. That second layer is sound only
because of the keys: an entry never changes once written, so a copy can never
disagree with the shared one. It is a copy of this module's entries, not
another store; nothing else keeps public material.

Heavy downloads are built once (`built_once`): the first request to need one
takes a short lock in the shared cache and builds it; a request that arrives
meanwhile is told to come back in a few seconds (`Busy`, answered 503 with
Retry-After), rather than building it again and holding another worker.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from django.core.cache import cache as shared
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip

from upheld.releases.visibility import visibility_version

TIMEOUT = 300  # seconds a page is kept (see the module's docstring for why it has a timeout at all)
WHOLE_KEY_TIMEOUT = 24 * 3600  # for files whose key names all they depend on (frozen versions, statements)
LOCAL_REFILL_SECONDS = 60  # how long a copy taken from the shared cache is kept (its remaining time is unknown)
LOCAL_BUDGET = 64 * 1024 * 1024  # bytes of entries each process keeps in front of the shared cache
LOCAL_LARGEST = LOCAL_BUDGET // 16  # larger entries (a big download) are left to the shared cache alone
BUILD_SECONDS = 120  # how long a build's lock lasts if its process dies building
RETRY_AFTER = 5  # seconds a request told `Busy` is asked to wait

Entry = tuple[bytes, Any]  # content, and what goes with it (a content type, a file name, headers)


class Busy(Exception):
    """Another request is building this download now."""


class Local:
    """This process's copy of recently used entries, least recently used first out, bounded by their size;
    each expires with the original it was written with, or a minute after it was copied from the shared cache."""

    def __init__(self, budget: int = LOCAL_BUDGET):
        self.budget = budget
        self._entries: OrderedDict[str, tuple[Entry, float]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            if found[1] < time.monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return found[0]

    def put(self, key: str, entry: Entry, timeout: float) -> None:
        if len(entry[0]) > LOCAL_LARGEST:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (entry, time.monotonic() + timeout)
            self._size += len(entry[0])
            while self._size > self.budget:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0

    def _drop(self, key: str) -> None:
        self._size -= len(self._entries.pop(key)[0][0])


local = Local()


@cache
def code_identity() -> str:
    """Names the running code: the package's files, by name, size and time of change (read once per process)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(files):
            status = os.stat(os.path.join(folder, name))
            digest.update(f"{folder}/{name}:{status.st_size}:{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _key(parts: tuple) -> str:
    return "upheld:public:" + hashlib.sha256(repr((code_identity(), *parts)).encode()).hexdigest()


def request_key(request, name: str, *, whole_response: bool = False) -> str:
    """The key of what `request` asked for, in the present public state (see the module's docstring).
    Raises DisallowedHost (answered 400) for a host not in ALLOWED_HOSTS.

    A whole response (the fast path's) may be compressed, so its key says whether the client accepts gzip,
    the one encoding Django compresses with (`gzip_page`), decided as Django decides it; not the header
    itself, which differs from browser to browser for the same answer. What a view keeps is its body before
    any compression, the same whatever the client accepts, so its key leaves the encoding out: a client
    asking with other headers is then served the kept body instead of a new rendering. No other header
    changes a body: nothing negotiates a format or a language (the API answers JSON whatever Accept says).

    The address is the decoded path (what URLs resolve) and the query's parameters as Django parses them,
    written back one way: `?q=a%20b` and `?q=a+b` are one answer, since views read the parameters, never the
    query as written. Their order is kept: the API's page links give the client's parameters back in it."""
    host = request.get_host()
    if not hasattr(request, "public_state"):  # one state per request: the fast path's key and the view's agree
        request.public_state = visibility_version()
    gzip = bool(re_accepts_gzip.search(request.headers.get("Accept-Encoding", ""))) if whole_response else None
    return _key((name, host, request.path, request.GET.urlencode(), gzip, request.public_state))


def material_key(name: str, *parts) -> str:
    """The key of a file that depends only on `parts` (figures versions' identities), whatever the request."""
    return _key((name, parts))


def letter_key(version, gss: str, extension: str, demonstration: bool) -> str:
    """The key of a council's letter as issued with a figures version (`version`), as HTML or PDF: frozen with the
    version, so kept by the version's identity, whatever else changes. `upheld letters` keeps what it typesets
    here too, so that neither the site nor the static export typesets a letter again. Whether the database holds
    demonstration data is part of it, as the letter says so."""
    return material_key("letter", version.id, version.frozen_at, gss, extension, demonstration)


def per_state(build: Callable[[], Any]) -> Callable[[], Any]:
    """`build()`, made once per process and public state (`visibility_version`), for what many pages ask the
    same of it (every council page the councils' register): its answer may depend on anything public, and on
    nothing else, and is shared, never changed. `clear` forgets it."""
    made: tuple[str, Any] | None = None  # (public state, answer), replaced whole

    @functools.wraps(build)
    def answer() -> Any:
        nonlocal made
        version = visibility_version()
        found = made
        if found is None or found[0] != version:
            found = made = (version, build())
        return found[1]

    def forget() -> None:
        nonlocal made
        made = None

    _made_per_state.append(forget)
    return answer


_made_per_state: list[Callable[[], None]] = []


def get(key: str) -> Entry | None:
    entry = local.get(key)
    if entry is None:
        entry = shared.get(key)
        if entry is not None:
            local.put(key, entry, LOCAL_REFILL_SECONDS)
    return entry


def put(key: str, entry: Entry, timeout: int = TIMEOUT) -> None:
    local.put(key, entry, timeout)
    shared.set(key, entry, timeout)


def kept(key: str, build: Callable[[], Entry], timeout: int = TIMEOUT) -> Entry:
    """The entry under `key`, built by `build` if there is none."""
    entry = get(key)
    if entry is None:
        entry = build()
        put(key, entry, timeout)
    return entry


def built_once(key: str, build: Callable[[], Entry], timeout: int = TIMEOUT) -> Entry:
    """Like `kept`, but only one request at a time builds the entry; the others get `Busy` at once."""
    entry = get(key)
    if entry is not None:
        return entry
    lock = key + ":building"
    if not shared.add(lock, 1, BUILD_SECONDS):
        raise Busy
    try:
        entry = get(key)  # built by the request that held the lock just before
        if entry is None:
            entry = build()
            put(key, entry, timeout)
        return entry
    finally:
        shared.delete(lock)


def busy_response() -> HttpResponse:
    response = HttpResponse(f"This download is being prepared. Please try again in {RETRY_AFTER} seconds.\n",
                            status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def cached_page(request, name: str, render: Callable[[], HttpResponse], *, etag: bool = False) -> HttpResponse:
    """The response `render` makes for `request`, kept under `request_key`. Only successful responses are
    kept; `render` raising Http404 keeps nothing. With `etag` (the API's answers), the response carries a
    strong ETag of its body, computed once, when the body is kept, and kept with it."""
    key = request_key(request, name)
    entry = get(key)
    if entry is not None:
        content, (content_type, tag) = entry
        response = HttpResponse(content, content_type=content_type)
    else:
        response = render()
        if response.status_code != 200:
            return response
        tag = f'"{hashlib.sha256(response.content).hexdigest()}"' if etag else None
        put(key, (response.content, (response["Content-Type"], tag)))
    if tag:
        response["ETag"] = tag
    return response


def clear() -> None:
    """Forget every entry, here and in the shared cache, and what was made per public state (the tests start
    each with none)."""
    local.clear()
    shared.clear()
    for forget in _made_per_state:
        forget()
