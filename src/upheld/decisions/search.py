"""Searching the published statements: one function, the same answers on SQLite and PostgreSQL.

What a search does:

- Words must all appear (in any form the stemmer joins: "fees" finds
  "fee") in the summary, the body or the subcategory ("school transport"
  finds what is filed under School transport); "a quoted phrase" must
  appear as written; -word excludes. Words too common to search for ("the",
  "and": PostgreSQL's English stop words) are dropped on both databases, so
  both answer the same query alike.
- Filters: council, category, subcategory (those of public statements,
  `subcategories`), outcome, remedy, decision date from/to, has a service
  improvement. Only public statements are ever searched
  (`StatementQuerySet.public`).
- Without words it lists every matching statement, newest first, with an
  exact count, as far back as the pages go.
- With words it lists at most the newest `RESULT_LIMIT` (1,000) matching
  statements, newest first or best first. "Best first" ranks those
  thousand by the full-text score (bm25 on SQLite, ts_rank on PostgreSQL;
  the summary and the subcategory count for more than the body) and the
  count says "more than 1,000" when there are more. This is the design for a very common word: a
  search for "council" matches every statement, and ranking them all would
  cost a score for each of 100,000 rows, for an order no reader would go
  through. Statement ids are in decision-date order (`models.StatementIds`),
  so the full-text index hands over the newest matches first and the query
  stops after a thousand, whether the word is in ten statements or in all.
- Ten results a page, each with its summary and a passage of its body, the
  matched words marked; all text is escaped before the marks are added.

How each database does it:

- SQLite: one FTS5 query. The filters are words in the index too (each
  statement's `search_facets`: "public1 council12 outcomeupheld ..."), the
  date filters a range of ids; the index is read newest first and the query
  stops at 1,001 matches, with bm25 computed only for those.
- PostgreSQL: the GIN-indexed tsvector; a common word reads the newest
  statements and tests each, anything rarer collects its matches from the
  index (see `_postgres_matches`). Either way only the listed thousand are
  scored.
- Passages: FTS5's highlight() and snippet(); PostgreSQL's ts_headline.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from upheld.authorities.models import Authority
from upheld.casework.vocabulary import Category, Remedy
from upheld.decisions.guard import name_list
from upheld.decisions.models import DAY_SHIFT, Statement, StatementOutcome
from upheld.decisions.publication_rules import subcategory_facet
from upheld.releases.visibility import latest_publishable_decision, outcomes_public_until

PER_PAGE = 10
RESULT_LIMIT = 1000
COMMON_SHARE = 0.3  # PostgreSQL: a query expected to match this share of statements is "common"
MAX_TERMS = 12
MAX_WORD_LENGTH = 60
START, STOP = "\x02", "\x03"  # marks around matched words, replaced by <mark> after escaping
POSTGRES_CONFIG = "english"
REMEDIES = {"ombudsman": Remedy.BY_OMBUDSMAN, "satisfactory": Remedy.SATISFACTORY_BY_AUTHORITY,
            "none": Remedy.NONE}
ORDERS = ("relevance", "date")


# The question ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One word, or a phrase of several, that must (or with `negated`, must not) appear."""

    words: tuple[str, ...]
    negated: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.words)


_TERM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_WORD = re.compile(r"[^\W_]+")


def stop_words() -> frozenset[str]:
    return name_list("stopwords.txt")


def parse_terms(text: str) -> list[Term]:
    """`care home "bed and breakfast" -parking` → care, home, the phrase, not parking."""
    terms = []
    for match in _TERM.finditer(text):
        negated = bool(match[1] or match[3])
        quoted = match[2] is not None
        words = tuple(word[:MAX_WORD_LENGTH] for word in _WORD.findall((match[2] if quoted else match[4]).lower()))
        if not quoted:  # several words glued by punctuation ("council's") are separate words
            terms += [Term((word,), negated) for word in words if word not in stop_words()]
        elif words and any(word not in stop_words() for word in words):
            terms.append(Term(words, negated))
    unique = list(dict.fromkeys(terms))
    return unique[:MAX_TERMS]


