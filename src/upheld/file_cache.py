"""Django's file cache, with `add` and `incr` made safe between processes (the site's default cache).

Every gunicorn worker, command and test process on the machine shares the
files, with no server to run. Reads and writes of whole values are already
safe: a value is written to a temporary file and renamed into place. Counting
is not: Django's `add` is "exists? then write" and its `incr` is "read, then
write with the default timeout", so two workers counting the same request
limit at once could lose a count, and an increment would stretch a window to
the cache's default timeout. Here both hold an exclusive lock on one lock file
(page reads never take it), and `incr` keeps the value's own expiry, as Redis
and the local-memory cache do, rewriting the count in place: every API request
counts, so an increment must cost a small file's read and write, nothing more.
"""

from __future__ import annotations

import os
import pickle
import time
import zlib
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks


class FileCache(FileBasedCache):
    LOCK_NAME = "counting.lock"  # not a cache file (no .djcache suffix): culling and clear() leave it alone

    @contextmanager
    def _counting(self):
        self._createdir()
        with open(os.path.join(self._dir, self.LOCK_NAME), "ab") as lock:
            locks.lock(lock, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(lock)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._counting():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        """Rewritten in place, as Django's `touch` rewrites an entry; not by `set`, which lists the whole
        folder to cull it (up to MAX_ENTRIES files, and pages dropped once it is full, on every API request).
        A count is a few bytes; the pages' writes cull the folder, counts included."""
        with self._counting():
            try:
                with open(self._key_to_file(key, version), "r+b") as f:
                    # The format FileBasedCache writes, in the cache's own private folder (mode 0700).
                    expiry = pickle.load(f)  # noqa: S301
                    value = pickle.loads(zlib.decompress(f.read()))  # noqa: S301
                    if expiry is not None and expiry < time.time():
                        raise ValueError(f"Key '{key}' not found")
                    value += delta
                    f.seek(0)
                    f.write(pickle.dumps(expiry, self.pickle_protocol))
                    f.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
                    f.truncate()
            except (FileNotFoundError, EOFError):
                raise ValueError(f"Key '{key}' not found") from None
            return value
