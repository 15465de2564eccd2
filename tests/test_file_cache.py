"""The default cache's files: counting is exact when workers count at once, and a count keeps its window."""

import threading
import time

from upheld.file_cache import FileCache


def two_workers(tmp_path) -> list[FileCache]:
    """Two cache objects over the same folder, as two gunicorn workers have."""
    return [FileCache(str(tmp_path), {}) for _ in range(2)]


def test_counts_from_many_workers_at_once_are_all_kept(tmp_path):
    caches = two_workers(tmp_path)
    caches[0].add("count", 0, 60)

    def count(cache):
        for _ in range(40):
            cache.incr("count")

    threads = [threading.Thread(target=count, args=(caches[n % 2],)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert caches[1].get("count") == 240


def test_only_one_worker_starts_a_count(tmp_path):
    caches = two_workers(tmp_path)
    started = []
    threads = [threading.Thread(target=lambda cache=cache: started.append(cache.add("lock", 1, 60)))
               for cache in caches * 4]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(started) == [False] * 7 + [True]


def test_a_count_ends_with_its_window(tmp_path, monkeypatch):
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)
    first, second = two_workers(tmp_path)
    first.add("count", 0, 60)
    now += 59
    assert second.incr("count") == 1
    now += 2
    assert first.get("count") is None  # not stretched to the cache's default timeout by the increment
    first.add("count", 0, 60)
    assert second.incr("count") == 1


def test_counting_never_culls_what_the_cache_keeps(tmp_path):
    """Every API request counts against its client's limit: an increment rewrites one small file, and never
    lists the folder to cull it (a listing of up to MAX_ENTRIES files, and pages dropped, on every request)."""
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 4, "CULL_FREQUENCY": 2}})
    cache.add("count", 0, 60)
    for number in range(3):
        cache.set(f"page-{number}", b"a page", 60)
    for _ in range(5):
        cache.incr("count")
    assert [cache.get(f"page-{number}") for number in range(3)] == [b"a page"] * 3
    assert cache.get("count") == 5
