"""What a visitor, a subscriber or a static copy gets, read as text and searched for what must not be there.

Every response and file is read the way its reader would: HTML, XML, JSON and CSV as text, PDFs through
pdftotext (`tests/pdf_text.py`), spreadsheets (XLSX, ODS) as the XML inside them. `Findings` collects,
over a whole run, every marker that may not appear where it appeared, every embargoed figure, every
absolute address naming a host other than the one asked, and every answer that is not a deliberate one,
so that a failure lists all of them at once.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urldefrag, urljoin, urlsplit

from tests.pdf_text import pdf_text
from tests.releases.markers import TOKEN, Markers

SPREADSHEETS = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/vnd.oasis.opendocument.spreadsheet")
# Answers a crawl may get: a page, a redirect, and the deliberate refusals (403, 404; 405 for a form's
# address asked with GET). Anything else (400, 429, 500, ...) may hide a leak and fails the test.
DELIBERATE = {200, 301, 302, 303, 307, 308, 403, 404, 405}
_JOINED = re.compile(r"[\s\u00ad-]+")  # what a PDF's line breaks and hyphenation put inside a word
# Attributes that hold an address; a data-* attribute only when it holds a site path (as the export reads them).
_LINK = re.compile(r"""\b(?:(?:href|src|action)=["']([^"']*)["']|data-[\w-]+=["'](/[^"']*)["'])""")
_LOC = re.compile(r"<loc>([^<]+)</loc>")
_ABSOLUTE = re.compile(r"""https?://([A-Za-z0-9.-]+(?::\d+)?)(/[^\s"'<>\\]*)?""")


@cache
def figure_pattern(number: int) -> re.Pattern:
    """`4817` or `4,817`, standing alone: not part of another number, a word, a hash, a decimal, nor an
    address (`/reports/public-interest/4817/`: an id, which the suite's earlier tests may have taken that far)."""
    digits = str(number)
    grouped = f"{int(digits[:-3])},{digits[-3:]}" if number >= 1000 else digits
    return re.compile(rf"(?<![\w.,/])(?:{re.escape(digits)}|{re.escape(grouped)})(?![\w/]|[.,]\d)")


def response_bytes(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def kind_of(content_type: str) -> str:
    content_type = content_type.split(";")[0].strip()
    if content_type == "application/pdf":
        return "pdf"
    return "spreadsheet" if content_type in SPREADSHEETS else "text"


def kind_of_file(name: str) -> str:
    if name.endswith(".pdf"):
        return "pdf"
    return "spreadsheet" if name.endswith((".xlsx", ".ods")) else "text"


@cache
def _pdf_text(content: bytes) -> str:
    """Each PDF is extracted once: the same bytes come back for every visitor, host and round."""
    return pdf_text(content)


def readable(content: bytes, kind: str) -> str:
    """The text its reader sees: pdftotext's for a PDF, every XML part's for a spreadsheet."""
    if kind == "pdf":
        return _pdf_text(content)
    if kind == "spreadsheet":
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return "\n".join(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xml"))
    return content.decode("utf-8", errors="replace")


def links(text: str, content_type: str, base: str, host: str) -> list[str]:
    """Same-site addresses (path and query) the text links to: HTML attributes, the sitemap's <loc>s, and
    absolute addresses on `host` anywhere (the API's links, a CSV's column of addresses)."""
    found = []
    if "html" in content_type:
        values = [address or path for address, path in _LINK.findall(text)]
        found += [urljoin(base, value) for value in values
                  if value and not value.startswith(("#", "//", "mailto:", "javascript:"))]
    if "xml" in content_type:
        found += _LOC.findall(text)
    if "json" in content_type:
        found += [value for value in _json_strings(text) if value.startswith("/")]
    found += [match[0] for match in _ABSOLUTE.finditer(text)]
    paths = []
    for url in found:
        parts = urlsplit(urldefrag(url.replace("&amp;", "&"))[0])
        if parts.netloc and parts.netloc != host:
            continue
        if parts.path.startswith("/") and "{" not in parts.path:
            paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def _json_strings(text: str) -> list[str]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    strings, stack = [], [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack += item.values()
        elif isinstance(item, list):
            stack += item
        elif isinstance(item, str):
            strings.append(item)
    return strings


@dataclass(frozen=True)
class Surface:
    """One thing a reader gets: `name` says what ("GET /councils/sefton/", "alert email ...", "static export
    councils/sefton/index.html"), `context` how (round, visitor, host). `kind` is the sanity check's class
    of surface (text, pdf, spreadsheet, email, export). For a response, `path` is the address asked for (a
    marker or figure in it, such as a search's words or an id, is the visitor's own and may be echoed
    back) and `host` the host asked for; `viewer` is "council user" for the other council's signed-in user."""

    name: str
    kind: str
    context: tuple[str, ...] = ()
    viewer: str = ""
    path: str = ""
    host: str = ""


@dataclass
class Findings:
    """Everything wrong seen in a run, by what was wrong and where, and what the sanity checks need: which
    public markers and figures were seen, in which kinds of surface."""

    markers: Markers
    embargoed: dict[int, str]  # figure -> what it is
    released: int
    hosts: tuple[str, ...]
    problems: dict[str, dict[str, set[tuple[str, ...]]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    seen_public: set[str] = field(default_factory=set)  # tokens
    seen_own_council: set[str] = field(default_factory=set)  # tokens the other council's user may see, seen
    seen_by_kind: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    surfaces: int = 0

    def check(self, surface: Surface, text: str, figures: bool = True) -> None:
        self.surfaces += 1
        joined = _JOINED.sub("", text.lower())
        echoed = set(TOKEN.findall(surface.path.lower()))
        for token in dict.fromkeys(TOKEN.findall(joined)):
            marker = self.markers.by_token.get(token)
            if marker is None or token in echoed:
                continue
            if marker.public:
                self.seen_public.add(token)
                self.seen_by_kind[surface.kind].add(token)
            elif (marker.own_council and surface.viewer == "council user"
                  and surface.path.startswith(marker.own_council)):
                self.seen_own_council.add(token)
            else:
                self.fail(f"marker: {marker}", surface)
        if figures:
            for number, what in self.embargoed.items():
                pattern = figure_pattern(number)  # in the address asked for, it is a number such as an id
                if pattern.search(text) and not pattern.search(surface.path):
                    self.fail(f"embargoed figure {number:,} ({what})", surface)
            for found in figure_pattern(self.released).findall(text):
                self.seen_by_kind[surface.kind].add(f"figure {self.released}")
                self.seen_by_kind["figure forms"].add(found)
        for other in self.hosts:
            if surface.host and other != surface.host and f"//{other}" in text:
                self.fail(f"absolute address naming {other} in an answer to another host", surface)

    def fail(self, what: str, surface: Surface | str) -> None:
        surface = surface if isinstance(surface, Surface) else Surface(surface, "")
        self.problems[what][surface.name].add(surface.context)

    def report(self) -> str:
        """Each problem, then each surface it was seen on with the rounds, visitors and hosts it was seen by."""
        lines = []
        for what, surfaces in sorted(self.problems.items()):
            lines.append(f"{what}: {len(surfaces)} surface{'s' if len(surfaces) != 1 else ''}")
            for name, contexts in sorted(surfaces.items()):
                parts = [", ".join(sorted({context[n] for context in contexts}))
                         for n in range(max(map(len, contexts)))]
                lines.append(f"    {name}" + (f"  [{' | '.join(parts)}]" if parts else ""))
        return "\n".join(lines)
