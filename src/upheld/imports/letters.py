"""Published annual review letters of 2014-15 to 2017-18, read back into figures.

Before case-level records, a council's history is what its letters printed.
This reads such a letter (a PDF, through poppler's `pdftotext -layout`, or the
text extracted from one) and gives its council, its year and every figure of
its "Local Authority Report" tables, checked against each other: the tables'
totals must add up and the printed uphold rate must be the one `upheld.stats`
computes from the printed counts.

Text extracted from these PDFs is untidy: table headings come out clipped or
glued to their neighbours ("ult Care ervices", "Satisfactorily by by LGO"),
page footers fall between paragraphs and long rows may wrap. So the tables
are found by the shape of their figures, not by their headings: after the
report heading, the rows made of nothing but figures are read in order as
the received row (nine categories and Total), the decisions row (six outcomes,
the uphold rate, Total) and, from 2015-16, the remedied row (by the
Ombudsman, satisfactorily by the authority). The columns are in the fixed
order of the letter format, which is also the order of the category and
outcome vocabularies.

The council is the one the report heading names ("Local Authority Report:
Sefton Metropolitan Borough Council"), found by name in the councils register;
the addressee lines are not used, as they may also hold a person's name.
Problems come as `FILE:LINE: table: message`, like those of the other imports.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from upheld.audit.models import Action
from upheld.audit.record import record
from upheld.authorities.models import Authority
from upheld.casework.vocabulary import Category, Outcome, Remedy
from upheld.imports.problems import FILE, BadFile, CannotImport, Problem
from upheld.letters.reports import FIRST_REMEDIED_YEAR, LAST_TABLES_YEAR
from upheld.releases.freezing import version_statistics
from upheld.releases.models import FiguresVersion, LetterHistory
from upheld.stats.annual import CouncilYear, Figures, assemble, council_year
from upheld.stats.code_returns import council_records
from upheld.stats.counts import Counts, year_records
from upheld.stats.measures import NOT_APPLICABLE, Rate
from upheld.years import ReportingYear

FIRST_LETTER_YEAR = 2014  # 2014-15: the first year of the tables format this reads
RECEIVED, DECISIONS, REMEDIED = "received", "decisions made", "remedied"
MAX_BYTES = 20 * 1024 * 1024  # a letter is a few pages; anything far larger is not one
PDF_SECONDS = 60

# The keys of `upheld stats --json` that a letter of this format does not print, and that cannot be
# derived from what it prints: `letter_json` keeps them with every value null. Letters before 2015-16 had no
# remedied table, so theirs lack NOT_BEFORE_REMEDIED too.
NOT_IN_LETTER = ("compliance", "upheld_per_100k", "population", "similar_authorities", "code")
NOT_BEFORE_REMEDIED = ("remedied", "satisfactory_remedy_rate")

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
_FIGURE = re.compile(rf"(?:{_NUMBER})|(?P<rate>\d{{1,3}}%|-|n/a)", re.IGNORECASE)
_PAGE_FOOTER = re.compile(r"^(?:page\s+)?\d+(?:\s*(?:of|/)\s*\d+)?$|^-\s*\d+\s*-$", re.IGNORECASE)
_REPORT = re.compile(
    r"Local\s+Authority\s+Report\s*:\s*(?P<name>\S.{0,150}?)\s*For\s+the\s+Period\s+Ending\s*:?\s*"
    r"(?P<date>\d{1,2}/\d{1,2}/\d{4})", re.IGNORECASE | re.DOTALL)
_YEAR_ENDED = re.compile(r"year\s+end(?:ed|ing)\s+31(?:st)?\s+March\s+(?P<year>\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class LetterFigures:
    """What a letter printed: counts by the stored codes of the vocabularies, the rate as printed."""

    council_name: str
    year: ReportingYear
    received: dict[str, int]  # category → complaints and enquiries received
    received_total: int
    decisions: dict[str, int]  # outcome → decisions made
    decisions_total: int
    uphold_rate: str  # as printed: "57%", or "-" where there were no detailed investigations
    remedied: dict[str, int] | None  # remedy → upheld decisions; None before 2015-16 (no such table)

    @property
    def uphold(self) -> Rate:
        """The uphold rate of the printed counts, by the one definition (`upheld.stats`)."""
        return Figures(self.counts()).uphold_rate

    def counts(self) -> Counts:
        return Counts(received=Counter(self.received), decisions=Counter(self.decisions),
                      upheld_remedies=Counter(self.remedied or {}))


@dataclass(frozen=True)
class PublishedLetter:
    """A checked letter: its figures, the council they are about, and the file they came from."""

    figures: LetterFigures
    authority: Authority
    source_name: str
    sha256: str

    @property
    def year(self) -> ReportingYear:
        return self.figures.year

    def council_year(self) -> CouncilYear:
        return council_year(self.authority, self.year, self.figures.counts(), None, None)


# Reading ------------------------------------------------------------------------------------------------------

def read_letter(path: str | Path) -> PublishedLetter:
    """Read, check and resolve the letter in `path` (PDF or text). BadFile lists what is wrong with it;
    CannotImport says why it cannot be read at all."""
    data = _read_bytes(path)
    figures = parse_letter(_text_of(path, data))
    try:
        authority = resolve_council(figures)
    except LookupError as error:
        raise CannotImport(f"{path}: {error}") from None
    return PublishedLetter(figures, authority, Path(path).name, hashlib.sha256(data).hexdigest())


def _read_bytes(path: str | Path) -> bytes:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CannotImport(f"{path}: larger than {MAX_BYTES // 1024 // 1024} MB; not an annual review letter")
        return path.read_bytes()
    except FileNotFoundError:
        raise CannotImport(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CannotImport(f"{path}: is a folder, not a letter") from None
    except OSError as error:
        raise CannotImport(f"{path}: cannot read it: {error.strerror or error}") from None


def _text_of(path: str | Path, data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return pdf_text(path)
    if b"\x00" in data:
        raise BadFile([Problem(1, FILE, "neither a PDF nor text: give the letter's PDF or the text extracted from it")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise BadFile([Problem(line, FILE, "the text is not UTF-8: extract it again as UTF-8 "
                                           "(pdftotext does by default)")]) from None


def pdf_text(path: str | Path) -> str:
    """The PDF's text laid out as on the page, by poppler's pdftotext (installed by `make dev`)."""
    if shutil.which("pdftotext") is None:
        raise CannotImport(f"{path}: reading a PDF needs pdftotext from poppler-utils, which is not installed: "
                           "run `make dev` (or `apt-get install poppler-utils`), or give the text of the letter")
    try:
        done = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],  # noqa: S603, S607
                              capture_output=True, timeout=PDF_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise BadFile([Problem(1, FILE, f"pdftotext took more than {PDF_SECONDS} s to read the PDF: "
                                        "it is not an annual review letter")]) from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BadFile([Problem(1, FILE, f"cannot read the PDF: {reason[-1] if reason else 'pdftotext failed'}")])
    return done.stdout.decode("utf-8", "replace")


def content_lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) of the lines that are not page furniture, with whitespace collapsed.

    A page footer is a line "Page 2 of 3" anywhere, or a bare page number as the last or first line of
    a page (pdftotext ends each page with a form feed)."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[tuple[int, str, bool]] = []  # number, text, whether a page break falls before it
    for number, line in enumerate(raw, start=1):
        pieces = line.split("\f")
        for index, piece in enumerate(pieces):
            if index == len(pieces) - 1 or piece.strip():
                lines.append((number, " ".join(piece.split()), index > 0))
    kept = []
    for position, (number, line, after_break) in enumerate(lines):
        if _PAGE_FOOTER.match(line) and (line[:1].isalpha() or after_break or _before_break(lines, position)):
            continue
        if line:
            kept.append((number, line))
    return kept


def _before_break(lines: list[tuple[int, str, bool]], position: int) -> bool:
    """Whether only blank lines lie between this line and the next page break (or the end of the text)."""
    for _, line, after_break in lines[position + 1:]:
        if after_break:
            return True
        if line:
            return False
    return True


def parse_letter(text: str) -> LetterFigures:
    """The figures of the letter's tables; BadFile with every problem found (nothing is half-read)."""
    lines = content_lines(text)
    joined, starts = _joined(lines)
    heading = _REPORT.search(joined)
    if heading is None:
        raise BadFile([Problem(1, FILE, "no 'Local Authority Report: … For the Period Ending: …' heading: is this "
                                        "an annual review letter of 2014-15 to 2017-18, or the text of one?")])
    heading_line = _line_at(lines, starts, heading.start())
    year = _year(heading["date"], heading_line, joined[:heading.start()], lines, starts)
    name = " ".join(heading["name"].split())
    rows = _rows(lines[_index_after(starts, heading.end()):], year)
    figures = LetterFigures(
        council_name=name, year=year,
        received=dict(zip(Category.values, rows[RECEIVED][1][:9], strict=True)), received_total=rows[RECEIVED][1][9],
        decisions=dict(zip(Outcome.values, rows[DECISIONS][1][:6], strict=True)), decisions_total=rows[DECISIONS][1][7],
        uphold_rate=rows[DECISIONS][1][6],
        remedied=(dict(zip((Remedy.BY_OMBUDSMAN, Remedy.SATISFACTORY_BY_AUTHORITY), rows[REMEDIED][1], strict=True))
                  if REMEDIED in rows else None),
    )
    problems = check(figures, {table: line for table, (line, _) in rows.items()})
    if problems:
        raise BadFile(problems)
    return figures


