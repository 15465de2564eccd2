"""What the public may see right now: the newest version of every released year.

Every public page starts here, so the embargo is enforced in one place: a year
that is not released has no version in `PublishedYears`, and asking for it is
a 404, exactly as for a year that never existed. Which versions are public is
`upheld.releases.visibility`'s answer. The versions' counts are not loaded
(they can be megabytes); `version_statistics` thaws them once per process, by
version.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.http import Http404

from upheld.authorities.models import Authority
from upheld.releases import visibility
from upheld.releases.freezing import version_statistics
from upheld.releases.models import FiguresVersion
from upheld.stats.annual import CouncilYear, YearStatistics
from upheld.years import ReportingYear


@dataclass(frozen=True)
class PublishedYears:
    versions: dict[ReportingYear, FiguresVersion]  # newest year first

    @property
    def years(self) -> list[ReportingYear]:
        return list(self.versions)

    @property
    def latest(self) -> ReportingYear | None:
        return next(iter(self.versions), None)

    @cached_property
    def key(self) -> tuple:
        """Identifies what is published: changes when a year is released or revised (ids alone can be reused)."""
        return tuple((year.start_year, v.id, v.frozen_at.isoformat()) for year, v in self.versions.items())

    def year(self, label: str) -> ReportingYear:
        """The released year written `label` (e.g. 2017-18); 404 for anything else, embargoed years included."""
        try:
            year = ReportingYear.parse(label)
        except ValueError:
            raise Http404("not a reporting year") from None
        if year not in self.versions:
            raise Http404("no published figures for that year")
        return year

    def statistics(self, year: ReportingYear) -> YearStatistics:
        return version_statistics(self.versions[year])

    def council_years(self, gss: str) -> dict[ReportingYear, CouncilYear]:
        """A council's figures in every published year it appears in, newest first."""
        found = {}
        for year in self.versions:
            council = self.statistics(year).by_gss.get(gss)
            if council is not None:
                found[year] = council
        return found

    @cached_property
    def councils(self) -> list[tuple[Authority, ReportingYear]]:
        """Every council in any published year, with the newest year it appears in, A–Z by the name people use
        (built once per published state: the list and every council page's links to predecessors and
        successors use it)."""
        newest: dict[str, tuple[Authority, ReportingYear]] = {}
        for year in self.versions:  # newest first, so the first year a council is met in is its newest
            for council in self.statistics(year).councils:
                newest.setdefault(council.authority.gss, (council.authority, year))
        return sorted(newest.values(), key=lambda pair: pair[0].known_as.casefold())


def published(now=None) -> PublishedYears:
    """The newest version of each released year, newest year first, as `upheld.releases.visibility` finds
    them (so a static export's limit on later years applies here too). Built once per set of public
    versions: the public state is held briefly per process, so a cached page needs no database at all."""
    figures = visibility.state(now).figures
    found = _known.get(figures)
    if found is None:
        ids = [version_id for _, version_id, _ in figures]
        versions = (FiguresVersion.objects.filter(id__in=ids).select_related("release").defer("counts")
                    .order_by("-release__year", "version"))
        newest: dict[ReportingYear, FiguresVersion] = {}
        for version in versions:
            newest[version.release.reporting_year] = version  # later versions of a year replace earlier ones
        found = PublishedYears(newest)
        if len(_known) >= 16:
            _known.clear()
        _known[figures] = found
    return found


_known: dict[tuple, PublishedYears] = {}  # answers by the versions they stand for
