"""When a statement may be published, and the log of who changed that."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.accounts.signing_in import staff_user
from upheld.accounts.roles import StaffRole
from upheld.decisions import publication_rules as rules
from upheld.decisions.models import DAY_SHIFT, EventAction, Statement, StatementEvent, Withheld
from upheld.releases import visibility

from .conftest import TODAY, D, make_statement


@pytest.mark.parametrize(("day", "months", "expected"), [
    (D(2023, 1, 10), 3, D(2023, 4, 10)),
    (D(2023, 11, 30), 3, D(2024, 2, 29)),  # no 30 February: the month's last day
    (D(2023, 11, 30), -3, D(2023, 8, 30)),
    (D(2024, 5, 31), -3, D(2024, 2, 29)),
    (D(2023, 12, 31), 1, D(2024, 1, 31)),
])
def test_add_months(day, months, expected):
    assert visibility.add_months(day, months) == expected


@pytest.mark.parametrize(("today", "latest"), [
    (D(2024, 6, 1), D(2024, 3, 1)),
    (D(2024, 5, 31), D(2024, 2, 29)),
    (D(2023, 2, 28), D(2022, 11, 30)),  # decided 29 or 30 November: 28 February is three months on
    (D(2024, 3, 1), D(2023, 12, 1)),
])
def test_latest_publishable_decision_is_three_months_back(today, latest):
    assert visibility.latest_publishable_decision(today) == latest
    assert visibility.earliest_publication(latest) <= today
    assert visibility.earliest_publication(latest + (D(2000, 1, 2) - D(2000, 1, 1))) > today


def test_the_delay_is_a_setting(settings):
    settings.UPHELD_STATEMENT_DELAY_MONTHS = 6
    assert visibility.latest_publishable_decision(D(2024, 6, 1)) == D(2023, 12, 1)


def test_public_only_three_months_after_the_decision(db, on_today):
    old = make_statement(decided=D(2024, 3, 1))
    recent = make_statement(decided=D(2024, 3, 2))
    assert list(Statement.objects.public()) == [old]
    assert rules.status(recent) == ["not before 02 June 2024 (3 months after the decision)"]


@pytest.mark.parametrize(("fields", "reason"), [
    ({"publish": False}, "not marked for publication"),
    ({"withheld": Withheld.PREMATURE}, "withheld: Premature complaint"),
    ({"withheld": Withheld.UNDER_REVIEW}, "withheld: Decision under review"),
    ({"withheld": Withheld.PERSONS_INTEREST, "withheld_reason": "the family could be identified"},
     "withheld: Not in the person's interest to publish (the family could be identified)"),
    ({"summary": "Mrs Smith complained."}, "possible personal data: title with a name 'Mrs Smith'"),
])
def test_never_published(db, on_today, fields, reason):
    statement = make_statement(**fields)
    assert not statement.publishable
    assert rules.status(statement) == [reason]
    assert not Statement.objects.public().exists()


def test_rules_across_fields():
    problems = rules.field_problems(outcome="upheld", remedy="", withheld=Withheld.PERSONS_INTEREST,
                                    withheld_reason=" ", texts={})
    assert problems == {"withheld_reason": "say why publishing is not in the person's interest"}
    assert rules.field_problems(outcome="not_upheld", remedy="by_ombudsman", withheld="", withheld_reason="",
                                texts={"body": "a\x07b"}) == {
        "remedy": "a remedy can only be recorded on an Upheld decision", "body": "holds a control character (U+0007)"}


def test_staff_withdraw_and_reinstate_with_who_when_and_why(db, on_today):
    staff = staff_user("officer", StaffRole.PUBLISHER)
    statement = make_statement()
    for role in (StaffRole.CASEWORKER, StaffRole.COMPLIANCE_OFFICER, StaffRole.ADMINISTRATOR):
        with pytest.raises(PermissionDenied):  # publishing is the publisher's, in the staff screens or not
            rules.withdraw(statement, staff_user(f"not {role.value}", role), "Asked to.")
    with pytest.raises(ValueError, match="say why"):
        rules.withdraw(statement, staff, "  ")
    rules.withdraw(statement, staff, "The council says the family could be identified.")
    statement.refresh_from_db()
    assert statement.withdrawn and not statement.publishable and not Statement.objects.public().exists()
    rules.reinstate(statement, "upheld shell", "Checked with the council: no identifying detail.")
    statement.refresh_from_db()
    assert statement.publishable
    events = list(statement.events.values_list("action", "actor_name", "actor", "reason"))
    assert events == [
        (EventAction.WITHDRAWN, "officer", staff.pk, "The council says the family could be identified."),
        (EventAction.REINSTATED, "upheld shell", None, "Checked with the council: no identifying detail."),
    ]
    with pytest.raises(ValueError, match="not withdrawn"):
        rules.reinstate(statement, staff, "again")


def test_withhold_and_allow(db, on_today):
    statement = make_statement()
    rules.withhold(statement, Withheld.UNDER_REVIEW, "review", "Mrs X asked for a review.")
    assert not Statement.objects.public().exists()
    rules.unwithhold(statement, "review", "The review upheld the decision.")
    assert Statement.objects.public().get() == statement
    assert [event.action for event in statement.events.all()] == [EventAction.WITHHELD, EventAction.UNWITHHELD]


def test_released_findings_publish_until_the_text_finds_something_else(db, on_today):
    statement = make_statement(body=BODY_WITH_WREN)
    assert statement.guard_findings == [{"kind": "name", "text": "Christopher Wren", "field": "body"}]
    assert not statement.publishable
    rules.release_findings(statement, "officer", "Christopher Wren is the architect the building is named after.")
    statement.refresh_from_db()
    assert statement.publishable and statement.guard_released
    statement.body += "\nMrs Smith attended the meeting."
    statement.save()
    assert not statement.publishable  # the release covered only what had been found
    statement.body = statement.body.replace("\nMrs Smith attended the meeting.", "")
    statement.save()
    assert statement.publishable


BODY_WITH_WREN = "The complaint\nThe meeting was in the Christopher Wren building."


def test_the_log_is_append_only(db):
    event = rules.record(make_statement(), EventAction.WITHDRAWN, "officer", "why")
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    assert StatementEvent.objects.count() == 1


def test_ids_follow_decision_dates_and_dates_cannot_change(db):
    later = make_statement(decided=D(2023, 5, 2))
    earlier = make_statement(decided=D(2023, 5, 1))
    same_day = make_statement(decided=D(2023, 5, 1))
    assert earlier.id >> DAY_SHIFT == D(2023, 5, 1).toordinal()
    assert earlier.id < same_day.id < later.id
    later.decided = D(2023, 6, 1)
    with pytest.raises(ValueError, match="cannot change"):
        later.save()


def test_today_fixture_is_used(on_today):
    assert visibility.latest_publishable_decision() == visibility.latest_publishable_decision(TODAY)
