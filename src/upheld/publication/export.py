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

Rendering is CPU-bound Python, so it runs on every core, in processes forked
from this one (they inherit the export's settings and the limit on later
years; each opens its own database connection). The crawl goes in waves: the
workers render a wave's addresses, and the addresses they link to, not met
before, make the next wave. Links are made relative once every address is
known, by forked processes too. The letter PDFs are the exception: Typst keeps
a thread pool, and a forked copy of a process in which it has run can hang in
it, so the crawl only notes them, and `typeset` finds or typesets them after.

The export is incremental: its manifest (`MANIFEST`) holds every file's
SHA-256 and the key of what each page and letter is built from, as the site's
own cache keys name it (`page_cache`): a letter, HTML or PDF, depends only on
its figures version (`letter_key`); an open-data file on its edition
(`downloads.key`); any other page on the running code, its address and the
public state (`visibility_version`, which changes with
anything public: a release, a revision, a statement, the day). A later export
links a file with unchanged content from the export it replaces rather than
writing it, and takes a page or letter whose key is unchanged from it without
rendering or typesetting it, with the addresses it links to, which the
manifest keeps too: its file is the earlier one as long as each of those
addresses leads to the file it led to then, and is rendered again otherwise.
A revision changes the public state, so it renders every page again but the
letters and open-data files of the other years (what a page shows can depend
on anything public: the similar authorities' averages on every page of the
year, the trend on every council page); an export of an unchanged state
renders nothing.
Whether parallel, in one process or over an earlier export, the files are
the same byte for byte.

The export is written whole or not at all: into a folder beside `out` under
a temporary name, which replaces `out` (an earlier export) only once every
file is written and rewritten (`upheld.files.staged_folder`). A write that
fails (a full disk, a read-only folder) stops it with `WriteFailed`, leaving
`out` as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import itertools
import json
import logging
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, unquote, urldefrag, urljoin, urlsplit

import django
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import connection, connections
from django.http import Http404
from django.test import Client
from django.test.utils import override_settings
from django.urls import Resolver404, ResolverMatch, resolve, reverse
from tqdm import tqdm

from upheld import files
from upheld.letters.content import Letter
from upheld.letters.pdf import render_pdf
from upheld.publication import downloads, page_cache
from upheld.publication.council_pages import public_letter
from upheld.publication.data_views import download_edition
from upheld.publication.page_cache import WHOLE_KEY_TIMEOUT
from upheld.publication.sitemaps import entries
from upheld.releases.published import published
from upheld.releases.visibility import LAST_PUBLIC_YEAR, visibility_version
from upheld.years import ReportingYear

MARKER = ".upheld-export"
MANIFEST = ".export-manifest.json"  # every file's SHA-256, so that the next export rewrites only what changed
TYPESET_HERE = 24  # fewer letter PDFs than this are typeset in the exporting process (starting processes costs more)
REWRITE_HERE = 500  # fewer text files than this are rewritten in the exporting process
# The crawl's pages are kept in each worker's memory only. Kept in the site's shared cache they would be of no use
# (their keys name the export's public state, later years hidden, which the site never asks for), and a file cache
# lists its whole folder on every write: 18 ms of CPU at 17,000 entries, half a council page's rendering, for each
# of the 16,000 pages of a national export. The letter PDFs are looked for (and kept) in the shared cache after the
# crawl (`typeset`).
CRAWL_CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "upheld-export"}}
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
MISSING = object()  # an address the export being replaced did not record


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
    rendered: int = 0  # pages rendered (static files, redirects and letter PDFs not counted)
    unchanged: int = 0  # pages taken from the export being replaced without rendering them (their key unchanged)

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


@dataclass
class Page:
    """What one address gave a worker: a file's content and the addresses it links to, a redirect, a problem, or
    a letter PDF left to the parent to typeset (`Exporter.typeset`)."""
    url: str
    content: bytes = b""
    kind: str = ""
    links: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, address) of each same-site link
    alias: str | None = None
    broken: str | None = None  # linked to but not found (a 404, a missing static file)
    error: str | None = None  # failed (an exception, a 5xx)
    letter: bool = False
    unchanged: bool = False  # not rendered: its key is the one the export being replaced holds it under


