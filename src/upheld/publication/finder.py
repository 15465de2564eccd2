"""Find a council: by name, short name, another or a former name, GSS code, or postcode.

One search box on the home page, the councils list and the map. Without
JavaScript it is a plain GET form whose answer is the results page
(`search_page`); with it, `find.mjs` suggests councils as the reader types
(GOV.UK's accessible autocomplete), from `finder_data`: the same index, with
the same matching, done in the browser. Only councils with published figures
are found (those have a page to go to), each linked to its page.

Names are compared in a normalised form (`normalise`: any case, "&" as "and",
punctuation as spaces), best match first: the whole name, then a name that
starts with the words typed, then one with a word that does, then one that
merely contains them; councils that match as well go in A–Z order of the name
people use. A former name ("Tewkesbury") finds the council with a note that it
has been renamed. A postcode or postcode district finds every council it lies
in, both tiers, most postcodes first (`upheld.authorities.postcodes`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from upheld.authorities.models import Authority, AuthorityCode, AuthorityName
from upheld.authorities.postcodes import LOWER, Postcode, councils_of, districts, parse
from upheld.publication.page_cache import cached_page
from upheld.releases.published import PublishedYears, published
from upheld.years import ReportingYear

GSS = re.compile(r"[A-Z]\d{8}")
MAX_QUERY = 100  # characters: no council's name is longer
TIER_NAMES = {LOWER: "District, unitary council or borough", "upper": "County council"}
# How well a name matches, best first (the browser's `find.mjs` ranks the same way).
WHOLE, STARTS, WORD_STARTS, CONTAINS = range(4)


def normalise(text: str) -> str:
    """`St. Helens` → `st helens`, `Hammersmith & Fulham` → `hammersmith and fulham`."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold().replace("&", " and ")).split())


def rank(name: str, query: str) -> int | None:
    """How well the normalised `name` matches the normalised `query`; None when it does not."""
    if name == query:
        return WHOLE
    if name.startswith(query):
        return STARTS
    if f" {query}" in f" {name}":
        return WORD_STARTS
    return CONTAINS if query in name else None


@dataclass(frozen=True)
class Entry:
    """A council that can be found: its names (normalised, its own first) and its GSS codes."""

    authority: Authority
    newest: ReportingYear  # the newest published year it has figures for
    url: str
    names: tuple[str, ...]
    former: dict[str, str] = field(default_factory=dict)  # normalised former name → as written
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Result:
    entry: Entry
    note: str = ""  # why it was found when its name does not say: "Formerly Tewkesbury", "1,374 postcodes in L20"
    tier: str = ""  # for a postcode: the tier it was found in


@dataclass(frozen=True)
class Answer:
    query: str
    results: list[Result]
    postcode: Postcode | None = None
    problem: str = ""  # why nothing was found, in words for the reader

    @property
    def by_tier(self) -> list[tuple[str, list[Result]]]:
        """A postcode's councils under their tier's name, lower tier first."""
        return [(name, [r for r in self.results if r.tier == tier]) for tier, name in TIER_NAMES.items()
                if any(r.tier == tier for r in self.results)]


