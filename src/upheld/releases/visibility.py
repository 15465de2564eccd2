"""What the public may see: decided here, and nowhere else.

Each kind of public material has one rule, and each model asks it through one
queryset method, so that a page, the API, the sitemap, search, alerts, the
static export, the scrutiny pages and the portal's view of public things can
only ever show the same things:

- figures: the releases whose time has come (`Release.objects.released`), and
  of each its newest version (`upheld.releases.published.published`);
- annual review letters: the letters frozen with those versions
  (`LetterIssue.objects.public`);
- decision statements: those whose own facts allow it (`publishable`, folded
  in when saved) and whose decision is at least the delay old
  (`Statement.objects.public`);
- public interest reports issued and focus reports published on or before
  today (`PublicInterestReport.objects.public`, `FocusReport.objects.public`);
- service improvements a publisher approved, past the anonymisation guard and
  the same delay as statements (`Recommendation.objects.public_service_improvements`);
- Complaint Handling Code self-assessment returns: of a return, only the version a
  publisher accepted, for any year (`public_returns`, `public_return_versions`,
  `public_return_answers`); drafts, other submitted versions and returns never
  accepted are never public;
- Code failures found in casework: only as counts in a released year's frozen
  figures (`upheld.releases.freezing` freezes them with the year's other counts),
  never as records, so a failure recorded after a release reaches the public only
  with a revision, and an embargoed year's failures with its release;
- alert items are built from the above only.

`visibility_version()` names the state of all of it: it changes when any of
it changes (a release, a revision, a statement published or withdrawn, a
report issued, a service improvement approved, and the day turning, which is
when statements and reports become due). Every cache of public material puts
it in its keys, so nothing public is ever served stale or early, and nothing
needs invalidating.

Outcome counts over statements (policy): statements are published on their own
clock, three months after the decision, which is often before the year's
figures are released. A statement may be read then, but no public surface
offers statements filtered or counted by outcome past the last day of the
newest released year (`outcomes_public_until`): the statistics of an embargoed
year are the release's to give, not the archive's.
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from upheld.years import ReportingYear

DEFAULT_DELAY_MONTHS = 3

# While `upheld publish` exports a year, later years are treated as not released,
# so that no exported page links to them (`upheld.publication.export`).
LAST_PUBLIC_YEAR: ContextVar[int | None] = ContextVar("last_public_year", default=None)

# Every model whose rows can be public, by label; saving or deleting one changes the public state.
PUBLIC_MODELS = (
    "releases.Release", "releases.FiguresVersion", "letters.LetterIssue", "authorities.Authority",
    "decisions.Statement", "decisions.PublicInterestReport", "decisions.FocusReport",
    "decisions.FocusReportTopic", "decisions.ScrutinyQuestion", "casework.Recommendation",
    # Shown on public pages too: a council's years from its published letters, the training programme's
    # figures on the national review (sessions held and attended, or the totals staff enter), and whether
    # the figures are the demonstration's.
    "releases.LetterHistory", "letters.TrainingYear", "training.TrainingSession", "training.Attendance",
    "demo.DemoDataset",
    # A return accepted (or its acceptance moved to a revision), and the Code's provisions the pages name.
    "code.SelfAssessment", "code.Edition", "code.Provision",
)

HOLD = datetime.timedelta(seconds=1)  # how long a process may go on using the state it last read


# The rules ---------------------------------------------------------------------------------------------------


def released(releases, now=None):
    """Releases whose time has come (and, during a static export, none after the exported year)."""
    found = releases.filter(scheduled_for__lte=now or timezone.now())
    last = LAST_PUBLIC_YEAR.get()
    return found if last is None else found.filter(year__lte=last)


def public_statements(statements, today: datetime.date | None = None):
    return statements.filter(publishable=True, decided__lte=latest_publishable_decision(today))


def issued_reports(reports, today: datetime.date | None = None, since: datetime.date | None = None):
    """Reports issued by `today` (and, if `since` is given, after it)."""
    found = reports.filter(issued__lte=today or timezone.localdate())
    return found if since is None else found.filter(issued__gt=since)


def published_focus_reports(reports, today: datetime.date | None = None):
    return reports.filter(published__lte=today or timezone.localdate())


def public_letters(issues, now=None):
    """Letters issued with a figures version the public may see."""
    return issues.filter(figures_version_id__in=[version_id for _, version_id, _ in state(now).figures])


def public_service_improvements(recommendations, today: datetime.date | None = None):
    """A publisher approved exactly their current text (the anonymisation guard's findings cleared or released:
    `upheld.casework.improvements.approve`), and their decision is at least the statements' delay old."""
    return recommendations.approved_improvements().filter(
        case__decision__decided__lte=latest_publishable_decision(today))