class Exporter:
    def __init__(self, year: ReportingYear, out: Path, progress: bool = False, workers: int | None = None) -> None:
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
        self.workers = workers or cores()
        self.static_url = settings.STATIC_URL
        self.files: dict[str, str] = {}  # address → file written, for every address exported
        self.aliases: dict[str, str] = {}  # an address that redirects → where it leads
        self.texts: dict[str, tuple] = {}  # address → (content, kind, links) of files whose links are rewritten
        self.letters: list[str] = []  # letter PDFs met in the crawl, typeset (or found already typeset) after it
        self.manifest: dict[str, str] = {}  # file → SHA-256 of its content, in this export
        self.keys: dict[str, str] = {}  # file → the key of what it is built from, where one names all of it
        self.earlier: dict[str, str] = {}  # the same two of the export being replaced
        self.earlier_keys: dict[str, str] = {}
        self.state = ""  # what a page's key names of the public state (set when the crawl starts)
        self.pages: dict[str, tuple[str, list[str]]] = {}  # page's file → (its key, the addresses it links to)
        self.redirects: dict[str, tuple[str, str]] = {}  # address that redirects → (its key, where it leads)
        self.unchanged: dict[str, list[str]] = {}  # address not rendered → the addresses it links to
        # The export being replaced: its pages and redirects as above, and the file each address linked to led to.
        self.earlier_pages: dict[str, tuple[str, list[str]]] = {}
        self.earlier_redirects: dict[str, tuple[str, str]] = {}
        self.earlier_targets: dict[str, str | None] = {}
        self.summary = Summary(year, self.years, out)
        self.public = public
        self.keys_of: dict[str, str] = {}  # address → its page's key, for every page that has one

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

    def seeds(self) -> list[str]:
        seeds = ["/", reverse("data-index"), *(entry.path for entry in entries())]
        seeds += [reverse("data-year", kwargs={"year": label}) for label in sorted(self.labels)]
        return [url for url in dict.fromkeys(seeds) if self.wanted(url)]  # the sitemap lists the scrutiny hub

    def run(self) -> Summary:
        started = time.perf_counter()
        self.check_folder()
        self.check_static_files()
        self.read_manifest()
        files.make_folder(self.out.parent)
        with files.staged_folder(self.out, replace=True) as folder:
            self.folder = folder
            token = LAST_PUBLIC_YEAR.set(self.year.start_year)
            try:
                with override_settings(ALLOWED_HOSTS=["testserver"]):
                    with override_settings(CACHES=CRAWL_CACHES):
                        self.crawl()
                    self.typeset()
                    with override_settings(CACHES=CRAWL_CACHES):
                        self.settle()
            finally:
                LAST_PUBLIC_YEAR.reset(token)
            self.rewrite()
            self.write(folder / MARKER, f"{self.year.label}\n".encode())
            with files.writing(self.out):
                files.write_atomically(folder / MANIFEST, json.dumps(self.manifest_content(), indent=0))
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

    def read_manifest(self) -> None:
        """The files of the export being replaced, their contents' hashes, the keys of the letters and pages and
        the addresses each page links to; none if it has no manifest, or one that cannot be read (everything is
        then rendered and written)."""
        try:
            manifest = json.loads((self.out / MANIFEST).read_text(encoding="utf-8"))
            addresses = manifest["addresses"]
            self.earlier, self.earlier_keys = dict(manifest["files"]), dict(manifest["keys"])
            self.earlier_pages = {name: (key, [addresses[n] for n in links])
                                  for name, (key, links) in manifest["pages"].items()}
            self.earlier_redirects = {url: (key, alias) for url, (key, alias) in manifest["redirects"].items()}
            self.earlier_targets = dict(zip(addresses, manifest["targets"], strict=True))
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            self.earlier, self.earlier_keys, self.earlier_pages, self.earlier_redirects = {}, {}, {}, {}
            self.earlier_targets = {}

    def manifest_content(self) -> dict:
        """What the next export needs of this one: every file's hash, the letters' keys, each page's key with the
        addresses it links to (numbered, as a council page links to every council of its group) and the file
        each of those addresses leads to."""
        addresses = sorted({address for _, links in self.pages.values() for address in links})
        number = {address: n for n, address in enumerate(addresses)}
        return {"year": self.year.label, "files": dict(sorted(self.manifest.items())),
                "keys": dict(sorted(self.keys.items())),
                "pages": {name: [key, [number[address] for address in links]]
                          for name, (key, links) in sorted(self.pages.items())},
                "redirects": {url: list(redirect) for url, redirect in sorted(self.redirects.items())},
                "addresses": addresses, "targets": [self.target(address) for address in addresses]}

    def page_key(self, url: str) -> str | None:
        """What the content of the page at `url` depends on, as the site's cache keys name it: a letter its
        figures version (`public_letter`), an open-data file its edition (`downloads.key`), any other page the
        running code, its address and the public state; None for a static file (named by its content), a letter
        PDF (`typeset` keeps its key), or a letter or file that is not one after all."""
        if url.startswith(self.static_url):
            return None
        path, _, query = url.partition("?")
        match = resolve_or_none(path)
        try:
            if match is not None and match.url_name == "council-letter":
                if match.kwargs["extension"] == "pdf":
                    return None
                return public_letter(self.public, match.kwargs["slug"], match.kwargs["year"],
                                     match.kwargs["extension"])[0]
            if match is not None and match.url_name in ("data-download", "data-download-version"):
                kwargs = match.kwargs
                chosen = download_edition(kwargs["year"], kwargs["label"], kwargs.get("version"), kwargs.get("again"),
                                          parse_qs(query).get("version", [None])[-1])
                return page_cache.material_key("export-download", url, downloads.key(chosen, kwargs["extension"]))
        except Http404:
            return None
        return page_cache.material_key("export-page", url, self.state)

    def write(self, path: Path, content: bytes) -> None:
        """One file of the export (in the temporary folder, which is renamed once whole)."""
        with files.writing(self.out):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)

    def keep(self, name: str, content: bytes) -> None:
        """A finished file: linked from the export being replaced when that holds the same bytes (an incremental
        export rewrites only what changed), else written."""
        digest = hashlib.sha256(content).hexdigest()
        if not (self.earlier.get(name) == digest and self.reuse(name, len(content))):
            self.write(self.folder / name, content)
            self.manifest[name] = digest

    def reuse(self, name: str, size: int | None = None) -> bool:
        """Link the file `name` of the export being replaced into this one; False if it cannot be (gone, or
        changed by hand since: its size is not the one expected)."""
        earlier, path = self.out / name, self.folder / name
        try:
            if size is not None and earlier.stat().st_size != size:
                return False
            path.parent.mkdir(parents=True, exist_ok=True)
            os.link(earlier, path)
        except OSError:
            return False
        self.manifest[name] = self.earlier[name]
        if size is None:
            self.summary.files += 1
            self.summary.bytes += path.stat().st_size
        return True

    # The crawl: in waves, each wave's addresses rendered by every core, but those whose key is unchanged.
    def crawl(self) -> None:
        self.public = published()
        # The collected static files' names are in every page, and the settings are not in the code's identity.
        self.state = hashlib.sha256(repr((visibility_version(), self.static_url, settings.SECURE_SSL_REDIRECT,
                                          staticfiles_storage.read_manifest())).encode()).hexdigest()
        queued = set(self.seeds())
        wave = list(queued)
        with tqdm(total=len(wave), unit=" files", file=sys.stderr, disable=not self.progress,
                  desc=f"Exporting {self.year.label}") as bar, self.pool() as render:
            while wave:
                found, pending, taken = [], [], []
                for url in wave:
                    page = self.unchanged_page(url)
                    (pending if page is None else taken).append(page or url)
                for page in itertools.chain(taken, render(pending)):
                    for link in self.take(page):
                        if link not in queued and self.wanted(link):
                            queued.add(link)
                            found.append(link)
                    if len(queued) > MAX_FILES:
                        raise ExportError(f"more than {MAX_FILES:,} files: does a page link to ever new addresses?")
                    bar.update()
                bar.total += len(found)
                wave = found

    @contextlib.contextmanager
    def pool(self) -> Iterator[Callable[[list[str]], Iterable[Page]]]:
        """Rendering: here when there is one core, else in a pool of processes forked from this one (they
        inherit the export's settings and the public state it pins), each with its own database connection."""
        global _exporter  # noqa: PLW0603 - what the forked workers render for
        _exporter = self
        if self.workers <= 1:
            yield lambda urls: map(render, urls)
            return
        if not connection.in_atomic_block:
            connections.close_all()  # so that no worker goes on with this process's connection
        with forked_processes(self.workers, initializer=forked) as mapped:
            yield lambda urls: mapped(render, urls, max(1, min(32, len(urls) // (self.workers * 8))))

    def unchanged_page(self, url: str) -> Page | None:
        """The page at `url` as the export being replaced holds it, when its key is the one it is held under
        there: the addresses it links to, or where it redirects. None if it is to be rendered."""
        key = self.page_key(url)
        if key is None:
            return None
        self.keys_of[url] = key
        if self.earlier_redirects.get(url, (None,))[0] == key:
            return Page(url, alias=self.earlier_redirects[url][1], unchanged=True)
        key_and_links = self.earlier_pages.get(file_for(url))
        if key_and_links is None or key_and_links[0] != key or file_for(url) not in self.earlier:
            return None
        return Page(url, links=[(0, 0, address) for address in key_and_links[1]], unchanged=True)

    def take(self, page: Page) -> list[str]:
        """Record what a worker rendered (or what the export being replaced holds unchanged); the addresses it
        links to."""
        key = self.keys_of.get(page.url)
        if page.error is not None:
            self.summary.errors[page.url] = page.error
        elif page.broken is not None:
            self.summary.broken[page.url] = page.broken
        elif page.alias is not None:
            self.aliases[page.url] = page.alias
            if key is not None:
                self.redirects[page.url] = (key, page.alias)
            return [page.alias]
        elif page.letter:
            self.letters.append(page.url)
            self.files[page.url] = file_for(page.url)
        elif page.unchanged:
            self.files[page.url] = file_for(page.url)
            self.unchanged[page.url] = [address for *_, address in page.links]
            return self.unchanged[page.url]
        else:
            self.summary.rendered += key is not None
            self.save(page.url, page.content, page.kind, page.links)
            links = [address for *_, address in page.links]
            if key is not None:
                self.pages[self.files[page.url]] = (key, list(dict.fromkeys(links)))
            return links
        return []

    def settle(self) -> None:
        """The pages taken unrendered: each is the earlier export's file where every address it links to leads
        to the file it led to then (and that file is still there as it was); otherwise it is rendered now, in
        this process (a page another page stopped or started linking to)."""
        global _exporter  # noqa: PLW0603 - what `render` renders for
        _exporter = self
        for url, links in self.unchanged.items():
            name = self.files[url]
            if all(self.target(address) == self.earlier_targets.get(address, MISSING) for address in links) and (
                    self.reuse(name, None)):
                self.pages[name] = (self.keys_of[url], links)
                self.summary.unchanged += 1
                continue
            del self.files[url]
            self.take(render(url))

    def save(self, url: str, content: bytes, kind: str, links: list[tuple[int, int, str]] = ()) -> None:
        name = file_for(url)
        self.files[url] = name
        self.summary.files += 1
        self.summary.bytes += len(content)
        if kind in TEXT_TYPES:  # finished once every address is known
            self.texts[url] = (content.decode("utf-8"), kind, links)
        else:
            self.keep(name, content)

    def typeset(self) -> None:
        """The letter PDFs the crawl met. Each depends only on its figures version (its key names it): one the
        export being replaced holds under the same key is linked from it, one the site has already typeset is
        taken from the page cache, and only the others are typeset, in processes started afresh (a forked
        copy of a process in which Typst has run can hang in it) and kept in the page cache for the site."""
        public, pending = published(), []
        for url in self.letters:
            match = resolve(urlsplit(url).path)
            name = self.files[url]
            try:
                key, letter = public_letter(public, match.kwargs["slug"], match.kwargs["year"], "pdf")
            except Http404 as error:
                del self.files[url]
                self.summary.broken[url] = f"status 404 ({error})"
                continue
            self.keys[name] = key
            if self.earlier_keys.get(name) == key and self.reuse(name):
                continue
            if (entry := page_cache.get(key)) is not None:
                self.save(url, entry[0], "application/pdf")
                continue
            try:
                pending.append((url, key, letter()))
            except Http404 as error:
                del self.files[url], self.keys[name]
                self.summary.broken[url] = f"status 404 ({error})"
        typeset = self.typeset_pdfs([letter for *_, letter in pending])
        for (url, key, letter), content in zip(pending, typeset, strict=True):
            page_cache.put(key, (content, letter.filename("pdf")), WHOLE_KEY_TIMEOUT)
            self.save(url, content, "application/pdf")

    def typeset_pdfs(self, letters: list[Letter]) -> Iterable[bytes]:
        if self.workers <= 1 or len(letters) < TYPESET_HERE:
            return map(render_pdf, letters)
        spawned = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                      initializer=django.setup)
        with spawned:
            return list(spawned.map(render_pdf, letters, chunksize=max(1, min(16, len(letters) // (
                self.workers * 4)))))

    # Relative links.
    def target(self, url: str) -> str | None:
        seen = set()
        while url in self.aliases and url not in seen:
            seen.add(url)
            url = self.aliases[url]
        return self.files.get(url)

    def rewrite(self) -> None:
        """Make every link to an exported address relative, in every exported HTML, CSS and JSON file, and keep
        the files; in forked processes when there are many (they inherit every address exported)."""
        urls = list(self.texts)
        if self.workers <= 1 or len(urls) < REWRITE_HERE:
            for url in urls:
                self.keep(self.files[url], self.relative_links(url))
            return
        global _exporter  # noqa: PLW0603 - what the forked workers rewrite for
        _exporter = self
        with forked_processes(self.workers) as mapped:
            for url, content in zip(urls, mapped(relative_links, urls, 64), strict=True):
                self.keep(self.files[url], content)

    def relative_links(self, url: str) -> bytes:
        """A text file's content with every link to an exported address made relative."""
        content, kind, links = self.texts[url]
        name = self.files[url]
        pieces, last = [], 0
        for start, end, address in links:
            target = self.target(address)
            if target is None:
                continue
            fragment = urldefrag(html.unescape(content[start:end]))[1]
            new = relative(name, target) + (f"#{fragment}" if fragment else "")
            new = html.escape(new) if kind == "text/html" else json.dumps(new)[1:-1] if kind != "text/css" else new
            pieces += [content[last:start], new]
            last = end
        return ("".join(pieces) + content[last:]).encode()


# The workers. Each is forked from the exporting process, so it renders for the exporter that process holds.
_exporter: Exporter | None = None
_client: Client | None = None
_inherited: list = []  # the exporting process's database connections, left open for it: never used nor closed here


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextlib.contextmanager
def forked_processes(workers: int, initializer: Callable[[], None] | None = None):
    """`mapped(function, items, chunksize)`: `function` over `items`, in order, in processes forked from this one.
    A process that dies before its work is done (killed, out of memory) stops the export with ExportError, where
    `multiprocessing.Pool` would wait for its results for ever (as a national export once did)."""
    executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=initializer)

    def mapped(function: Callable, items: list, chunksize: int) -> Iterator:
        try:
            yield from executor.map(function, items, chunksize=chunksize)
        except BrokenProcessPool as error:
            raise ExportError(f"a process of the export stopped before its work was done ({error}); was it killed, "
                              "or out of memory?") from None

    with executor:
        yield mapped