class Index:
    """Every council with published figures, with what finds it (built once per published state)."""

    def __init__(self, public: PublishedYears):
        self.latest = public.latest
        councils = public.councils
        ids = [authority.id for authority, _ in councils]
        names: dict[int, list[tuple[str, bool]]] = {}
        for authority_id, name, former in AuthorityName.objects.filter(authority_id__in=ids).values_list(
                "authority_id", "name", "former"):
            names.setdefault(authority_id, []).append((name, former))
        codes: dict[int, list[str]] = {}
        for authority_id, code in AuthorityCode.objects.filter(authority_id__in=ids).values_list(
                "authority_id", "code"):
            if GSS.fullmatch(code):
                codes.setdefault(authority_id, []).append(code)
        self.entries = sorted((self._entry(authority, year, names.get(authority.id, []), codes.get(authority.id, []))
                               for authority, year in councils), key=lambda e: e.authority.known_as.casefold())
        self.by_code = {code: entry for entry in self.entries for code in entry.codes}

    @staticmethod
    def _entry(authority: Authority, year: ReportingYear, names: list[tuple[str, bool]], codes: list[str]) -> Entry:
        own = [authority.known_as, authority.short_name, authority.name]
        normalised = dict.fromkeys(normalise(name) for name in own + [name for name, _ in names])
        return Entry(authority, year, reverse("council", kwargs={"slug": authority.slug}), tuple(normalised),
                     {normalise(name): name for name, former in names if former},
                     tuple(sorted(codes, key=lambda code: code != authority.gss)))

    def find(self, query: str) -> Answer:
        query = " ".join(query.split())[:MAX_QUERY]
        if not query:
            return Answer(query, [], problem="Enter the name of a council, or a postcode.")
        if GSS.fullmatch(query.upper()):
            entry = self.by_code.get(query.upper())
            return Answer(query, [Result(entry)] if entry else [],
                          problem="" if entry else f"No council with published figures has the code {query.upper()}.")
        postcode = parse(query)
        if postcode is not None:
            return self._postcode(query, postcode)
        return self._names(query)

    def _names(self, query: str) -> Answer:
        wanted = normalise(query)
        found = []
        for entry in self.entries:
            ranks = [(rank(name, wanted), name) for name in entry.names]
            matched = [(r, name) for r, name in ranks if r is not None]
            if matched:
                best, name = min(matched)
                note = f"Formerly {entry.former[name]}" if name in entry.former else ""
                found.append((best, entry, note))
        found.sort(key=lambda item: item[0])  # stable: A–Z within each rank
        return Answer(query, [Result(entry, note) for _, entry, note in found],
                      problem="" if found else f"No council's name contains “{query}”. Check the spelling, "
                                               "or try a postcode.")

    def _postcode(self, query: str, postcode: Postcode) -> Answer:
        results = []
        for share in councils_of(postcode):
            entry = self.by_code.get(share.gss)
            if entry is not None:
                count = f"{share.postcodes:,} postcode{'s' if share.postcodes != 1 else ''}"
                results.append(Result(entry, f"{count} in {postcode.district}", share.tier))
        problem = "" if results else (f"We found no council for the postcode district {postcode.district}. "
                                      "Check the postcode, or search by the council's name.")
        return Answer(query, results, postcode, problem)

    def as_json(self) -> dict:
        """The index for the browser (`find.mjs`): the councils, and each postcode district's councils by
        their place in that list."""
        place = {id(entry): n for n, entry in enumerate(self.entries)}
        councils = [{
            "name": e.authority.known_as,
            "official": e.authority.name,
            "url": e.url,
            "names": e.names,
            "former": e.former,
            "codes": e.codes,
            "to": e.newest.label if e.newest != self.latest else None,
        } for e in self.entries]
        postcodes = {}
        for district, shares in districts().items():
            found = [[place[id(self.by_code[s.gss])], s.tier, s.postcodes] for s in shares if s.gss in self.by_code]
            if found:
                postcodes[district] = found
        return {"councils": councils, "postcodes": postcodes}


_indexes: dict[tuple, Index] = {}


def index(public: PublishedYears) -> Index:
    found = _indexes.get(public.key)
    if found is None:
        _indexes.clear()  # only the current published state is asked for
        found = _indexes[public.key] = Index(public)
    return found


def search_page(request):
    """The results page: every council the words typed find, each linked to its page."""
    public = published()
    query = request.GET.get("q", "")
    answer = index(public).find(query)
    return render(request, "publication/council_search.html", {
        "nav": "councils", "answer": answer, "query": answer.query, "latest": public.latest,
        "crumbs": [("Councils", reverse("councils"))], "here": "Find a council",
    })


def finder_data(request):
    """The index the search box's suggestions are made from, cached per published state."""
    public = published()

    def build() -> HttpResponse:
        body = json.dumps(index(public).as_json(), separators=(",", ":"), ensure_ascii=False)
        return HttpResponse(body, content_type="application/json")

    return cached_page(request, "council-finder", build)
