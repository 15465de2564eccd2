"""Who may open the email alert pages (the matrix: `tests/accounts/test_url_matrix.py`).

Anyone may subscribe, signed in or not: no account is needed and none is used. The confirm and
unsubscribe pages answer to the token in their address alone, the same for everyone; a bad token,
or a council that no longer exists, is "not found" whoever asks.
"""

from itertools import count

from django.utils import timezone

from tests.access import EVERYONE, NOBODY, Access
from upheld.alerts import tokens
from upheld.alerts.models import Subscription
from upheld.authorities.models import Authority

_addresses = count(1)


def council(world) -> dict:
    return {"slug": world.council_a.slug}


def abolished(world) -> dict:
    return {"slug": Authority.objects.filter(end_date__lt=timezone.localdate()).order_by("pk").first().slug}


def subscription(world, purpose: str, confirmed: bool) -> dict:
    made = Subscription.objects.create(email="matrix@example.org", authority=world.council_a,
                                       confirmed_at=timezone.now() if confirmed else None)
    return {"token": tokens.make(made, purpose)}


def subscribing(world) -> dict:
    """A new address each time, so that no role meets the per-address limit."""
    return {"email": f"matrix{next(_addresses)}@example.org", "kinds": ["decisions", "reports"]}


ACCESS = [
    Access("alerts:subscribe", EVERYONE, kwargs=council),
    Access("alerts:subscribe", EVERYONE, kwargs=council, method="post", data=subscribing),
    Access("alerts:subscribe", NOBODY, kwargs=abolished),
    Access("alerts:check-email", EVERYONE, kwargs=council),
    Access("alerts:confirm", EVERYONE, kwargs=lambda world: subscription(world, tokens.CONFIRM, confirmed=False)),
    Access("alerts:confirm", EVERYONE, method="post",
           kwargs=lambda world: subscription(world, tokens.CONFIRM, confirmed=False)),
    Access("alerts:confirm", NOBODY, kwargs=lambda world: subscription(world, tokens.UNSUBSCRIBE, confirmed=False)),
    Access("alerts:unsubscribe", EVERYONE,
           kwargs=lambda world: subscription(world, tokens.UNSUBSCRIBE, confirmed=True)),
    Access("alerts:unsubscribe", EVERYONE, method="post",
           kwargs=lambda world: subscription(world, tokens.UNSUBSCRIBE, confirmed=True)),
    Access("alerts:unsubscribe", NOBODY, kwargs=lambda world: {"token": "1-not-a-token"}),
]