def _joined(lines: list[tuple[int, str]]) -> tuple[str, list[int]]:
    """The lines joined by spaces (headings may be split over lines or glued to the next), and where each starts."""
    starts, position = [], 0
    for _, line in lines:
        starts.append(position)
        position += len(line) + 1
    return " ".join(line for _, line in lines), starts


def _index_after(starts: list[int], offset: int) -> int:
    """The index of the first line that starts at or after `offset` of the joined text."""
    return next((index for index, start in enumerate(starts) if start >= offset), len(starts))


def _line_at(lines: list[tuple[int, str]], starts: list[int], offset: int) -> int:
    return lines[max(0, _index_after(starts, offset + 1) - 1)][0] if lines else 1


def _year(date: str, line: int, before: str, lines, starts) -> ReportingYear:
    """The reporting year that the period ending `date` (31/03/2018) closes, checked against the letter's
    own words ("the year ended 31 March 2018") where it has them."""
    day, month, year = (int(part) for part in date.split("/"))
    try:
        ending = datetime.date(year, month, day)
    except ValueError:
        raise BadFile([Problem(line, FILE, f"the period ending {date} is not a date")]) from None
    if (ending.month, ending.day) != (3, 31):
        raise BadFile([Problem(line, FILE, f"the period ends on {date}, not on 31 March: a reporting year runs "
                                           "from 1 April to 31 March")])
    reporting = ReportingYear(ending.year - 1)
    if not FIRST_LETTER_YEAR <= reporting.start_year <= LAST_TABLES_YEAR:
        raise BadFile([Problem(line, FILE, f"this is a letter for {reporting.label}: only the tables of the "
                                           f"{ReportingYear(FIRST_LETTER_YEAR).label} to "
                                           f"{ReportingYear(LAST_TABLES_YEAR).label} letters can be read")])
    for stated in _YEAR_ENDED.finditer(before):
        if int(stated["year"]) != ending.year:
            raise BadFile([Problem(_line_at(lines, starts, stated.start()), FILE,
                                   f"the letter speaks of the year ended 31 March {stated['year']}, but its report "
                                   f"is for the period ending {date}")])
    return reporting


