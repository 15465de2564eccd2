"""The notice a page carries when its year's published figures are a revision.

A revision is dated and says why the figures changed (its cause) and what changed (its scale, one
line per council, written by `upheld.releases.freezing.revise`). A council's page shows the
lines about that council; the national review shows them all. Earlier versions stay downloadable
from the open data pages, and the notice links to each.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from upheld.authorities.models import Authority
from upheld.releases.models import FiguresVersion


@dataclass(frozen=True)
class Revision:
    version: FiguresVersion
    summary: str  # the scale's first line: how many councils changed
    changes: list[str]  # the scale's lines that concern the page (all of them on the national review)


@dataclass(frozen=True)
class Notice:
    year_label: str
    released: datetime.datetime  # when version 1 became public
    revisions: list[Revision]  # newest first
    earlier: list[FiguresVersion]  # the versions before the one shown, newest first


def notice(current: FiguresVersion, authority: Authority | None = None) -> Notice | None:
    """None for figures as first released; else every revision up to `current`, for one council or all."""
    if not current.is_revision:
        return None
    versions = list(FiguresVersion.objects.filter(release_id=current.release_id, version__lte=current.version)
                    .defer("counts").order_by("-version"))
    revisions = []
    for version in versions:
        if not version.is_revision:
            continue
        summary, *lines = version.scale.splitlines() or [""]
        if authority is not None:
            lines = [line for line in lines if line.startswith(f"{authority.short_name}: ")]
        revisions.append(Revision(version, summary, lines))
    release = current.release
    return Notice(release.reporting_year.label, release.scheduled_for, revisions, versions[1:])