def forked() -> None:
    """A worker starts: it opens database connections of its own (the exporting process's may be in use, or
    inside a transaction). An in-memory SQLite database is the exception: its copy here is the only one."""
    for alias in connections:
        wrapper = connections[alias]
        if wrapper.connection is not None and not (wrapper.vendor == "sqlite" and wrapper.is_in_memory_db()):
            _inherited.append(wrapper.connection)
            wrapper.connection = None


def relative_links(url: str) -> bytes:
    """A text file with its links made relative (a worker's task)."""
    return _exporter.relative_links(url)


def render(url: str) -> Page:
    """Render one address (a worker's task)."""
    global _client  # noqa: PLW0603 - one client per worker
    exporter = _exporter
    if url.startswith(exporter.static_url):
        return static_file(exporter, url)
    match = resolve_or_none(urlsplit(url).path)
    if match is not None and match.url_name == "council-letter" and match.kwargs.get("extension") == "pdf":
        return Page(url, letter=True)
    _client = _client or Client()
    try:
        with _request_log_silenced():
            response = _client.get(url, secure=settings.SECURE_SSL_REDIRECT)
    except Exception as error:  # noqa: BLE001 - a failing page is reported with the others at the end
        return Page(url, error=f"{type(error).__name__}: {error}")
    if response.status_code in (301, 302, 307, 308):
        target = urljoin(url, response["Location"])
        if target.startswith("/"):
            return Page(url, alias=target)
    if response.status_code != 200:
        problem = f"status {response.status_code}"
        return Page(url, error=problem) if response.status_code >= 500 else Page(url, broken=problem)
    kind = response.get("Content-Type", "").split(";")[0].strip()
    if response.streaming:  # a file served as it is (an uploaded report's PDF)
        content = b"".join(response.streaming_content)
        response.close()
    else:
        content = response.content
    return Page(url, content, kind, page_links(exporter, url, content, kind))


