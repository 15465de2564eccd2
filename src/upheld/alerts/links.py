"""Absolute links for email, on the public site's address (`UPHELD_SITE_URL`): a command has no request
to take the host from, and a link must not depend on which host a subscriber happened to use."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from upheld.alerts import tokens
from upheld.alerts.models import Subscription


def absolute(path: str) -> str:
    return settings.UPHELD_SITE_URL + path


def confirm_url(subscription: Subscription) -> str:
    return absolute(reverse("alerts:confirm", args=[tokens.make(subscription, tokens.CONFIRM)]))


def unsubscribe_url(subscription: Subscription) -> str:
    return absolute(reverse("alerts:unsubscribe", args=[tokens.make(subscription, tokens.UNSUBSCRIBE)]))
