"""The letters as issued: frozen with each figures version, and rebuilt from what was frozen.

When a release is scheduled (`upheld.releases.freezing` signals `figures_frozen`), the year's letter text,
the training figures and every council's contacts are kept beside the figures as a `LetterIssue`. From
then on every copy of a council's letter — the one `upheld letters` writes and `letters send` delivers,
the council's view in the portal, the public page after the release — is built from that issue and the
version's figures, so all of them are the same letter byte for byte. A revision issues the letters again
with the same text and contacts, the corrected figures, and a note saying what was revised and when.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.dispatch import receiver
from django.utils import timezone

from upheld.authorities.models import Contact
from upheld.letters.code_returns import published_returns
from upheld.letters.content import Letter, build_letter
from upheld.letters.formats import long_date
from upheld.letters.models import LetterIssue, LetterText
from upheld.releases.freezing import figures_frozen, version_statistics
from upheld.releases.models import FiguresVersion
from upheld.stats.annual import CouncilYear
from upheld.stats.training import TrainingFigures
from upheld.training.figures import year_figures
from upheld.years import ReportingYear

TEXT_FIELDS = ("year", "sender", "subject", "body", "signatory_name", "signatory_title", "by_email", "list_copies")


@receiver(figures_frozen, dispatch_uid="letters-issue-with-figures")
def issue_letters(sender, version: FiguresVersion, **kwargs) -> LetterIssue | None:
    """Freeze the letters with `version`: the text, training and contacts of the version before it in a
    revision; those of today for a release (none when the year has no letter text yet)."""
    before = (LetterIssue.objects.filter(figures_version__release_id=version.release_id,
                                         figures_version__version__lt=version.version)
              .order_by("-figures_version__version").first())
    if before is not None:
        return LetterIssue.objects.create(figures_version=version, text=before.text, training=before.training,
                                          contacts=before.contacts, code_returns=before.code_returns)
    year = version.release.reporting_year
    text = LetterText.objects.filter(year=year.start_year).first()
    if text is None:
        return None
    contacts: dict[str, dict[str, str]] = defaultdict(dict)
    for authority_id, role, name in Contact.objects.values_list("authority_id", "role", "name"):
        contacts[str(authority_id)][role] = name
    training = year_figures(year)
    return LetterIssue.objects.create(
        figures_version=version,
        text={**{name: getattr(text, name) for name in TEXT_FIELDS}, "letter_date": text.letter_date.isoformat()},
        training=None if training is None else vars(training), contacts=contacts,
        code_returns=published_returns(year))


def issued_letter(issue: LetterIssue, council: CouncilYear, *, demonstration: bool) -> Letter:
    """The council's letter as issued with `issue`'s figures version, marked as demonstration data when
    `demonstration` (the database's state, not the issue's: every copy made from it is marked alike)."""
    version = issue.figures_version
    text = LetterText(**{**issue.text, "letter_date": datetime.date.fromisoformat(issue.text["letter_date"])})
    training = None if issue.training is None else TrainingFigures(**issue.training)
    return build_letter(text, version_statistics(version), council,
                        issue.contacts.get(str(council.authority.id), {}), training, revision=revision_note(version),
                        demonstration=demonstration, code_returns=issue.code_returns)


def revision_note(version: FiguresVersion) -> str:
    """What a revised letter says about itself; empty for the letter as first issued."""
    if not version.is_revision:
        return ""
    revised = long_date(timezone.localtime(version.frozen_at).date())
    return (f"Revised on {revised}: the figures in this letter were corrected ({' '.join(version.cause.split())}). "
            "It replaces the letter issued with the figures first released.")


def latest_issue(year: ReportingYear) -> LetterIssue | None:
    """The letters of the year's newest figures version, embargoed or not; None before any release is scheduled.
    LookupError when the figures were frozen without letters (there was no letter text then)."""
    version = (FiguresVersion.objects.filter(release__year=year.start_year)
               .select_related("release", "letter_issue").order_by("-version").first())
    if version is None:
        return None
    try:
        return version.letter_issue
    except LetterIssue.DoesNotExist:
        raise LookupError(f"the {year.label} letters were not issued with its figures (there was no letter text "
                          "when its release was scheduled): add the text and schedule the release again") from None