def public_returns(assessments):
    """Self-assessment returns a publisher accepted (any year); of each, only `accepted_version` is public."""
    return assessments.filter(accepted_version__isnull=False)


def public_return_versions(versions):
    """The versions of returns that are public: each return's accepted version, and no other."""
    return versions.filter(accepted_for__isnull=False)


def public_return_answers(answers):
    """The answers (provision by provision) of public return versions."""
    return answers.filter(version__accepted_for__isnull=False)


def outcomes_public_until(now=None) -> datetime.date | None:
    """The last decision date over which statements may be filtered or counted by outcome: the end of the
    newest released year (None before any release). See the module's note on the policy."""
    from upheld.releases.models import Release

    newest = released(Release.objects.all(), now).order_by("-year").values_list("year", flat=True).first()
    return None if newest is None else ReportingYear(newest).last_day


# The statements' (and service improvements') delay -------------------------------------------------------------


def delay_months() -> int:
    return getattr(settings, "UPHELD_STATEMENT_DELAY_MONTHS", DEFAULT_DELAY_MONTHS)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier), or the month's last day when it has no such day."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def earliest_publication(decided: datetime.date) -> datetime.date:
    return add_months(decided, delay_months())


def latest_publishable_decision(today: datetime.date | None = None) -> datetime.date:
    """The last decision date whose statement may be published on `today`:
    the largest `d` with `earliest_publication(d) <= today`."""
    today = today or timezone.localdate()
    day = add_months(today, -delay_months())
    while earliest_publication(day + datetime.timedelta(days=1)) <= today:
        day += datetime.timedelta(days=1)
    while earliest_publication(day) > today:
        day -= datetime.timedelta(days=1)
    return day


# The version ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class State:
    counter: int  # changes counted by `changed`
    today: datetime.date  # statements and reports fall due as days turn
    released: tuple  # (year, version id, frozen at) of every released year's versions; (year, None, None) if none
    last_public_year: int | None

    @property
    def figures(self) -> tuple:
        """(year, version id, frozen at) of every public figures version."""
        return tuple(row for row in self.released if row[1] is not None)

    @cached_property
    def version(self) -> str:
        return hashlib.sha256(repr(self).encode()).hexdigest()[:20]


_held: tuple[State, datetime.datetime] | None = None  # the state, and the moment it stops holding
_pinned: ContextVar[dict | None] = ContextVar("pinned_public_state", default=None)


@contextmanager
def pinned():
    """One public state for everything done inside: a request shows one consistent state, read once
    (`PublicStateMiddleware`). A change made inside unpins it."""
    token = _pinned.set({})
    try:
        yield
    finally:
        _pinned.reset(token)


