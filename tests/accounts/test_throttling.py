"""Login throttling (django-axes): a username at an address is paused after 5 failures,
and nothing in any answer tells an existing account from an unknown one."""

import re

from tests.accounts.signing_in import STRONG_PASSWORD

WRONG = "not the password at all"


def attempt(client, username, password=WRONG, ip="192.0.2.10"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def error_summary(response) -> str:
    return re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>',
                     response.content.decode(), re.S)[1].strip()


def test_wrong_password_and_unknown_user_get_the_same_answer(client, caseworker):
    known, unknown = attempt(client, "casey"), attempt(client, "nobody-here")
    assert known.status_code == unknown.status_code == 200
    assert error_summary(known) == error_summary(unknown)
    assert "Enter a correct username and password" in error_summary(known)


def test_lockout_after_five_failures_is_the_same_for_unknown_users(client, caseworker):
    answers = {}
    for username in ("casey", "nobody-here"):
        statuses = [attempt(client, username).status_code for _ in range(4)]
        assert statuses == [200] * 4
        answers[username] = attempt(client, username)  # the fifth failure
        assert answers[username].status_code == 429
    assert answers["casey"].content == answers["nobody-here"].content
    assert b"Sign-in paused" in answers["casey"].content and b"15 minutes" in answers["casey"].content
    # While paused, even the right password is refused with the same page.
    right = attempt(client, "casey", STRONG_PASSWORD)
    assert right.status_code == 429 and right.content == answers["casey"].content
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client, caseworker, compliance_officer):
    for _ in range(5):
        attempt(client, "casey")
    assert attempt(client, "casey", STRONG_PASSWORD).status_code == 429
    assert attempt(client, "casey", STRONG_PASSWORD, ip="198.51.100.7").status_code == 302  # another address
    assert attempt(client, "connie", STRONG_PASSWORD).status_code == 302  # another user at that address


def test_a_success_clears_earlier_failures(client, caseworker):
    for _ in range(4):
        attempt(client, "casey")
    assert attempt(client, "casey", STRONG_PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert attempt(client, "casey").status_code == 200