@dataclass(frozen=True)
class SearchParams:
    """A search as its address says it: shareable, and the same on every page of results."""

    text: str = ""
    council: Authority | None = None
    category: str = ""
    subcategory: str = ""
    outcome: str = ""
    remedy: str = ""
    improvement: bool = False
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    order: str = ""
    page: int = 1

    @classmethod
    def from_query(cls, query: Mapping[str, str], offered: list[tuple[str, list[str]]] | None = None
                   ) -> tuple[SearchParams, dict[str, str]]:
        """Parameters from a query string, and a message for each one that could not be used; `offered` is
        `subcategories()` if the caller has it already."""
        errors: dict[str, str] = {}
        council = None
        if slug := query.get("council", "").strip():
            council = Authority.objects.filter(slug=slug).first()
            if council is None:
                errors["council"] = f"There is no council {slug!r}"
        category = _choice(query, "category", Category.values, errors)
        subcategory = _subcategory(query, category, offered, errors)
        outcome = _choice(query, "outcome", StatementOutcome.values, errors)
        remedy = _choice(query, "remedy", list(REMEDIES), errors)
        order = _choice(query, "order", ORDERS, errors)
        dates = {name: _date(query, name, errors) for name in ("from", "to")}
        if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
            errors["to"] = "The end date must be on or after the start date"
            dates["to"] = None
        try:
            page = max(1, int(query.get("page", "1")))
        except ValueError:
            page = 1
        return cls(text=" ".join(query.get("q", "").split())[:200], council=council, category=category,
                   subcategory=subcategory, outcome=outcome, remedy=remedy,
                   improvement=query.get("improvement", "") in ("1", "yes", "on"),
                   date_from=dates["from"], date_to=dates["to"], order=order, page=page), errors

    @property
    def terms(self) -> list[Term]:
        return parse_terms(self.text)

    @property
    def effective_order(self) -> str:
        if not any(not term.negated for term in self.terms):
            return "date"
        return self.order or "relevance"

    @property
    def reveals_outcomes(self) -> bool:
        """Whether the search filters by what a decision found (a remedy or a service improvement implies an
        upheld complaint): such a search covers released years only (`visibility.outcomes_public_until`)."""
        return bool(self.outcome or self.remedy or self.improvement)

    def latest_decision(self, today: datetime.date | None = None) -> datetime.date:
        """The newest decision date the search may return."""
        limits = [self.date_to, latest_publishable_decision(today)]
        if self.reveals_outcomes:
            limits.append(outcomes_public_until() or datetime.date.min)
        return min(filter(None, limits))

    @property
    def has_filters(self) -> bool:
        return bool(self.council or self.category or self.subcategory or self.outcome or self.remedy or self.improvement
                    or self.date_from or self.date_to)

    def query_items(self) -> list[tuple[str, str]]:
        items = [("q", self.text), ("council", self.council.slug if self.council else ""),
                 ("category", self.category), ("subcategory", self.subcategory), ("outcome", self.outcome),
                 ("remedy", self.remedy),
                 ("improvement", "1" if self.improvement else ""),
                 ("from", self.date_from.isoformat() if self.date_from else ""),
                 ("to", self.date_to.isoformat() if self.date_to else ""), ("order", self.order),
                 ("page", str(self.page) if self.page > 1 else "")]
        return [(name, value) for name, value in items if value]

    def query_string(self, **changes) -> str:
        """The address's query string, with `changes` (page=2, order="date") applied."""
        return urlencode(replace(self, **changes).query_items())

    def filters(self) -> Q:
        q = Q()
        if self.council:
            q &= Q(authority=self.council)
        if self.category:
            q &= Q(category=self.category)
        if self.subcategory:
            q &= Q(subcategory__iexact=self.subcategory)
        if self.outcome:
            q &= Q(outcome=self.outcome)
        if self.remedy:
            q &= Q(remedy=REMEDIES[self.remedy])
        if self.improvement:
            q &= Q(has_service_improvement=True)
        if self.date_from:
            q &= Q(decided__gte=self.date_from)
        if self.date_to:
            q &= Q(decided__lte=self.date_to)
        if self.reveals_outcomes:
            q &= Q(decided__lte=self.latest_decision())
        return q


def _choice(query: Mapping[str, str], name: str, allowed, errors: dict[str, str]) -> str:
    value = query.get(name, "").strip()
    if value and value not in allowed:
        errors[name] = f"{value!r} is not a {name} this search knows"
        return ""
    return value