def _figures_of(line: str) -> list[re.Match] | None:
    """The figures of a line made of nothing but figures ("57 %" read as "57%"), else None."""
    tokens = re.sub(r"(\d)\s+%", r"\1%", line).split()
    matches = [_FIGURE.fullmatch(token) for token in tokens]
    return matches if tokens and all(matches) else None


def _rows(lines: list[tuple[int, str]], year: ReportingYear) -> dict[str, tuple[int, list]]:
    """The tables' rows: {table: (line number, values)}, integers but for the decisions row's rate (as printed).

    A row is a run of figures-only lines (a long row may wrap; blank lines and page furniture are already
    gone), and the runs after the report heading are the tables' rows in their order."""
    runs: list[tuple[int, list[re.Match]]] = []
    in_run = False
    for number, line in lines:
        figures = _figures_of(line)
        if figures and in_run:
            runs[-1][1].extend(figures)
        elif figures:
            runs.append((number, figures))
        in_run = bool(figures)
    wanted = [(RECEIVED, 10, "nine categories and Total"),
              (DECISIONS, 8, "six outcomes, the uphold rate and Total")]
    if year.start_year >= FIRST_REMEDIED_YEAR:
        wanted.append((REMEDIED, 2, "remedied by the Ombudsman and satisfactorily by the authority"))
    rows = {}
    for (table, size, what), (line, run) in zip(wanted, runs + [(0, [])] * len(wanted), strict=False):
        rate_at = 6 if table == DECISIONS else None
        if [bool(match["rate"]) for match in run] != [index == rate_at for index in range(size)]:
            found = f"a row of {len(run)}: {' '.join(match[0] for match in run)}" if run else "no more rows"
            raise BadFile([Problem(line or (lines[-1][0] if lines else 1), table,
                                   f"expected a row of {size} figures ({what}) in the report; found {found}")])
        rows[table] = (line, [match[0] if match["rate"] else int(match[0].replace(",", "")) for match in run])
    return rows


