"""The `http` group: council year pages against a static file, served by the production stack.

`upheld serve` (gunicorn, 2 workers, WhiteNoise for static files) runs on a
loopback port over a copy of the national database with every year released.
`wrk` puts a bounded load on it (50 connections for 20 seconds), first on the
council year pages, rotating over every council of the newest year, then on a
static file of the pages' average size, served by the same stack in the same
run: the floor the pages are measured against. The council pages are loaded a
second time by a client that accepts gzip (`http_*_gzip_*`), as browsers do:
each page is compressed once and kept so (`upheld.site.compression`). Before the load, every page is
requested three times, so that it is built and kept (in the shared cache and
the workers' copies); the first request's mean time is reported too. Where the site has no council
pages, the open-data year page stands in (figures named `http_data_page_*`).
The public API's per-council statistics (`/api/v1/statistics/<year>/<gss>`,
rotated over the same councils, rate limit lifted) are loaded the same way.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from benchmarks.national import BENCH_DIR, UPHELD, scratch_copy, upheld_env

CONNECTIONS, THREADS, DURATION = 50, 2, "20s"
WARM_UP = "3s"
GZIP = ("Accept-Encoding: gzip",)
STATIC_NAME = "bench/page-sized.html"  # under STATIC_ROOT (var/bench/static), written before the server starts
ROTATE = """
local paths = {%s}
local i = 0
init = function(args) i = math.random(#paths) end
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def _release_every_year(env: dict[str, str], database: Path) -> list[str]:
    """Release every year that has casework, as `upheld release` does; the labels, oldest first."""
    subprocess.run([UPHELD, "migrate", "--no-input"], env=env, check=True, stdout=subprocess.DEVNULL)
    with sqlite3.connect(database) as db:
        first, last = db.execute("SELECT min(received), max(received) FROM casework_case").fetchone()
    start, end = int(first[:4]) - (first[5:7] < "04"), int(last[:4]) - (last[5:7] < "04")
    labels = [f"{year}-{(year + 1) % 100:02d}" for year in range(start, end + 1)]
    for label in labels:
        subprocess.run([UPHELD, "release", "--year", label], env=env, check=True, stdout=subprocess.DEVNULL)
    return labels


def _councils(database: Path, label: str) -> list[tuple[str, str]]:
    """(slug, GSS code) of every council that existed in the year `label`."""
    first, last = f"{label[:4]}-04-01", f"{int(label[:4]) + 1}-03-31"
    with sqlite3.connect(database) as db:
        return db.execute(
            "SELECT slug, gss FROM authorities_authority WHERE (start_date IS NULL OR start_date <= ?)"
            " AND (end_date IS NULL OR end_date >= ?) ORDER BY slug", (last, first)).fetchall()


@contextmanager
def _server(env: dict[str, str]):
    """`upheld serve --port 0` until the block ends; yields its base URL once it answers."""
    server = subprocess.Popen([UPHELD, "serve", "--port", "0"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        for line in server.stdout:
            if match := re.search(r"serving on (http://\S+)", line):
                yield match[1].rstrip("/")
                break
            if time.monotonic() > deadline:
                raise RuntimeError("upheld serve did not start within 2 minutes")
        else:
            raise RuntimeError(f"upheld serve exited {server.wait()} before serving")
    finally:
        server.send_signal(signal.SIGTERM)  # gunicorn's master: it stops its workers
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - a loopback URL we built
            return response.read()
    except urllib.error.HTTPError:
        return None


def _wrk(base: str, duration: str, path: str | None = None, script: Path | None = None,
         headers: tuple[str, ...] = ()) -> dict[str, float]:
    """Requests per second and p99 latency (ms) of one wrk run; an error if any response was not 2xx/3xx."""
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    result = subprocess.run([*command, base + (path or "/")], capture_output=True, text=True, check=True,
                            timeout=120)
    output = result.stdout
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        raise RuntimeError(f"wrk saw {match[1]} error responses:\n{output}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE).groups()
    p99_ms = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    return {"rps": rps, "p99_ms": p99_ms}


def _warm(base: str, paths: list[str], passes: int = 3) -> float:
    """Request every page `passes` times, so that each is built and kept (in the shared cache, and in the
    copy of each worker that answered it); the mean time of the first pass, in milliseconds."""
    first = 0.0
    for number in range(passes):
        for path in paths:
            started = time.perf_counter()
            if _get(base + path) is None:
                raise RuntimeError(f"{path} did not answer 200")
            if number == 0:
                first += time.perf_counter() - started
    return first * 1000 / len(paths)


def _pages(base: str, slugs: list[str], label: str) -> tuple[str, list[str]]:
    """The pages to load: council year pages if the site has them, else the open-data year page."""
    council_pages = [f"/councils/{slug}/{label}/" for slug in slugs]
    if _get(base + council_pages[0]) is not None:
        return "council_page", council_pages
    return "data_page", [f"/data/{label}/"]


def http_group() -> dict[str, float | str]:
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed: `make bench` installs it (Debian package wrk)")
    database = scratch_copy("http")
    # The API's per-address limit is lifted: wrk is one address asking thousands of times a second.
    env = {**upheld_env(database), "DEBUG": "", "HTTPS": "", "UPHELD_API_RATE": "1000000000/s"}
    label = _release_every_year(env, database)[-1]
    councils = _councils(database, label)
    slugs = [slug for slug, _ in councils]
    api_paths = [f"/api/v1/statistics/{label}/{gss}" for _, gss in councils]
    static_file = BENCH_DIR / "static" / STATIC_NAME
    static_file.unlink(missing_ok=True)

    with _server(env) as base:  # a first start, to learn what the pages weigh
        kind, paths = _pages(base, slugs, label)
        sample = [_get(base + path) or b"" for path in paths[:: max(1, len(paths) // 20)]]
    size = sum(map(len, sample)) // len(sample)
    static_file.parent.mkdir(parents=True, exist_ok=True)
    static_file.write_bytes((sample[0] * (size // max(1, len(sample[0])) + 1))[:size])

    with tempfile.TemporaryDirectory() as folder, _server(env) as base:
        script, api_script = Path(folder) / "rotate.lua", Path(folder) / "rotate-api.lua"
        script.write_text(ROTATE % ", ".join(f'"{path}"' for path in paths))
        api_script.write_text(ROTATE % ", ".join(f'"{path}"' for path in api_paths))
        static_path = f"/static/{STATIC_NAME}"
        if _get(base + static_path) is None:
            raise RuntimeError(f"the server does not serve {static_path}")
        first_ms = _warm(base, paths)
        pages = _wrk(base, DURATION, script=script)
        _wrk(base, WARM_UP, script=script, headers=GZIP)  # each page compressed once, and kept
        pages_gzip = _wrk(base, DURATION, script=script, headers=GZIP)
        _warm(base, api_paths, passes=2)
        api = _wrk(base, DURATION, script=api_script)
        _wrk(base, WARM_UP, static_path)
        static = _wrk(base, DURATION, static_path)
    return {
        f"http_{kind}_rps": round(pages["rps"], 1),
        f"http_{kind}_p99_ms": round(pages["p99_ms"], 1),
        "http_static_rps": round(static["rps"], 1),
        "http_static_p99_ms": round(static["p99_ms"], 1),
        f"http_{kind}_ratio_to_static": round(pages["rps"] / static["rps"], 3),
        f"http_{kind}_first_request_ms": round(first_ms, 1),
        f"http_{kind}_gzip_rps": round(pages_gzip["rps"], 1),
        f"http_{kind}_gzip_p99_ms": round(pages_gzip["p99_ms"], 1),
        "http_api_statistics_rps": round(api["rps"], 1),
        "http_api_statistics_p99_ms": round(api["p99_ms"], 1),
        "http_api_ratio_to_static": round(api["rps"] / static["rps"], 3),
        "http_page_bytes": size,
        "http_pages_rotated": len(paths),
        "http_load": f"{CONNECTIONS} connections, {THREADS} threads, {DURATION}, loopback, gunicorn 2 workers",
        "http_cpu_count": os.cpu_count() or 0,
    }
