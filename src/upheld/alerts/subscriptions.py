"""Subscribing, confirming, unsubscribing and deleting addresses: the workflow behind the alert pages.

Every step that creates, changes or deletes a subscription is written to the
audit trail; the address itself is recorded only as "(personal data)"
(`Subscription.PERSONAL_FIELDS`).

Asking to subscribe always creates a new, unconfirmed subscription and emails
its confirmation link, whether or not the address already has alerts about
the council: the page and the email are the same in every case, so the form
tells nobody whether an address is subscribed. Confirming when the address
already has live alerts about the council updates those (keeping their
history of what was sent) and deletes the new row.
"""

from __future__ import annotations

import datetime
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from upheld.alerts import links
from upheld.alerts.models import Kind, Subscription
from upheld.audit.models import Action, AuditEvent
from upheld.audit.record import record
from upheld.authorities.models import Authority

CHOICE_FIELDS = tuple(kind.value for kind in Kind)


class ConfirmationNotSent(Exception):
    """The mail server could not take the confirmation email; nothing was kept."""


def keeping() -> dict[str, int]:
    """How many days unconfirmed and unsubscribed addresses are kept, as the pages say."""
    return {"unconfirmed_days": settings.UPHELD_ALERTS_UNCONFIRMED_DAYS,
            "unsubscribed_days": settings.UPHELD_ALERTS_UNSUBSCRIBED_DAYS}


def _choices(subscription: Subscription) -> dict:
    return {name: getattr(subscription, name) for name in CHOICE_FIELDS}


def what(kinds: Iterable[Kind]) -> str:
    """"decisions, public interest reports and the annual review letter"."""
    words = {Kind.DECISIONS: "new decisions", Kind.REPORTS: "public interest reports",
             Kind.LETTERS: "the annual review letter",
             Kind.RETURNS: "its Complaint Handling Code return"}
    names = [words[kind] for kind in kinds]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def subscribe(authority: Authority, email: str, kinds: Iterable[Kind], request=None) -> Subscription:
    """A new unconfirmed subscription, its confirmation emailed; `ConfirmationNotSent` if the mail server
    would not take it (the subscription is then deleted again)."""
    wanted = set(kinds)
    subscription = Subscription(email=email, authority=authority,
                                **{kind.value: kind in wanted for kind in Kind})
    with transaction.atomic():
        subscription.save()
        record(Action.CREATE, subscription, request=request, after={"email": email, **_choices(subscription)})
    try:
        confirmation(subscription).send()
    except (smtplib.SMTPException, OSError) as error:
        with transaction.atomic():
            record(Action.DELETE, subscription, request=request, before={"email": email},
                   after={"reason": "the confirmation email could not be sent"})
            subscription.delete()
        raise ConfirmationNotSent(str(error)) from None
    return subscription


def confirmation(subscription: Subscription) -> EmailMessage:
    days = settings.UPHELD_ALERTS_UNCONFIRMED_DAYS
    body = (f"Someone, probably you, asked for email alerts about {subscription.authority.name} from upheld, "
            f"the council complaint statistics site: {what(subscription.kinds)}.\n\n"
            "To start the alerts, open this link and press the \"Confirm\" button:\n\n"
            f"{links.confirm_url(subscription)}\n\n"
            f"The link works for {days} days. If you did not ask for alerts, ignore this email: you will get none, "
            f"and we will delete your address within {days} days.\n")
    return EmailMessage(subject=f"Confirm your email alerts about {subscription.authority.name}", body=body,
                        to=[subscription.email], headers={"Auto-Submitted": "auto-generated"})


def may_confirm(subscription: Subscription, now: datetime.datetime | None = None) -> bool:
    """Not unsubscribed, and confirmed already or asked for within the days a confirmation link works."""
    if subscription.unsubscribed_at:
        return False
    now = now or timezone.now()
    age = datetime.timedelta(days=settings.UPHELD_ALERTS_UNCONFIRMED_DAYS)
    return subscription.confirmed_at is not None or subscription.created > now - age


@transaction.atomic
def confirm(subscription: Subscription, request=None) -> Subscription:
    """Start the alerts (the live subscription they are now part of); confirming twice changes nothing."""
    if subscription.confirmed_at:
        return subscription
    live = _live(subscription)
    if live is None:
        try:
            with transaction.atomic():  # a savepoint: the transaction goes on if the constraint refuses
                subscription.confirmed_at = timezone.now()
                subscription.save(update_fields=["confirmed_at"])
        except IntegrityError:
            # Another sign-up for the address and council was confirmed since the look-up (at the same
            # moment, in another request): the one live subscription exists now, so this one merges into it.
            subscription.confirmed_at = None
            live = _live(subscription)
            if live is None:
                raise
        else:
            record(Action.CHANGE, subscription, request=request, after={"confirmed_at": "set"})
            return subscription
    before, after = _choices(live), _choices(subscription)
    if before != after:
        Subscription.objects.filter(pk=live.pk).update(**after)
        record(Action.CHANGE, live, request=request, before=before, after=after)
    record(Action.DELETE, subscription, request=request, before={"email": subscription.email},
           after={"reason": f"confirmed as a change to subscription {live.pk}"})
    subscription.delete()
    live.refresh_from_db()
    return live


def _live(subscription: Subscription) -> Subscription | None:
    """The live subscription of the address to the council, locked until the transaction ends."""
    return (Subscription.objects.active().select_for_update()
            .filter(authority=subscription.authority, email__iexact=subscription.email).first())


def unsubscribe(subscription: Subscription, request=None) -> Subscription:
    """Stop the alerts at once; the address is deleted `UPHELD_ALERTS_UNSUBSCRIBED_DAYS` later."""
    with transaction.atomic():
        changed = Subscription.objects.filter(pk=subscription.pk, unsubscribed_at__isnull=True).update(
            unsubscribed_at=timezone.now())
        if changed:
            record(Action.CHANGE, subscription, request=request, after={"unsubscribed_at": "set"})
    subscription.refresh_from_db()
    return subscription


def expired(now: datetime.datetime | None = None):
    """Subscriptions whose address should be deleted: never confirmed in time, or unsubscribed long enough."""
    now = now or timezone.now()
    unconfirmed = now - datetime.timedelta(days=settings.UPHELD_ALERTS_UNCONFIRMED_DAYS)
    unsubscribed = now - datetime.timedelta(days=settings.UPHELD_ALERTS_UNSUBSCRIBED_DAYS)
    return Subscription.objects.filter(Q(confirmed_at__isnull=True, created__lt=unconfirmed)
                                       | Q(unsubscribed_at__lt=unsubscribed))


def purge(now: datetime.datetime | None = None) -> int:
    """Delete the expired subscriptions (their digests with them), one audit event each; how many."""
    with transaction.atomic():
        rows = list(expired(now).select_related("authority"))
        if not rows:
            return 0
        AuditEvent.objects.bulk_create([
            record(Action.DELETE, row, before={"email": row.email}, save=False,
                   after={"reason": "never confirmed" if row.confirmed_at is None else "unsubscribed"})
            for row in rows])
        Subscription.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)
