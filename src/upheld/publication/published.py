"""What the public may see right now: the newest version of every released year.

Every public page starts here, so the embargo is enforced in one place: a year
that is not released has no version in `PublishedYears`, and asking for it is
a 404, exactly as for a year that never existed. The versions' counts are not
loaded (they can be megabytes); `version_statistics` thaws them once per
process, by version. The answer itself is held briefly per process
(`published`), so that a cached page costs no database work at all.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.utils import timezone

from upheld.authorities.models import Authority
from upheld.publication.models import LAST_PUBLIC_YEAR, FiguresVersion, Release
from upheld.publication.snapshots import version_statistics
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
        """Every council in any published year, with the newest year it appears in, A–Z (built once per
        published state: the list and every council page's links to predecessors and successors use it)."""
        newest: dict[str, tuple[Authority, ReportingYear]] = {}
        for year in self.versions:  # newest first, so the first year a council is met in is its newest
            for council in self.statistics(year).councils:
                newest.setdefault(council.authority.gss, (council.authority, year))
        return sorted(newest.values(), key=lambda pair: pair[0].short_name.casefold())


def published(now=None) -> PublishedYears:
    """The newest version of each released year, newest year first (`Release.objects.released` decides
    which are released, so a static export's limit on later years applies here too).

    Every public request starts here, so a process holds the answer for up to `HOLD` (never past the
    next scheduled release, so no year is ever shown early) and a cached page then needs no database at
    all. Releases and revisions saved in this process are seen at once; those saved by another process
    (a command, the other workers) within `HOLD`. Inside a transaction (tests, staff writes) the answer is
    always looked up afresh, since the transaction may see or undo what other connections do not.
    """
    global _held
    if now is None and _may_hold():
        now = timezone.now()
        if _held is not None and now < _held[1]:
            return _held[0]
        found = _lookup(now)
        upcoming = Release.objects.filter(scheduled_for__gt=now).order_by("scheduled_for") \
            .values_list("scheduled_for", flat=True).first()
        _held = (found, min(now + HOLD, upcoming) if upcoming else now + HOLD)
        return found
    return _lookup(now or timezone.now())


HOLD = datetime.timedelta(seconds=1)
_held: tuple[PublishedYears, datetime.datetime] | None = None  # the answer, and the moment it stops holding
_known: dict[tuple, PublishedYears] = {}  # answers by the versions they stand for


def _may_hold() -> bool:
    return LAST_PUBLIC_YEAR.get() is None and not connection.in_atomic_block


def forget(**kwargs) -> None:
    """Stop holding the published years: a release or a version was saved or deleted in this process."""
    global _held
    _held = None


for _model in (Release, FiguresVersion):
    post_save.connect(forget, sender=_model, dispatch_uid=f"published-forget-save-{_model.__name__}")
    post_delete.connect(forget, sender=_model, dispatch_uid=f"published-forget-delete-{_model.__name__}")


def _lookup(now) -> PublishedYears:
    """The published years at `now`, built once per set of public versions: a small hand-written query
    says which versions are public (building the ORM's query costs twenty times more than running it)."""
    state = _public_versions(now)
    found = _known.get(state)
    if found is None:
        versions = (FiguresVersion.objects.filter(release__in=Release.objects.released(now))
                    .select_related("release").defer("counts").order_by("-release__year", "version"))
        newest: dict[ReportingYear, FiguresVersion] = {}
        for version in versions:
            newest[version.release.reporting_year] = version  # later versions of a year replace earlier ones
        found = PublishedYears(newest)
        if len(_known) >= 16:
            _known.clear()
        _known[state] = found
    return found


def _public_versions(now) -> tuple:
    """(version id, frozen at, year) of every version of every released year: what `published` would find."""
    version, release = FiguresVersion._meta, Release._meta
    quote = connection.ops.quote_name

    def column(meta, name):
        return quote(meta.get_field(name).column)

    # Table and column names come from the models' metadata; values go as parameters.
    sql = (f"SELECT v.{column(version, 'id')}, v.{column(version, 'frozen_at')}, r.{column(release, 'year')}"  # noqa: S608
           f" FROM {quote(version.db_table)} v INNER JOIN {quote(release.db_table)} r"
           f" ON r.{column(release, 'id')} = v.{column(version, 'release')}"
           f" WHERE r.{column(release, 'scheduled_for')} <= %s")
    params = [connection.ops.adapt_datetimefield_value(now)]
    last = LAST_PUBLIC_YEAR.get()
    if last is not None:
        sql += f" AND r.{column(release, 'year')} <= %s"
        params.append(last)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return tuple(sorted(cursor.fetchall()))