class PublicStateMiddleware:
    """Pins the public state for the whole of each request (first in the middleware, before any cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with pinned():
            return self.get_response(request)


def state(now=None) -> State:
    """What is public now. A process holds the answer for up to `HOLD` (never past the next scheduled
    release), so that a cached page needs one dictionary lookup, not a query; changes made in this process
    are seen at once. Inside a transaction (tests, staff writes) it is read afresh, once per request."""
    box = _pinned.get() if now is None else None
    if box is not None and "state" in box:
        return box["state"]
    found = _current(now)
    if box is not None:
        box["state"] = found
    return found


def _current(now) -> State:
    global _held
    if now is None and _may_hold():
        now = timezone.now()
        if _held is not None and now < _held[1]:
            return _held[0]
        found = _read(now)
        upcoming = _next_release(now)
        _held = (found, min(now + HOLD, upcoming) if upcoming else now + HOLD)
        return found
    return _read(now or timezone.now())


def visibility_version(now=None) -> str:
    """A short string that changes whenever anything the public may see changes."""
    return state(now).version


def changed(**kwargs) -> None:
    """Count a change to something public (a signal receiver; bulk writers call it themselves)."""
    from upheld.releases.models import PublicState

    table = connection.ops.quote_name(PublicState._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, counter, changed_at) VALUES (1, 1, %s) "  # noqa: S608 - the model's table
            f"ON CONFLICT (id) DO UPDATE SET counter = {table}.counter + 1, changed_at = excluded.changed_at",
            [connection.ops.adapt_datetimefield_value(timezone.now())])
    forget()
    transaction.on_commit(forget)


def forget() -> None:
    """Stop holding the public state in this process (and in this request)."""
    global _held
    _held = None
    box = _pinned.get()
    if box is not None:
        box.clear()


def connect_signals() -> None:
    """Called once when the apps are ready: every save or delete of a public model counts as a change."""
    for label in PUBLIC_MODELS:
        model = apps.get_model(label)
        uid = f"public-state-{label}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_saved, sender=model, dispatch_uid=f"{uid}-delete")


def _saved(sender, **kwargs) -> None:
    changed()


def _may_hold() -> bool:
    return LAST_PUBLIC_YEAR.get() is None and not connection.in_atomic_block


def _read(now) -> State:
    counter, released = _released(now)
    return State(counter, timezone.localdate(now), released, LAST_PUBLIC_YEAR.get())


def _next_release(now) -> datetime.datetime | None:
    from upheld.releases.models import Release

    return (Release.objects.filter(scheduled_for__gt=now).order_by("scheduled_for")
            .values_list("scheduled_for", flat=True).first())


def _released(now) -> tuple[int, tuple]:
    """The change counter, and (year, version id, frozen at) of every version of every released year, with
    (year, None, None) for a released year with no version: one small hand-written query (building the ORM's
    query costs twenty times more than running it)."""
    from upheld.releases.models import FiguresVersion, PublicState, Release

    version, release, public = FiguresVersion._meta, Release._meta, PublicState._meta
    quote = connection.ops.quote_name

    def column(meta, name):
        return quote(meta.get_field(name).column)

    # Table and column names come from the models' metadata; values go as parameters. The first row carries
    # the counter (none when nothing public has changed yet), the others the released years.
    sql = (f"SELECT 0, {column(public, 'counter')}, NULL, NULL FROM {quote(public.db_table)}"  # noqa: S608
           f" UNION ALL SELECT 1, r.{column(release, 'year')}, v.{column(version, 'id')},"
           f" v.{column(version, 'frozen_at')}"
           f" FROM {quote(release.db_table)} r LEFT JOIN {quote(version.db_table)} v"
           f" ON r.{column(release, 'id')} = v.{column(version, 'release')}"
           f" WHERE r.{column(release, 'scheduled_for')} <= %s")
    params = [connection.ops.adapt_datetimefield_value(now)]
    last = LAST_PUBLIC_YEAR.get()
    if last is not None:
        sql += f" AND r.{column(release, 'year')} <= %s"
        params.append(last)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counter = next((value for kind, value, _, _ in rows if kind == 0), 0)
    released = sorted((row[1:] for row in rows if row[0] == 1), key=lambda row: (row[0], row[1] or 0))
    return counter, tuple(released)