def _subcategory(query: Mapping[str, str], category: str, offered: list[tuple[str, list[str]]] | None,
                 errors: dict[str, str]) -> str:
    """The subcategory asked for as public statements spell it (in any case), if it is one of `category`'s."""
    value = " ".join(query.get("subcategory", "").split())
    if not value:
        return ""
    offered = subcategories() if offered is None else offered
    spelled = {name.casefold(): name for code, names in offered for name in names if not category or code == category}
    if value.casefold() in spelled:
        return spelled[value.casefold()]
    if category and any(value.casefold() == name.casefold() for _, names in offered for name in names):
        errors["subcategory"] = f"{Category(category).label} has no subcategory {value!r}"
    else:
        errors["subcategory"] = f"There is no subcategory {value!r}"
    return ""


def subcategories(today: datetime.date | None = None) -> list[tuple[str, list[str]]]:
    """Each category's subcategories among public statements, A to Z (one spelling of each, whatever its case),
    the categories in their usual order: what the search offers to filter by."""
    found: dict[str, dict[str, str]] = {}
    for code, name in (Statement.objects.public(today).exclude(subcategory="")  # from an index alone
                       .values_list("category", "subcategory").distinct().order_by("category", "subcategory")):
        found.setdefault(code, {}).setdefault(name.casefold(), name)
    return [(code, sorted(found[code].values(), key=str.casefold)) for code in Category.values if code in found]


def _date(query: Mapping[str, str], name: str, errors: dict[str, str]) -> datetime.date | None:
    value = query.get(name, "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors[name] = f"{value!r} is not a date: use the form 2021-03-31"
        return None


# The answer -----------------------------------------------------------------------------


@dataclass
class Hit:
    statement: Statement
    summary: SafeString
    passage: SafeString | None = None  # a marked passage of the body, when the body matched


@dataclass
class Results:
    params: SearchParams
    hits: list[Hit]
    total: int  # matching statements, up to RESULT_LIMIT when `more`
    more: bool = False  # more match than are listed
    notices: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / PER_PAGE))

    @property
    def page(self) -> int:
        return min(self.params.page, self.pages)

    @property
    def first(self) -> int:
        return (self.page - 1) * PER_PAGE + 1 if self.hits else 0

    @property
    def last(self) -> int:
        return self.first + len(self.hits) - 1 if self.hits else 0


def search(params: SearchParams, today: datetime.date | None = None) -> Results:
    """The page of results `params` asks for."""
    notices = _notices(params)
    base = Statement.objects.public(today).filter(params.filters())
    terms = [term for term in params.terms if not term.negated]
    if not terms:
        total = base.count()
        page = min(params.page, max(1, math.ceil(total / PER_PAGE)))
        ids = list(base.order_by("-decided", "-id").values_list("id", flat=True)
                   [(page - 1) * PER_PAGE: page * PER_PAGE])
        statements = Statement.objects.select_related("authority").in_bulk(ids)
        hits = [Hit(statements[pk], escape(statements[pk].summary)) for pk in ids]
        return Results(replace(params, page=page), hits, total, notices=notices)
    ranked = ranked_matches(params, base, today)
    more = len(ranked) > RESULT_LIMIT
    ranked = ranked[:RESULT_LIMIT]
    page = min(params.page, max(1, math.ceil(len(ranked) / PER_PAGE)))
    ids = ranked[(page - 1) * PER_PAGE: page * PER_PAGE]
    return Results(replace(params, page=page), _hits(ids, params.terms), len(ranked), more, notices)


def ranked_matches(params: SearchParams, base=None, today: datetime.date | None = None) -> list[int]:
    """Ids of the newest RESULT_LIMIT + 1 matching statements, in the order asked for."""
    base = base if base is not None else Statement.objects.public(today).filter(params.filters())
    scored = (_sqlite_matches(params, today) if connection.vendor == "sqlite" else _postgres_matches(params, base))
    if params.effective_order == "relevance":
        scored.sort(key=lambda row: (-row[1], -row[0]))
    else:
        scored.sort(key=lambda row: -row[0])
    return [pk for pk, _ in scored]


def matching_statements(params: SearchParams) -> Iterator[Statement]:
    """Every result of a search in its order, for the CSV: all matches of a
    search without words, the listed thousand of one with words."""
    base = Statement.objects.public().filter(params.filters()).select_related("authority")
    if not any(not term.negated for term in params.terms):
        yield from base.order_by("-decided", "-id").iterator(chunk_size=2000)
        return
    ids = ranked_matches(params, base)[:RESULT_LIMIT]
    statements = base.in_bulk(ids)
    yield from (statements[pk] for pk in ids)


