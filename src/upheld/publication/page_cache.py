"""The one cache of public material: every public page, response and download is kept here, and only here.

What a key names. An entry is kept under everything its bytes depend on, so
that it is never wrong and nothing ever invalidates it:

- for what a request asked (`request_key`): the kind of page, the request's
  host (validated first: `request.get_host()` refuses a host not in
  `ALLOWED_HOSTS` with a 400 before anything is looked up, and pages and
  downloads carry absolute links on that host), the full path with its query,
  the Accept-Encoding (a response may be compressed), and
  `visibility_version()`, which changes whenever anything the public may see
  changes (a release or revision, a statement published or withdrawn, a
  report issued, the day turning);
- for a file made from given figures versions whatever the request
  (`material_key`): the kind and the versions' identities;
- for both, the running code (`code_identity`): the shared cache outlives a
  deployment, and a new template must not be answered with a page the old
  one made.

A new state gives new keys; entries of past states are never asked for again
and expire (`TIMEOUT`) or are culled. A withdrawn statement is gone from every
page at the next request, in every process (each holds the public state for
at most a second, `visibility.HOLD`).

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

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from django.core.cache import cache as shared
from django.http import HttpResponse

from upheld.releases.visibility import visibility_version

TIMEOUT = 3600  # seconds an entry stays in the shared cache: a page unasked for an hour is built again
LOCAL_BUDGET = 64 * 1024 * 1024  # bytes of entries each process keeps in front of the shared cache
LOCAL_LARGEST = LOCAL_BUDGET // 16  # larger entries (a big download) are left to the shared cache alone
BUILD_SECONDS = 120  # how long a build's lock lasts if its process dies building
RETRY_AFTER = 5  # seconds a request told `Busy` is asked to wait

Entry = tuple[bytes, Any]  # content, and what goes with it (a content type, a file name, headers)


class Busy(Exception):
    """Another request is building this download now."""


class Local:
    """This process's copy of recently used entries, least recently used first out, bounded by their size."""

    def __init__(self, budget: int = LOCAL_BUDGET):
        self.budget = budget
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        if len(entry[0]) > LOCAL_LARGEST:
            return
        with self._lock:
            if key in self._entries:
                self._size -= len(self._entries.pop(key)[0])
            self._entries[key] = entry
            self._size += len(entry[0])
            while self._size > self.budget:
                self._size -= len(self._entries.popitem(last=False)[1][0])

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0


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


def request_key(request, name: str, *parts) -> str:
    """The key of what `request` asked for, in the present public state (see the module's docstring).
    Raises DisallowedHost (answered 400) for a host not in ALLOWED_HOSTS."""
    return _key((name, request.get_host(), request.get_full_path(), request.headers.get("Accept-Encoding", ""),
                 visibility_version(), parts))


def material_key(name: str, *parts) -> str:
    """The key of a file that depends only on `parts` (figures versions' identities), whatever the request."""
    return _key((name, parts))


def get(key: str) -> Entry | None:
    entry = local.get(key)
    if entry is None:
        entry = shared.get(key)
        if entry is not None:
            local.put(key, entry)
    return entry


def put(key: str, entry: Entry, timeout: int = TIMEOUT) -> None:
    local.put(key, entry)
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


def cached_page(request, name: str, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The response `render` makes for `request`, kept under `request_key`. Only successful responses are
    kept; `render` raising Http404 keeps nothing."""
    key = request_key(request, name)
    entry = get(key)
    if entry is not None:
        content, content_type = entry
        return HttpResponse(content, content_type=content_type)
    response = render()
    if response.status_code == 200:
        put(key, (response.content, response["Content-Type"]))
    return response


def clear() -> None:
    """Forget every entry, here and in the shared cache (the tests start each with none)."""
    local.clear()
    shared.clear()
