"""`upheld publish`: the public site of a released year, and the years before it, as static files.

The export is a crawl of the site itself through Django's test client,
starting from the home page and the sitemap's pages and following every
same-site link. So whatever page the site gains (a council page, the map, a
guide) is exported without this module knowing of it, and every exported
figure is the one the live site serves. While the crawl runs, later years are
treated as not released (`LAST_PUBLIC_YEAR`), and links into them are not
followed.

The files work from any web server and from disk: a page `/councils/sefton/2017-18/`
is written as `councils/sefton/2017-18/index.html`, and every same-site link,
in HTML, CSS and JSON, is rewritten as a path relative to the file it is in,
ending in the file's own name (`../../../data/2017-18/index.html`), because a
browser reading from disk does not look for `index.html` itself. A query
string becomes part of the file's name. Links that lead outside the export
(the staff screens, later years) are left as they were.

The export is written whole or not at all: into a folder beside `out` under
a temporary name, which replaces `out` (an earlier export) only once every
file is written and rewritten (`upheld.files.staged_folder`). A write that
fails (a full disk, a read-only folder) stops it with `WriteFailed`, leaving
`out` as it was.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from tqdm import tqdm

from upheld import files
from upheld.publication.sitemaps import entries
from upheld.releases.published import published
from upheld.releases.visibility import LAST_PUBLIC_YEAR
from upheld.years import ReportingYear

MARKER = ".upheld-export"
YEAR_LABEL = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?!\d)")
# Attributes whose value is an address; data-* attributes count only when they hold a site path.
ATTRIBUTE = re.compile(r"""(?P<name>\b(?:href|src|action|poster|data-[\w-]+))=(?P<quote>["'])(?P<url>.*?)(?P=quote)""")
CSS_URL = re.compile(r"""url\((?P<quote>["']?)(?P<url>[^"')]+)(?P=quote)\)""")
JS_IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(?\s*)(?P<quote>["'])(?P<url>\.{1,2}/[^"']+)(?P=quote)""")
JSON_PATH = re.compile(r'"(?P<url>/[^"\s\\]*)"')
# Forms that post back (alerts), the decisions archive (its search makes a page per query, and the
# statements are reached through it) and signed-in areas mean nothing on a static copy; the scrutiny
# hub (a page and a typeset pack per council) is left to the live site to keep the export quick.
NOT_EXPORTED = ("/admin/", "/sitemap.xml", "/alerts/", "/accounts/", "/portal/", "/casework/", "/training/",
                "/staff/", "/audit/", "/api/", "/scrutiny/", "/decisions/")
MAX_FILES = 250_000  # a site that links to ever more addresses (a query a page builds from itself) stops here
TEXT_TYPES = ("text/html", "text/css", "application/json")


class ExportError(Exception):
    """The export cannot be made, or some pages failed: the message says which and why."""


@dataclass
class Summary:
    year: ReportingYear
    years: list[ReportingYear]
    out: Path
    files: int = 0
    bytes: int = 0
    broken: dict[str, str] = field(default_factory=dict)  # address linked to but not found → why
    errors: dict[str, str] = field(default_factory=dict)  # address that failed (an exception, a 5xx) → how
    seconds: float = 0.0

    def line(self) -> str:
        earlier = len(self.years) - 1
        years = self.year.label + (f" and {earlier} earlier year{'s' if earlier != 1 else ''}" if earlier else "")
        count = len(self.broken)
        broken = f"; {count} link{'s' if count != 1 else ''} not exported (see above)" if count else ""
        return (f"Exported {years}: {self.files:,} files, {self.bytes / 1_000_000:.1f} MB, to {self.out} "
                f"in {self.seconds:.1f} s{broken}.")


def file_for(url: str) -> str:
    """The file an address is written to, relative to the export's root (no leading slash).

    `/` → `index.html`; `/data/2017-18/` → `data/2017-18/index.html`; `/a/b.csv?x=1&y=2` → `a/b--x-1-y-2.csv`.
    """
    path, _, query = url.partition("?")
    path = unquote(path).lstrip("/")
    if not path or path.endswith("/"):
        path += "index.html"
    elif "." not in PurePosixPath(path).name:
        path += "/index.html"
    if query:
        stem, dot, extension = path.rpartition(".")
        path = f"{stem}--{re.sub(r'[^A-Za-z0-9._-]+', '-', unquote(query)).strip('-')}{dot}{extension}"
    return path


def relative(from_file: str, to_file: str) -> str:
    """The relative address of `to_file` from a file in the export, both relative to its root."""
    return os.path.relpath(to_file, start=os.path.dirname(from_file) or ".").replace(os.sep, "/")


class Exporter:
    def __init__(self, year: ReportingYear, out: Path, progress: bool = False) -> None:
        public = published()
        if year not in public.versions:
            raise ExportError(f"{year.label} is not released: only released years are exported "
                              f"(release it with `upheld release --year {year.label}`)")
        self.year = year
        self.years = [y for y in public.years if y <= year]
        self.labels = {y.label for y in self.years}
        self.out = out
        self.folder = out  # where the files are written: the temporary folder while the export runs
        self.progress = progress
        self.static_url = settings.STATIC_URL
        self.files: dict[str, str] = {}  # address → file written, for every address exported
        self.aliases: dict[str, str] = {}  # an address that redirects → where it leads
        self.text_files: list[str] = []  # files whose links are rewritten once the crawl is over
        self.summary = Summary(year, self.years, out)

    # What to follow.
    def wanted(self, url: str) -> bool:
        path = urlsplit(url).path
        if any(path.startswith(prefix) for prefix in NOT_EXPORTED):
            return False
        for first, second in YEAR_LABEL.findall(url):
            label = f"{first}-{second}"
            if (int(first) + 1) % 100 == int(second) and label not in self.labels:
                return False
        return True

    def address(self, value: str, base: str, attribute: str = "href") -> str | None:
        """The site address a link's `value` points to from page `base`, or None if it leaves the site."""
        value = html.unescape(value.strip())
        if not value or value.startswith(("#", "//")) or ":" in value.split("/", 1)[0]:
            return None
        if attribute.startswith("data-") and not value.startswith("/"):
            return None
        url, _ = urldefrag(urljoin(base, value))
        return url if url.startswith("/") else None

    def links(self, content: str, kind: str, base: str) -> list[tuple[re.Match, str]]:
        """(match, address) for every same-site link in a text file's content."""
        if kind == "text/html":
            found = [(m, self.address(m["url"], base, m["name"])) for m in ATTRIBUTE.finditer(content)]
        elif kind == "text/css":
            found = [(m, self.address(m["url"], base)) for m in CSS_URL.finditer(content)]
        elif kind == "application/json":
            found = [(m, self.address(m["url"], base, "data-")) for m in JSON_PATH.finditer(content)]
        else:  # JavaScript: its relative imports, which need no rewriting
            found = [(m, self.address(m["url"], base)) for m in JS_IMPORT.finditer(content)]
        return [(match, url) for match, url in found if url]

    # The crawl.
    def seeds(self) -> list[str]:
        seeds = ["/", reverse("data-index"), *(entry.path for entry in entries())]
        seeds += [reverse("data-year", kwargs={"year": label}) for label in sorted(self.labels)]
        return list(dict.fromkeys(seeds))

    def run(self) -> Summary:
        started = time.perf_counter()
        self.check_folder()
        self.check_static_files()
        files.make_folder(self.out.parent)
        with files.staged_folder(self.out, replace=True) as folder:
            self.folder = folder
            token = LAST_PUBLIC_YEAR.set(self.year.start_year)
            try:
                with override_settings(ALLOWED_HOSTS=["testserver"]):
                    self.crawl(Client())
            finally:
                LAST_PUBLIC_YEAR.reset(token)
            self.rewrite()
            self.write(folder / MARKER, f"{self.year.label}\n".encode())
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    def check_folder(self) -> None:
        """Write a new or empty folder, or replace an earlier export; never other files."""
        if self.out.exists():
            if not self.out.is_dir():
                raise ExportError(f"{self.out} is a file, not a folder")
            if any(self.out.iterdir()) and not (self.out / MARKER).exists():
                raise ExportError(f"{self.out} is not empty and holds no earlier export: choose an empty folder")

    def check_static_files(self) -> None:
        """The pages name the static files by the hashed names collectstatic gave them, and the export copies
        the files it collected (`upheld setup` collects them). The export writes nothing outside its folder,
        so it does not collect them itself."""
        if not staticfiles_storage.exists(staticfiles_storage.manifest_name):
            raise ExportError(f"the static files are not collected in {settings.STATIC_ROOT}: run `upheld setup` "
                              "(or `upheld collectstatic`) first")

    def write(self, path: Path, content: bytes) -> None:
        """One file of the export (in the temporary folder, which is renamed once whole)."""
        with files.writing(self.out):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)

    def crawl(self, client: Client) -> None:
        queue = deque(self.seeds())
        queued = set(queue)
        with tqdm(total=len(queue), unit=" files", file=sys.stderr, disable=not self.progress,
                  desc=f"Exporting {self.year.label}") as bar:
            while queue:
                if len(self.files) >= MAX_FILES:
                    raise ExportError(f"more than {MAX_FILES:,} files: does a page link to ever new addresses?")
                url = queue.popleft()
                for link in self.fetch(client, url):
                    if link not in queued and self.wanted(link):
                        queued.add(link)
                        queue.append(link)
                        bar.total += 1
                bar.update()

    def fetch(self, client: Client, url: str) -> list[str]:
        """Export one address; the addresses it links to."""
        if url.startswith(self.static_url):
            return self.copy_static(url)
        try:
            response = client.get(url, secure=settings.SECURE_SSL_REDIRECT)
        except Exception as error:  # noqa: BLE001 - a failing page is reported with the others at the end
            self.summary.errors[url] = f"{type(error).__name__}: {error}"
            return []
        if response.status_code in (301, 302, 307, 308):
            target = urljoin(url, response["Location"])
            if target.startswith("/"):
                self.aliases[url] = target
                return [target]
        if response.status_code != 200:
            problems = self.summary.errors if response.status_code >= 500 else self.summary.broken
            problems[url] = f"status {response.status_code}"
            return []
        kind = response.get("Content-Type", "").split(";")[0].strip()
        if response.streaming:  # a file served as it is (an uploaded report's PDF)
            content = b"".join(response.streaming_content)
            response.close()
        else:
            content = response.content
        return self.save(url, content, kind)

    def copy_static(self, url: str) -> list[str]:
        """A static file as collected: under the hashed name the pages give it, naming the hashed names of
        what it imports (upheld.site.static_storage)."""
        name = unquote(urlsplit(url).path[len(self.static_url):])
        if not staticfiles_storage.exists(name):
            self.summary.broken[url] = "no such static file"
            return []
        with staticfiles_storage.open(name) as file:
            content = file.read()
        kind = {".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript"}.get(Path(name).suffix, "")
        return self.save(url, content, kind)

    def save(self, url: str, content: bytes, kind: str) -> list[str]:
        name = file_for(url)
        self.write(self.folder / name, content)
        self.files[url] = name
        self.summary.files += 1
        self.summary.bytes += len(content)
        if kind not in (*TEXT_TYPES, "text/javascript"):
            return []
        if kind in TEXT_TYPES:
            self.text_files.append(url)
        return [address for _, address in self.links(content.decode("utf-8"), kind, url)]

    # Relative links.
    def target(self, url: str) -> str | None:
        seen = set()
        while url in self.aliases and url not in seen:
            seen.add(url)
            url = self.aliases[url]
        return self.files.get(url)

    def rewrite(self) -> None:
        """Make every link to an exported address relative, in every exported HTML, CSS and JSON file."""
        for url in self.text_files:
            name = self.files[url]
            path = self.folder / name
            content = path.read_text(encoding="utf-8")
            kind = ("text/css" if name.endswith(".css") else "application/json" if name.endswith(".json")
                    else "text/html")
            pieces, last = [], 0
            for match, address in self.links(content, kind, url):
                target = self.target(address)
                if target is None:
                    continue
                fragment = urldefrag(html.unescape(match["url"]))[1]
                new = relative(name, target) + (f"#{fragment}" if fragment else "")
                new = html.escape(new) if kind == "text/html" else json.dumps(new)[1:-1] if kind != "text/css" else new
                start, end = match.span("url")
                pieces += [content[last:start], new]
                last = end
            if pieces:
                self.write(path, ("".join(pieces) + content[last:]).encode())


def publish(year: ReportingYear, out: Path, progress: bool = False) -> Summary:
    return Exporter(year, out, progress).run()
