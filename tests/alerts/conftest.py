"""A real SMTP server on loopback for the alert emails (the letters' `Mailbox`), and helpers to read them."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.letters.test_delivery import Mailbox, serve
from upheld.decisions.models import PublicInterestReport, Statement

SITE = "https://alerts.example.test"
FROM = "alerts@ombudsman.example"
BODY = ("The complaint\nMr X complains that the Council delayed repairs to his home.\n"
        "What I found\nThe Council took too long.\nFinal decision\nI have completed my investigation.")


@pytest.fixture(autouse=True)
def fresh_throttle():
    """The subscribe limits count in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mailbox(settings):
    box = Mailbox()
    controller = serve(box)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # pytest-django set it to locmem
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", controller.port, 10
    settings.DEFAULT_FROM_EMAIL = f"Ombudsman alerts <{FROM}>"
    settings.UPHELD_SITE_URL = SITE
    yield box
    controller.stop()


def link(message, prefix: str) -> str:
    """The path of the one link in the message's plain text that starts with SITE + `prefix`."""
    found = set(re.findall(re.escape(SITE + prefix) + r"[^\s>]+", plain(message)))
    assert len(found) == 1, found
    return found.pop().removeprefix(SITE)


def plain(message) -> str:
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def html(message) -> str:
    return message.get_body(("html",)).get_content()


_numbers = iter(range(1, 10**6))


def statement(authority, *, decided: datetime.date | None = None, summary: str = "The Council delayed repairs.",
              **fields) -> Statement:
    """A statement that is public today (decided four months ago unless given)."""
    made = Statement(reference=f"24 {next(_numbers):03d} 001", authority=authority, category="housing",
                     outcome="upheld", decided=decided or timezone.localdate() - datetime.timedelta(days=122),
                     summary=summary, body=BODY, **{"publish": True, **fields})
    made.save()
    return made


def report(authority, issued: datetime.date | None = None, title: str = "Delays in repairs") -> PublicInterestReport:
    return PublicInterestReport.objects.create(authority=authority, issued=issued or timezone.localdate(),
                                               title=title, summary="The Council delayed repairs for a year.")