def _notices(params: SearchParams) -> list[str]:
    notices = []
    words = _WORD.findall(params.text.lower())
    terms = params.terms
    if words and not terms:
        notices.append("The words searched for are too common to search for; showing all decisions.")
    elif terms and not any(not term.negated for term in terms):
        notices.append("A search needs at least one word to find, not only words to leave out.")
    until = outcomes_public_until()
    if params.reveals_outcomes and (until is None or until < latest_publishable_decision()):
        notices.append(
            "A search by outcome, remedy or service improvement covers decisions up to "
            f"{until:%-d %B %Y}, the end of the newest year whose figures are published."
            if until else "A search by outcome, remedy or service improvement covers released years only, "
            "and no year's figures are published yet.")
    return notices


# SQLite ----------------------------------------------------------------------------------


def fts5_expression(terms: list[Term], facets: list[str] = ()) -> str:
    """An FTS5 MATCH expression: the terms in the summary and body, every one
    quoted so that nothing in it is syntax (words hold only letters and
    digits, so a quote cannot end a string early), and the filters as words of
    `search_facets`."""
    positive = " AND ".join(f'"{term.text}"' for term in terms if not term.negated)
    negative = "".join(f' NOT "{term.text}"' for term in terms if term.negated)
    expression = f"{{summary body subcategory}} : (({positive}){negative})"
    if facets:
        expression += " AND search_facets : (" + " AND ".join(f'"{facet}"' for facet in facets) + ")"
    return expression


def sqlite_facets(params: SearchParams) -> list[str]:
    """The filters as the words `publication_rules.search_facets` writes."""
    values = {"public": 1, "council": params.council.id if params.council else None, "category": params.category,
              "outcome": params.outcome, "remedy": REMEDIES.get(params.remedy), "improvement": 1 if params.improvement
              else None}
    facets = [f"{name}{value}".replace("_", "") for name, value in values.items() if value]
    return facets + ([subcategory_facet(params.subcategory)] if params.subcategory else [])


def _sqlite_matches(params: SearchParams, today: datetime.date | None) -> list[tuple[int, float]]:
    """One FTS5 query: the words, the filters as facet words, the date
    filters as the range of ids between their first and last days, read
    newest first (ids are in date order) and stopped at 1,001 matches; bm25
    is computed only for those. FTS5 intersects the words' and the facets'
    lists in its own index, so a common word with a filter that leaves almost
    nothing costs a walk along two lists, not a lookup of every match."""
    latest = params.latest_decision(today)
    first_id = params.date_from.toordinal() << DAY_SHIFT if params.date_from else 0
    last_id = ((latest.toordinal() + 1) << DAY_SHIFT) - 1
    # bm25 is lower for a better match: negated, so that higher is better on both databases.
    # The summary and the subcategory weigh 2.5 times the body, as ts_rank's weights A and B (1.0 and 0.4);
    # facets nothing.
    # Newest first needs no score at all.
    score = "-bm25(decisions_statement_fts, 2.5, 1.0, 0.0, 2.5)" if params.effective_order == "relevance" else "0"
    sql = (f"SELECT rowid, {score} FROM decisions_statement_fts "  # noqa: S608  (one of two literals)
           "WHERE decisions_statement_fts MATCH %s AND rowid BETWEEN %s AND %s ORDER BY rowid DESC LIMIT %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [fts5_expression(params.terms, sqlite_facets(params)), first_id, last_id,
                             RESULT_LIMIT + 1])
        return cursor.fetchall()


def _sqlite_passages(ids: list[int], terms: list[Term]) -> dict[int, tuple[str, str]]:
    """The summary with every match marked, and the body's best passage (START and STOP are char(2), char(3))."""
    sql = ("SELECT rowid, highlight(decisions_statement_fts, 0, char(2), char(3)), "
           "snippet(decisions_statement_fts, 1, char(2), char(3), '…', 40) FROM decisions_statement_fts "
           "WHERE decisions_statement_fts MATCH %s AND rowid IN (SELECT value FROM json_each(%s))")
    with connection.cursor() as cursor:
        cursor.execute(sql, [fts5_expression(terms), json.dumps(ids)])
        return {pk: (summary, passage) for pk, summary, passage in cursor.fetchall()}


# PostgreSQL -----------------------------------------------------------------------------


def postgres_query(terms: list[Term]) -> SearchQuery:
    query = None
    for term in terms:
        part = SearchQuery(term.text, config=POSTGRES_CONFIG,
                           search_type="phrase" if len(term.words) > 1 else "plain")
        part = ~part if term.negated else part
        query = part if query is None else query & part
    return query


