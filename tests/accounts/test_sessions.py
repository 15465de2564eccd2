"""Idle and absolute session limits."""

import datetime
import time

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.accounts.signing_in import sign_in
from upheld.accounts.sessions import SIGNED_IN_AT


def test_idle_limit_is_fifteen_minutes_renewed_by_each_request(client, caseworker):
    assert settings.SESSION_COOKIE_AGE == 15 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    sign_in(client, caseworker)
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=1))
    assert client.get("/admin/").status_code == 200
    expiry = Session.objects.get().expire_date
    assert expiry > timezone.now() + datetime.timedelta(minutes=14)


def test_an_idle_session_has_ended(client, caseworker):
    sign_in(client, caseworker)
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/admin/casework/case/")
    assert response.status_code == 302 and "login" in response.url


def test_absolute_limit_ends_even_a_busy_session(client, caseworker):
    assert settings.UPHELD_SESSION_MAX_HOURS == 8
    sign_in(client, caseworker)
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 8 * 3600 + 60
    session.save()
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 8 * 3600 - 1
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=/admin/")
    assert "_auth_user_id" not in client.session
    assert b"Your session has ended" in client.get(response.url).content


def test_sign_in_stamps_the_time(client, link_officer):
    before = time.time()
    client.post("/accounts/login/", {"username": "lou", "password": "correct horse battery staple 42"})
    assert client.session[SIGNED_IN_AT] >= before
