"""Email alert subscriptions, and the record of what each subscriber has been sent.

An email address is personal data. It is kept only on `Subscription`, shown
only to administrators (in the admin, each showing audited), and the row is
deleted, not flagged, once it is of no more use: never confirmed within
`UPHELD_ALERTS_UNCONFIRMED_DAYS`, or `UPHELD_ALERTS_UNSUBSCRIBED_DAYS` after
unsubscribing (`upheld alerts purge`, also run by every `upheld alerts send`).
Deleting a subscription deletes its digests and their items with it, so no
trace of who was sent what outlives the address.

Links in the emails carry a token, but no token is stored: a subscription
keeps a random `key`, and its tokens are HMACs of that key under the site's
SECRET_KEY (`upheld.alerts.tokens`). A copy of the database alone (a backup,
a replica, the admin) cannot confirm or end anyone's subscription, nor can
the SECRET_KEY alone; and every alert can carry the unsubscribe link without
the link being kept anywhere (a stored hash of a random token could not be
put in later emails).
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from upheld.letters.models import DeliveryState


class Kind(models.TextChoices):
    """What a subscriber can ask to hear about, and so what a digest item is."""

    DECISIONS = "decisions", "Decisions"
    REPORTS = "reports", "Public interest reports"
    LETTERS = "letters", "Annual review letter"
    RETURNS = "returns", "Complaint Handling Code return"


def new_key() -> str:
    return secrets.token_urlsafe(32)


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not unsubscribed: the subscriptions alerts are sent to."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscription(models.Model):
    """One address's alerts about one council. Created unconfirmed by the subscribe form; confirmed
    by a POST from the link emailed to the address (double opt-in)."""

    PERSONAL_FIELDS = ("email",)  # the audit trail records that it was set, never its value

    email = models.EmailField(help_text="Personal data: shown only to administrators")
    authority = models.ForeignKey("authorities.Authority", on_delete=models.CASCADE, related_name="+")
    decisions = models.BooleanField(default=True, help_text="New published decision statements")
    reports = models.BooleanField(default=True, help_text="Public interest reports once issued")
    letters = models.BooleanField(default=True, help_text="The annual review letter when a year is released")
    returns = models.BooleanField(default=True, help_text="The council's Complaint Handling Code self-assessment "
                                                          "return when a publisher accepts it")
    created = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    unsubscribed_at = models.DateTimeField(null=True, blank=True, editable=False)
    key = models.CharField(max_length=64, default=new_key, editable=False,
                           help_text="Random; the links' tokens are HMACs of it under SECRET_KEY")

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            # One live subscription per address and council: confirming another updates the choices instead.
            models.UniqueConstraint(Lower("email"), "authority", name="one_active_alert_per_address_council",
                                    condition=models.Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True)),
        ]
        indexes = [models.Index(fields=["confirmed_at", "unsubscribed_at"], name="alert_state")]

    def __str__(self) -> str:  # no address: this is what the audit trail and the admin's messages show
        return f"Alert subscription {self.pk} to {self.authority.short_name}"

    @property
    def kinds(self) -> list[Kind]:
        return [kind for kind in Kind if getattr(self, kind.value)]

    @property
    def state(self) -> str:
        if self.unsubscribed_at:
            return "unsubscribed"
        return "confirmed" if self.confirmed_at else "awaiting confirmation"


class Digest(models.Model):
    """One alert email to one subscription: claimed ("sending") and committed with its items before the
    mail server hears of it, then marked "sent" (or "refused", which gives its items back for the next
    run). One left "sending" is in doubt: its items are not sent again unless an operator says so."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="digests")
    state = models.CharField(max_length=8, choices=DeliveryState.choices, default=DeliveryState.SENDING)
    message_id = models.CharField("Message-ID", max_length=200)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="The mail server's refusal, or how an in-doubt digest was settled")

    class Meta:
        ordering = ["-claimed_at", "-id"]
        indexes = [models.Index(fields=["state"], name="alert_digest_state")]

    def __str__(self) -> str:
        return f"Digest {self.pk} for subscription {self.subscription_id}: {self.get_state_display()}"


class DigestItem(models.Model):
    """One statement, report or letter in a digest. At most one row per subscription and item, so no
    two digests, whichever runs claim them, can carry the same item to the same subscriber."""

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="items")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    item = models.BigIntegerField(help_text="The statement's or report's id, or the letter's starting year")

    class Meta:
        ordering = ["digest", "kind", "item"]
        constraints = [models.UniqueConstraint(fields=["subscription", "kind", "item"],
                                               name="each_alert_item_once_per_subscription")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.item} in digest {self.digest_id}"
