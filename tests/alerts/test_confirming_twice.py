"""Two sign-ups for the same address and council, both confirmed: the second merges into the first, whether it
is confirmed after the first or at the same moment (one live subscription per address and council)."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from upheld.alerts.models import Subscription
from upheld.alerts.subscriptions import confirm


def sign_up(authority, email: str, **kinds) -> Subscription:
    return Subscription.objects.create(email=email, authority=authority, **{
        "decisions": False, "reports": False, "letters": False, **kinds})


def test_a_second_sign_up_confirmed_afterwards_merges_into_the_first(db, authority):
    first = sign_up(authority, "reader@example.org", decisions=True)
    second = sign_up(authority, "Reader@Example.org", letters=True)
    assert confirm(first) == first
    live = confirm(second)
    assert live.pk == first.pk and (live.decisions, live.letters) == (False, True)
    assert list(Subscription.objects.filter(authority=authority)) == [first]


def test_a_sign_up_confirmed_while_another_is_being_confirmed_merges_into_it(db, authority):
    """The race: the other request confirms its sign-up just after this one looked for a live subscription
    and found none, so saving this one meets the database's constraint."""
    first = sign_up(authority, "reader@example.org", decisions=True)
    second = sign_up(authority, "reader@example.org", reports=True)
    raced = []

    def other_request_confirms_first(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not raced and sql.lstrip().upper().startswith("SELECT") and "alerts_subscription" in sql:
            raced.append(sql)  # this confirmation's look-up has just found no live subscription
            Subscription.objects.filter(pk=first.pk).update(confirmed_at=timezone.now())
        return result

    with connection.execute_wrapper(other_request_confirms_first):
        live = confirm(second)
    assert raced
    assert live.pk == first.pk and (live.decisions, live.reports) == (False, True)
    assert list(Subscription.objects.filter(authority=authority)) == [first]
