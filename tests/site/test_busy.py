"""The busy answer's pieces, with real lock errors from a real SQLite file: what counts as busy, and the error
handlers, which answer busy with 503 and everything else with the site's error pages. The whole path, from a database
held by another process to the answers of the site and the commands, is in tests/imports/test_faults.py."""

import sqlite3

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.core.exceptions import SuspiciousOperation
from django.test import Client, RequestFactory

from upheld.site import busy, errors


@pytest.fixture
def locked(tmp_path):
    """The error SQLite gives a writer when another holds the write lock (and it does not wait)."""
    path = tmp_path / "db.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        yield error
    finally:
        holder.close()
        other.close()


def interrupted_session(error: Exception) -> SessionInterrupted:
    """What Django raises when saving a session meets `error`: its database store raises UpdateError for any
    database error, which the session middleware turns into SessionInterrupted (a 400)."""
    try:
        try:
            raise error
        except sqlite3.Error:
            raise UpdateError  # noqa: B904 - as Django's own, chained implicitly
    except UpdateError:
        try:
            raise SessionInterrupted("The request's session was deleted before the request completed.")
        except SessionInterrupted as interrupted:
            return interrupted


def test_busy_is_a_lock_error_or_one_raised_while_handling_one(locked):
    assert str(locked) == "database is locked" and busy.is_busy(locked)
    assert busy.is_busy(interrupted_session(locked))
    with sqlite3.connect(":memory:") as db, pytest.raises(sqlite3.OperationalError) as missing:
        db.execute("SELECT * FROM no_such_table")
    assert not busy.is_busy(missing.value)
    assert not busy.is_busy(interrupted_session(missing.value))
    assert not busy.is_busy(None)


def test_the_handlers_answer_busy_with_503_and_the_rest_as_django_does(locked, db):
    request = RequestFactory().get("/casework/")
    try:
        raise locked
    except sqlite3.OperationalError:
        answer = errors.server_error(request)
    page = answer.content.decode()
    assert (answer.status_code, answer["Retry-After"], answer["Cache-Control"]) == (503, "10", "no-store")
    assert "<h1 class=\"govuk-heading-l\">Busy: try again in a moment</h1>" in page
    assert 'rel="stylesheet"' in page and "Wait about 10 seconds" in page
    assert errors.bad_request(request, interrupted_session(locked)).status_code == 503
    try:
        raise ValueError
    except ValueError:
        assert errors.server_error(request).status_code == 500
    assert errors.bad_request(request, SuspiciousOperation()).status_code == 400


def test_the_handlers_are_the_sites(db):
    """A bad request that is not about the database is still Django's 400."""
    response = Client(HTTP_HOST="elsewhere.example", raise_request_exception=False).get("/")
    assert response.status_code == 400