_VECTOR = RawSQL('"decisions_statement"."search_vector"', [], output_field=SearchVectorField())


def _postgres_matches(params: SearchParams, base) -> list[tuple[int, float]]:
    """Two ways to the newest matches, chosen by how many statements the
    planner expects to match (its statistics on the tsvector column):

    - a common word: read the statements newest first and test each, so the
      scan stops after about a thousand (the match written as `IS TRUE`, which
      the GIN index cannot serve, keeps the planner on that path);
    - anything rarer: collect the matches from the GIN index and sort their
      ids (`id + 0`, which no index is ordered by, keeps the planner there),
      then score only the newest thousand: testing statements one by one
      would decompress each one's tsvector, ten times as many of them.
    """
    query = postgres_query(params.terms)
    compiler = base.query.get_compiler(connection=connection)
    query_sql, query_params = compiler.compile(query.resolve_expression(base.query))
    where_sql, where_params = compiler.compile(base.order_by().query.where)
    rank = f'ts_rank("decisions_statement"."search_vector", {query_sql})'
    match = f'"decisions_statement"."search_vector" @@ {query_sql}'
    with connection.cursor() as cursor:
        if _expected_share(cursor, match, query_params) >= COMMON_SHARE:
            cursor.execute(f'SELECT "decisions_statement"."id", {rank} FROM "decisions_statement" '  # noqa: S608
                           f"WHERE {where_sql} AND ({match}) IS TRUE "
                           f'ORDER BY "decisions_statement"."id" DESC LIMIT %s',
                           [*query_params, *where_params, *query_params, RESULT_LIMIT + 1])
            return cursor.fetchall()
        cursor.execute(f'SELECT "decisions_statement"."id" FROM "decisions_statement" '  # noqa: S608
                       f'WHERE {where_sql} AND {match} ORDER BY "decisions_statement"."id" + 0 DESC LIMIT %s',
                       [*where_params, *query_params, RESULT_LIMIT + 1])
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT "decisions_statement"."id", {rank} FROM "decisions_statement" '  # noqa: S608
                       f'WHERE "decisions_statement"."id" = ANY(%s)', [*query_params, ids])
        return cursor.fetchall()


def _expected_share(cursor, match: str, params: list) -> float:
    """The share of statements the planner expects `match` to hold for."""
    cursor.execute(f'EXPLAIN (FORMAT JSON) SELECT 1 FROM "decisions_statement" WHERE {match}', params)  # noqa: S608
    plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'decisions_statement'")
    statements = cursor.fetchone()[0]
    return plan[0]["Plan"]["Plan Rows"] / statements if statements and statements > 0 else 1.0


def _postgres_passages(ids: list[int], terms: list[Term]) -> dict[int, tuple[str, str]]:
    query = postgres_query(terms)
    marks = {"start_sel": START, "stop_sel": STOP, "config": POSTGRES_CONFIG}
    rows = (Statement.objects.filter(id__in=ids)
            .annotate(marked_summary=SearchHeadline("summary", query, highlight_all=True, **marks),
                      passage=SearchHeadline("body", query, max_words=40, min_words=20, max_fragments=1, **marks))
            .values_list("id", "marked_summary", "passage"))
    return {pk: (summary, passage) for pk, summary, passage in rows}


# Both -------------------------------------------------------------------------------------


def _hits(ids: list[int], terms: list[Term]) -> list[Hit]:
    if not ids:
        return []
    statements = Statement.objects.select_related("authority").in_bulk(ids)
    passages = (_sqlite_passages if connection.vendor == "sqlite" else _postgres_passages)(ids, terms)
    hits = []
    for pk in ids:
        summary, passage = passages.get(pk, (statements[pk].summary, ""))
        hits.append(Hit(statements[pk], marked_html(summary),
                        marked_html(passage.replace("\n", " ")) if START in passage else None))
    return hits


def marked_html(text: str) -> SafeString:
    """Text with START…STOP around matched words as HTML: every part escaped,
    then the marks made <mark> elements. Statement text cannot hold the
    mark characters (control characters are refused), and even if it did,
    nothing of it would reach the page unescaped."""
    chunks = text.split(START)
    parts = [escape(chunks[0].replace(STOP, ""))]
    for chunk in chunks[1:]:
        hit, _, rest = chunk.partition(STOP)
        parts.append(f"<mark>{escape(hit)}</mark>{escape(rest.replace(STOP, ''))}")
    return mark_safe("".join(parts))  # noqa: S308  every part above is escaped