@contextlib.contextmanager
def _request_log_silenced() -> Iterator[None]:
    """The export says a page that fails itself, in one line (`Summary.errors`, or the `WriteFailed` of a full
    disk): Django's request log would also print its traceback to the operator's terminal."""
    log = logging.getLogger("django.request")
    was, log.disabled = log.disabled, True
    try:
        yield
    finally:
        log.disabled = was


def static_file(exporter: Exporter, url: str) -> Page:
    """A static file as collected: under the hashed name the pages give it, naming the hashed names of what it
    imports (upheld.site.static_storage)."""
    name = unquote(urlsplit(url).path[len(exporter.static_url):])
    if not staticfiles_storage.exists(name):
        return Page(url, broken="no such static file")
    with staticfiles_storage.open(name) as file:
        content = file.read()
    kind = {".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript"}.get(Path(name).suffix, "")
    return Page(url, content, kind, page_links(exporter, url, content, kind))


def page_links(exporter: Exporter, url: str, content: bytes, kind: str) -> list[tuple[int, int, str]]:
    """Where each same-site link is in the decoded content, and its address: found once, here, for the crawl and
    for making the links relative."""
    if kind not in (*TEXT_TYPES, "text/javascript"):
        return []
    return [(*match.span("url"), address) for match, address in exporter.links(content.decode("utf-8"), kind, url)]


def resolve_or_none(path: str) -> ResolverMatch | None:
    try:
        return resolve(path)
    except Resolver404:
        return None


def publish(year: ReportingYear, out: Path, progress: bool = False, workers: int | None = None) -> Summary:
    return Exporter(year, out, progress, workers).run()