def check(figures: LetterFigures, lines: dict[str, int]) -> list[Problem]:
    """Whatever in the tables disagrees: totals that do not add up, a printed uphold rate that is not the
    rate of the printed counts, more complaints remedied than upheld."""
    problems = []
    if (added := sum(figures.received.values())) != figures.received_total:
        problems.append(Problem(lines[RECEIVED], RECEIVED, f"Total is {figures.received_total} but the nine "
                                                           f"categories add up to {added}"))
    if (added := sum(figures.decisions.values())) != figures.decisions_total:
        problems.append(Problem(lines[DECISIONS], DECISIONS, f"Total is {figures.decisions_total} but the six "
                                                             f"outcomes add up to {added}"))
    printed = NOT_APPLICABLE if figures.uphold_rate.casefold() == "n/a" else figures.uphold_rate
    if printed != (computed := figures.uphold.display()):
        problems.append(Problem(lines[DECISIONS], DECISIONS,
                                f"the uphold rate is printed as {figures.uphold_rate} but {figures.uphold.numerator} "
                                f"upheld of {figures.uphold.denominator} detailed investigations is {computed}"))
    if figures.remedied is not None:
        upheld, remedied = figures.uphold.numerator, sum(figures.remedied.values())
        if remedied > upheld:
            problems.append(Problem(lines[REMEDIED], REMEDIED, f"{remedied} complaints remedied, but only {upheld} "
                                                               "upheld: a remedy counts upheld decisions only"))
    return problems


# The council ---------------------------------------------------------------------------------------------------

def _key(name: str) -> str:
    """A name for matching: case, spacing, "&" for "and" and punctuation do not matter."""
    return " ".join(re.sub(r"[^\w\s]", " ", name.casefold().replace("&", " and ")).split())


def resolve_council(figures: LetterFigures) -> Authority:
    """The council of the year whose official or short name (in the register) the report heading gives;
    LookupError, saying why, where no council or several have that name."""
    wanted = _key(figures.council_name)
    year = figures.year
    named = [a for a in Authority.objects.existing_between(year.first_day, year.last_day)
             if wanted in (_key(a.name), _key(a.short_name))]
    if len(named) == 1:
        return named[0]
    if not named:
        raise LookupError(f"no council of {year.label} in the register is named {figures.council_name!r} "
                          "(the name in the report heading); has `upheld setup` loaded the register?")
    codes = ", ".join(f"{a.name} ({a.gss})" for a in named)
    raise LookupError(f"several councils of {year.label} are named {figures.council_name!r}: {codes}")


