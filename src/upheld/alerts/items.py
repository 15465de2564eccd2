"""What is new for a subscriber: items that became public on or after the day they confirmed, not yet sent.

Only what the public site itself shows can be an item, by the same rules:

- **Decisions**: statements `Statement.objects.public()` gives (published,
  not withheld or withdrawn, past the anonymisation check, three months
  after the decision). One became public on the day its three months ended,
  when it was recorded, or when its log last made it public (marked for
  publication by a publisher, no longer withheld, reinstated, released
  despite the anonymisation check), whichever was latest. Any other edit in
  the staff screens is not news: subscribers should not be told of every
  correction as a new decision.
- **Public interest reports**: from their issue date, as on `/reports/`.
- **Annual review letters**: of a year whose release (`publication.published`)
  came after the subscriber confirmed, when the council has figures in that
  year and a letter text exists for it (as the council page lists them).
- **Complaint Handling Code returns**: the council's self-assessment return,
  when a publisher accepted it after the subscriber confirmed: its accepted
  version only (`SelfAssessment.objects.public()`), so a return drafted or
  submitted but not accepted is never news. A revision accepted later is news
  again (the item is the accepted version).

Dates are compared by day for decisions and reports (they are public from a
day) and by the moment for releases (they are public from a time).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from upheld.alerts.links import absolute
from upheld.alerts.models import DigestItem, Kind, Subscription
from upheld.code.returns import Answer, SelfAssessment
from upheld.decisions.models import EventAction, PublicInterestReport, Statement, StatementEvent
from upheld.letters.models import LetterIssue
from upheld.releases.published import PublishedYears, published
from upheld.releases.visibility import latest_publishable_decision
from upheld.stats import wording
from upheld.stats.code_returns import ReturnFigures

MADE_PUBLIC = (EventAction.MARKED, EventAction.UNWITHHELD, EventAction.REINSTATED, EventAction.RELEASED)


@dataclass(frozen=True)
class Item:
    kind: Kind
    key: int  # DigestItem.item
    title: str
    summary: str
    url: str
    date: datetime.date


@dataclass(frozen=True)
class Public:
    """What is public at the moment of a run, the same for every subscriber: worked out once per run."""

    now: datetime.datetime
    years: PublishedYears
    letters_written: frozenset[int]  # the released years (start years) whose letters are public

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)


def public_at(now: datetime.datetime | None = None) -> Public:
    """The released years at `now` (default: this moment), and which of them have public letters."""
    now = now or timezone.now()
    years = published(now)
    issued = LetterIssue.objects.public(now).values_list("figures_version__release__year", flat=True)
    return Public(now, years, frozenset(issued))


def _sent(subscription: Subscription, kind: Kind):
    return DigestItem.objects.filter(subscription=subscription, kind=kind).values("item")


def decisions(subscription: Subscription, today: datetime.date) -> list[Item]:
    since = subscription.confirmed_at
    first_day = timezone.localdate(since)
    made_public = StatementEvent.objects.filter(statement=OuterRef("pk"), at__gte=since, action__in=MADE_PUBLIC)
    found = (Statement.objects.public(today).filter(authority_id=subscription.authority_id)
             .filter(Q(decided__gt=latest_publishable_decision(first_day - datetime.timedelta(days=1)))
                     | Q(created__gte=since) | Exists(made_public))
             .exclude(id__in=_sent(subscription, Kind.DECISIONS))
             .only("id", "slug", "reference", "category", "outcome", "decided", "summary")
             .order_by("decided", "id"))
    return [Item(Kind.DECISIONS, statement.id,
                 f"{statement.get_category_display()}: {statement.get_outcome_display()} "
                 f"(decided {statement.decided:%-d %B %Y}, reference {statement.reference})",
                 statement.summary, absolute(statement.get_absolute_url()), statement.decided)
            for statement in found]


def reports(subscription: Subscription, today: datetime.date) -> list[Item]:
    since = timezone.localdate(subscription.confirmed_at) - datetime.timedelta(days=1)  # issued on or after
    found = (PublicInterestReport.objects.public(today, since).filter(authority_id=subscription.authority_id)
             .exclude(id__in=_sent(subscription, Kind.REPORTS)).order_by("issued", "id"))
    return [Item(Kind.REPORTS, report.id, f"{report.title} (issued {report.issued:%-d %B %Y})", report.summary,
                 absolute(report.get_absolute_url()), report.issued) for report in found]


def letters(subscription: Subscription, public: Public) -> list[Item]:
    authority = subscription.authority
    released = {year: version for year, version in public.years.versions.items()
                if version.release.scheduled_for >= subscription.confirmed_at}
    if not released:
        return []
    sent = set(_sent(subscription, Kind.LETTERS).values_list("item", flat=True))
    written = public.letters_written
    items = []
    for year, version in sorted(released.items(), key=lambda pair: pair[0].start_year):
        if year.start_year in sent or year.start_year not in written:
            continue
        if public.years.statistics(year).by_gss.get(authority.gss) is None:
            continue
        items.append(Item(
            Kind.LETTERS, year.start_year, f"Annual review letter {year.label}",
            f"Our letter to {authority.name} on its complaint statistics for {year.label}, published with the "
            "year's figures.",
            absolute(reverse("council-letter", kwargs={"slug": authority.slug, "year": year.label,
                                                       "extension": "html"})),
            timezone.localdate(version.release.scheduled_for)))
    return items


def returns(subscription: Subscription) -> list[Item]:
    authority = subscription.authority
    found = (SelfAssessment.objects.public().filter(authority_id=authority.id,
                                                    accepted_at__gte=subscription.confirmed_at)
             .exclude(accepted_version_id__in=_sent(subscription, Kind.RETURNS))
             .select_related("accepted_version").order_by("accepted_at", "id"))
    items = []
    for assessment in found:
        version, year = assessment.accepted_version, assessment.reporting_year
        figures = ReturnFigures(**{name: value or 0 for name, value in version.figures().items()})
        not_followed = version.answers.exclude(answer=Answer.FOLLOWS).count()
        accepted = timezone.localdate(assessment.accepted_at)
        items.append(Item(
            Kind.RETURNS, version.id,
            f"Complaint Handling Code self-assessment {year.label}"
            + (f" (revised: version {version.number})" if version.number > 1 else ""),
            f"{authority.name}'s return for {year.label}, accepted {accepted:%-d %B %Y}: it says it does not fully "
            f"follow {wording.counted(not_followed, ('provision', 'provisions'))} of the Code; "
            f"stage 1 complaints answered in time {figures.stage1_in_time_rate.display()}, stage 2 "
            f"{figures.stage2_in_time_rate.display()}.",
            absolute(reverse("council", kwargs={"slug": authority.slug})), accepted))
    return items


def new_items(subscription: Subscription, public: Public) -> list[Item]:
    """Everything the subscriber asked for that is new to them, decisions first, each kind oldest first."""
    found: list[Item] = []
    if subscription.decisions:
        found += decisions(subscription, public.today)
    if subscription.reports:
        found += reports(subscription, public.today)
    if subscription.letters:
        found += letters(subscription, public)
    if subscription.returns:
        found += returns(subscription)
    return found
