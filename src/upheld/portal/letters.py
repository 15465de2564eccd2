"""A council's own annual review letters and case spreadsheets, from the moment a year's release is scheduled.

Scheduling a release freezes the year's figures and issues its letters (`upheld.letters.issue`): the
council reads under embargo exactly the letter the public will see at the release time. Before a release
is scheduled there is no letter (404), as the figures could still change.

The letter is built by the letters app (`letters.batch.letters_for`, the code `upheld letters` runs) and
the spreadsheets by `letters.spreadsheets`; this module only decides which year a council may see and
records who saw it. Every view of a letter and every spreadsheet download is in the audit trail, before
the release (what the embargo is about: who had the figures early) and after it (the same rule throughout
is easier to explain and to check than one that changes at 09:30 on release day).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.http import Http404

from upheld.audit.models import Action
from upheld.audit.record import record
from upheld.authorities.models import Authority
from upheld.letters.batch import letters_for
from upheld.letters.content import Letter
from upheld.letters.issue import latest_issue
from upheld.letters.spreadsheets import SHEETS, CaseRows, fetch_case_rows, spreadsheet_bytes, title
from upheld.releases.freezing import version_statistics
from upheld.releases.models import Release
from upheld.years import ReportingYear

LETTER_TYPE = "letters.letter"  # audit object types: a letter and a spreadsheet are documents, not models
SPREADSHEET_TYPE = "letters.casespreadsheet"


@dataclass(frozen=True)
class LetterYear:
    """A year whose letter a council may read: its release is scheduled and the council is in its figures."""

    year: ReportingYear
    release: Release

    @property
    def embargoed(self) -> bool:
        return not self.release.is_released()

    @property
    def release_at(self) -> datetime.datetime:
        return self.release.scheduled_for

    @property
    def label(self) -> str:
        return self.year.label


def letter_years(council: Authority) -> list[LetterYear]:
    """The council's letters, newest first: every scheduled year whose letters were issued to the council."""
    return [LetterYear(release.reporting_year, release) for release in Release.objects.order_by("-year")
            if _issued_to(council, release.reporting_year)]


def _issued_to(council: Authority, year: ReportingYear) -> bool:
    try:
        issue = latest_issue(year)
    except LookupError:  # frozen without letters
        return False
    return issue is not None and council.gss in version_statistics(issue.figures_version).by_gss


def letter_year(council: Authority, label: str) -> LetterYear:
    """The year written `label`, if the council may read its letter; else 404 (not scheduled, or not its year)."""
    try:
        year = ReportingYear.parse(label)
    except ValueError:
        raise Http404("not a reporting year") from None
    release = Release.objects.filter(year=year.start_year).first()
    if release is None or not _issued_to(council, year):
        raise Http404("no letter for that year yet")
    return LetterYear(year, release)


def council_letter(council: Authority, shown: LetterYear) -> Letter:
    try:
        (letter, _), = letters_for(shown.year, council.gss)
    except LookupError:  # no letter text for the year
        raise Http404("no letter was written for that year") from None
    return letter


def _state(shown: LetterYear) -> str:
    return "embargoed" if shown.embargoed else "published"


def record_letter_view(request, council: Authority, shown: LetterYear, shown_as: str) -> None:
    """Who read the council's letter for the year, in which format, and whether it was still under embargo."""
    record(Action.VIEW, request=request, object_type=LETTER_TYPE, object_id=f"{council.gss} {shown.label}",
           object_repr=f"{council.short_name} {shown.label} letter ({_state(shown)})", authority_id=council.id,
           after={"format": shown_as, "embargoed": shown.embargoed, "release": shown.release_at.isoformat()})


def spreadsheet(request, council: Authority, shown: LetterYear, kind: str) -> tuple[bytes, str]:
    """One of the letter's case spreadsheets as XLSX bytes and its file name, the download audited; 404 for
    a kind that is not one of the three."""
    if kind not in SHEETS:
        raise Http404("no such spreadsheet")
    rows = fetch_case_rows(shown.year, [council.id]).get(council.id, CaseRows())
    letter = council_letter(council, shown)
    content = spreadsheet_bytes(kind, rows, letter.date, letter.demonstration)
    name = f"{council.gss}-{council.slug}-{shown.label}-{SHEETS[kind][0]}.xlsx"
    record(Action.EXPORT, request=request, object_type=SPREADSHEET_TYPE,
           object_id=f"{council.gss} {shown.label} {kind}", authority_id=council.id,
           object_repr=f"{council.short_name} {shown.label} {title(kind).lower()} ({_state(shown)})",
           after={"rows": len(getattr(rows, kind)), "embargoed": shown.embargoed})
    return content, name