# Output --------------------------------------------------------------------------------------------------------

def letter_json(letter: PublishedLetter) -> dict:
    """The letter's figures in the shape of `upheld stats --json` for one council, computed by the same code
    (`council_records`), so every rate derived from the printed counts is the one `upheld stats` would give;
    what the letter does not carry (NOT_IN_LETTER, NOT_BEFORE_REMEDIED) is null."""
    council = letter.council_year()
    [shown] = council_records(assemble(letter.year, [council]), [council])
    missing = NOT_IN_LETTER if letter.figures.remedied is not None else (*NOT_IN_LETTER, *NOT_BEFORE_REMEDIED)
    for key in missing:
        shown[key] = _nulled(shown[key])
    return shown


def _nulled(value):
    """The same shape with every value null: a key the letter does not carry keeps its place."""
    return {key: _nulled(inner) for key, inner in value.items()} if isinstance(value, dict) else None


def summary(letter: PublishedLetter) -> str:
    """A few lines for a person at a terminal: what the letter says, and that it adds up."""
    figures, shown = letter.figures, letter_json(letter)
    lines = [f"{letter.source_name}: the {letter.year.label} annual review letter for {letter.authority.name} "
             f"({letter.authority.gss}); its totals and uphold rate check out."]
    for table in ("received", "decisions"):
        lines.append(f"  {table}: " + ", ".join(f"{name} {value}" for name, value in shown[table].items()))
    lines.append(f"  uphold rate {figures.uphold.display()} of {figures.uphold.denominator} detailed investigations")
    if figures.remedied is None:
        lines.append("  remedied: not in letters before 2015-16")
    else:
        remedied = shown["remedied"]
        lines.append(f"  remedied by the Ombudsman {remedied['by ombudsman']}, satisfactorily by the authority "
                     f"{remedied['satisfactory by authority']}")
    return "\n".join(lines)


# Saving as history ---------------------------------------------------------------------------------------------

class RefusedHistory(Exception):
    """The council's year already has better figures than a letter: case-level records or published ones."""


def stored_figures(figures: LetterFigures) -> dict:
    """The counts as kept in `LetterHistory.figures`: by stored code, as a frozen version keeps them."""
    return {"received": figures.received, "decisions": figures.decisions, "upheld_remedies": figures.remedied}


@transaction.atomic
def save_history(letter: PublishedLetter) -> LetterHistory:
    """Keep the letter's figures as the council's published history for the year (replacing an earlier
    import of that year), audited; refused where the year has case-level records or published figures."""
    authority, year = letter.authority, letter.year
    if any(records.exists() for records in year_records(year, [authority.id])):
        raise RefusedHistory(f"{authority.name} has case-level records in {year.label}: its figures for that year "
                             "come from them, so the letter was not saved")
    version = FiguresVersion.objects.filter(release__year=year.start_year).order_by("-version").first()
    if version is not None and authority.gss in version_statistics(version).by_gss:
        raise RefusedHistory(f"{year.label} has published figures for {authority.name}: they are its figures for "
                             "that year, so the letter was not saved")
    existing = LetterHistory.objects.select_for_update().filter(authority=authority, year=year.start_year).first()
    before = {"source_name": existing.source_name, "sha256": existing.sha256} if existing else None
    history, _ = LetterHistory.objects.update_or_create(
        authority=authority, year=year.start_year,
        defaults={"figures": stored_figures(letter.figures), "source_name": letter.source_name[:255],
                  "sha256": letter.sha256, "imported_at": timezone.now()})
    record(Action.IMPORT, history, before=before,
           after={"year": year.label, "source_name": history.source_name, "sha256": history.sha256})
    return history
