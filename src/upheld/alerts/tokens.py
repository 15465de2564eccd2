"""The tokens in the confirm and unsubscribe links: `<subscription id>-<HMAC>`.

The HMAC is of the subscription's random `key`, under SECRET_KEY and a salt
naming the purpose, so a confirmation link cannot unsubscribe nor an
unsubscribe link confirm. Tokens are checked against SECRET_KEY and then each
of SECRET_KEY_FALLBACKS, so rotating the key does not break the links in
emails already sent. Nothing about a token is stored (see `models`).
"""

from __future__ import annotations

import base64

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from upheld.alerts.models import Subscription

CONFIRM, UNSUBSCRIBE = "confirm", "unsubscribe"


def _mac(subscription: Subscription, purpose: str, secret: str) -> str:
    digest = salted_hmac(f"upheld.alerts.{purpose}", f"{subscription.pk}:{subscription.key}", secret=secret,
                         algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def make(subscription: Subscription, purpose: str) -> str:
    return f"{subscription.pk}-{_mac(subscription, purpose, settings.SECRET_KEY)}"


def subscription_for(token: str, purpose: str) -> Subscription | None:
    """The subscription the token is for, or None for any token not made by `make` for `purpose`
    (including one whose subscription has since been deleted)."""
    number, _, mac = token.partition("-")
    if not (number.isdigit() and mac) or len(number) > 18:
        return None
    subscription = Subscription.objects.select_related("authority").filter(pk=int(number)).first()
    if subscription is None:
        return None
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    if any(constant_time_compare(mac, _mac(subscription, purpose, secret)) for secret in secrets):
        return subscription
    return None
