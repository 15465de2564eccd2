"""Import of councils' Complaint Handling Code self-assessment returns (`upheld import code-returns FILE`).

A row is one council's return for one reporting year: its own complaint figures, the link to its annual
complaints report, and one column per provision of the Code (named by the provision's number, `6.1`) with the
council's answer: `follows`, `partly` or `does not follow`, an answer other than `follows` followed by a colon
and the explanation (`partly: an extension is not always explained`). Every provision of the edition that
applies to the year's returns must be answered; a provision of another edition must be left empty.

Each row becomes a new submitted version of the council's return for the year (version 1 of a new return, or
the next version of one already made), as if the link officer had submitted it: imported returns are never
accepted here, so none is public until a publisher accepts it (`upheld.code.admin`). A return the council is
drafting in the portal is a problem: which of the two comes first is for the council to say.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils import timezone

from upheld.casework import rules
from upheld.code.editions import Edition
from upheld.code.returns import (
    FIGURES,
    Answer,
    ProvisionAnswer,
    SelfAssessment,
    Source,
    Status,
    Version,
    answer_problems,
    figures_problems,
    return_years,
)
from upheld.imports.engine import Importer
from upheld.imports.values import REQUIRED, Parser, reporting_year
from upheld.years import ReportingYear

MOST_COMPLAINTS = 1_000_000  # in a year at one stage; more is a typing slip
_WHOLE_NUMBER = re.compile(r"[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+")
_ANSWERS = {name.casefold(): value for value, label in Answer.choices for name in (value, label)}
FIGURE_NAMES = tuple(name for name, _ in FIGURES)


def complaints(value: str) -> int:
    """A number of complaints: digits, optionally with thousands separators; 0 allowed."""
    if not value:
        raise ValueError(REQUIRED)
    if not _WHOLE_NUMBER.fullmatch(value):
        raise ValueError(f"{value!r} is not a whole number")
    number = int(value.replace(",", ""))
    if number > MOST_COMPLAINTS:
        raise ValueError(f"{number:,} is more than {MOST_COMPLAINTS:,} complaints")
    return number


def url(value: str) -> str:
    """A web address (http or https), or nothing."""
    if value and not re.fullmatch(r"https?://[^\s/$.?#][^\s]*", value):
        raise ValueError(f"{value!r} is not a web address starting http:// or https://")
    if len(value) > Version._meta.get_field("report_url").max_length:
        raise ValueError("too long for a web address")
    return value


def answer(value: str) -> tuple[str, str] | None:
    """`follows`, `partly` or `does not follow`, then optionally `: explanation`; None for an empty cell."""
    if not value:
        return None
    given, _, explanation = value.partition(":")
    found = _ANSWERS.get(" ".join(given.split()).casefold())
    if found is None:
        raise ValueError(f"{given.strip()!r} is not an answer: write follows, partly or does not follow, then "
                         "optionally a colon and the explanation")
    return found, " ".join(explanation.split())


class CodeReturnImport(Importer):
    kind = "code-returns"
    noun = ("return", "returns")
    model = Version
    fields = ("assessment", "number", *FIGURE_NAMES, "report_url", "source", "submitted_at")
    key_columns = ("authority", "year")

    def __init__(self) -> None:
        super().__init__()
        self.editions = list(Edition.objects.prefetch_related("provisions"))
        self.numbers = sorted({p.number for edition in self.editions for p in edition.provisions.all()},
                              key=lambda number: tuple(int(part) for part in number.split(".")))
        self.years = set(return_years(self.today))
        self.optional_columns = ("report_url", *self.numbers)
        self.answers: dict[tuple[int, int], list[ProvisionAnswer]] = {}  # (assessment, number) → answers

    def parsers(self) -> dict[str, Parser]:
        return {"authority": self.councils.parse, "year": reporting_year,
                **{name: complaints for name in FIGURE_NAMES}, "report_url": url,
                **{number: answer for number in self.numbers}}

    def edition_for(self, year: int) -> Edition | None:
        started = [edition for edition in self.editions if edition.first_return_year <= year]
        return max(started, key=lambda edition: (edition.first_return_year, edition.starts), default=None)

    def lookup(self, keys: list[tuple]) -> dict[tuple, tuple[int, int, int | None]]:
        """For each council and year with a return: (its id, its highest version number, its draft's
        number or None)."""
        wanted = {(council.id, year) for council, year in keys}
        found: dict[tuple[int, int], tuple[int, int, int | None]] = {}
        rows = (Version.objects.filter(assessment__authority_id__in={c for c, _ in wanted},
                                       assessment__year__in={y for _, y in wanted})
                .values_list("assessment__authority_id", "assessment__year", "assessment_id", "number",
                             "submitted_at"))
        for authority_id, year, assessment_id, number, submitted_at in rows:
            _, highest, draft = found.get((authority_id, year), (assessment_id, 0, None))
            found[(authority_id, year)] = (assessment_id, max(highest, number),
                                           number if submitted_at is None else draft)
        for assessment_id, authority_id, year in SelfAssessment.objects.filter(
                authority_id__in={c for c, _ in wanted}, year__in={y for _, y in wanted}).values_list(
                "id", "authority_id", "year"):
            found.setdefault((authority_id, year), (assessment_id, 0, None))
        return {key: found[(key[0].id, key[1])] for key in keys if (key[0].id, key[1]) in found}

    def check(self, record: list, found: Any) -> list[tuple[str, str]]:
        council, year = record[0], record[1]
        label = ReportingYear(year).label
        problems = []
        if year not in self.years:
            problems.append(("year", f"no returns are made for {label}: the Code's returns run from the first "
                                     "year an edition applies to, to the last year that has ended"))
        if problem := rules.authority_period_problem(council.name, council.start_date, council.end_date,
                                                     ReportingYear(year).first_day, ReportingYear(year).last_day):
            problems.append(("authority", f"{problem}, so it has no return for {label}"))
        figures = dict(zip(FIGURE_NAMES, record[2:9], strict=True))
        problems += list(figures_problems(figures).items())
        if found is not None and found[2] is not None:
            problems.append(("authority", f"the council is drafting version {found[2]} of its {label} return in "
                                          "the portal: it must submit it first"))
        edition = self.edition_for(year)
        if edition is None:  # said of the year above: the answers cannot be checked against any edition
            return problems
        applying = {p.number for p in edition.provisions.all()}
        for number, given in zip(self.numbers, record[10:], strict=True):
            if number in applying:
                if given is None:
                    problems.append((number, "not answered: write follows, partly or does not follow"))
                elif found_problems := answer_problems(*given):
                    problems.append((number, next(iter(found_problems.values()))))
            elif given is not None:
                problems.append((number, f"not a provision of the {edition.name} edition, which applies to "
                                         f"{label} returns; leave it empty"))
        return problems

    def row(self, record: list, found: Any) -> tuple:
        council, year = record[0], record[1]
        if found is None:
            assessment_id = SelfAssessment.objects.create(authority_id=council.id, year=year,
                                                          status=Status.SUBMITTED).id
            number = 1
        else:
            assessment_id, number = found[0], found[1] + 1
            SelfAssessment.objects.filter(pk=assessment_id).update(status=Status.SUBMITTED)
        provisions = {p.number: p.id for p in self.edition_for(year).provisions.all()}
        self.answers[(assessment_id, number)] = [
            ProvisionAnswer(provision_id=provisions[number_], answer=given[0], explanation=given[1])
            for number_, given in zip(self.numbers, record[10:], strict=True) if given is not None]
        now = timezone.now()
        return (assessment_id, number, *record[2:9], record[9], Source.IMPORT, now)

    def written(self, rows: list[tuple]) -> None:
        """The answers of the versions just written, now that they have ids."""
        keys = {(row[0], row[1]) for row in rows}
        versions = Version.objects.filter(assessment_id__in={a for a, _ in keys}).values_list(
            "id", "assessment_id", "number")
        made = []
        for version_id, assessment_id, number in versions:
            for answer_ in self.answers.pop((assessment_id, number), []) if (assessment_id, number) in keys else []:
                answer_.version_id = version_id
                made.append(answer_)
        ProvisionAnswer.objects.bulk_create(made)
