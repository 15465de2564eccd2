"""The audit trail: what is recorded, that it cannot be changed, and how it is read."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from tests.accounts.signing_in import sign_in
from upheld.accounts.roles import StaffRole
from upheld.audit.context import acting_as
from upheld.audit.models import Action, AppendOnlyError, AuditEvent
from upheld.audit.record import REDACTED, record
from upheld.casework.models import Case, Decision


@pytest.fixture
def case(authority):
    return Case.objects.create(reference="AU1", authority=authority, received=datetime.date(2024, 5, 1),
                               category="housing", complainant_name="Zebedee Quux")


def events(**filters):
    return list(AuditEvent.objects.filter(**filters).order_by("id"))


def test_creation_is_recorded_without_personal_values(case, authority):
    [created] = events(object_type="casework.case", action=Action.CREATE)
    assert (created.object_id, created.object_repr, created.case_id, created.authority_id) == (
        str(case.pk), "AU1", case.pk, authority.pk)
    assert created.after["reference"] == "AU1" and created.after["received"] == "2024-05-01"
    assert created.after["complainant_name"] == REDACTED and created.after["complainant_email"] == ""
    assert created.actor_name == "system" and created.before == {}


def test_changes_record_only_the_changed_fields_before_and_after(case):
    case.category = "education"
    case.complainant_email = "zq@example.org"
    case.save()
    case.save()  # nothing changed: nothing recorded
    [changed] = events(action=Action.CHANGE)
    assert changed.before == {"category": "housing", "complainant_email": ""}
    assert changed.after == {"category": "education", "complainant_email": REDACTED}
    assert "Zebedee" not in str(AuditEvent.objects.values_list("before", "after"))
    assert "zq@example.org" not in str(AuditEvent.objects.values_list("before", "after"))


def test_related_records_are_filed_under_their_case(case):
    decision = Decision.objects.create(case=case, decided=datetime.date(2024, 8, 1), outcome="upheld")
    decision.delete()
    assert [(e.action, e.object_type) for e in events(case_id=case.pk)] == [
        (Action.CREATE, "casework.case"), (Action.CREATE, "casework.decision"),
        (Action.DELETE, "casework.decision")]


def test_admin_changes_name_the_person_and_request(client, caseworker, case, authority):
    sign_in(client, caseworker)
    url = reverse("admin:casework_case_change", args=[case.pk])
    response = client.post(url, {
        "reference": "AU1", "authority": authority.pk, "received": "2024-05-01", "category": "housing",
        "subcategory": "homelessness", "complainant_name": "Zebedee Quux", "complainant_email": "",
        "complainant_phone": "", "complainant_address": "", "version": case.version,
        **{f"{prefix}-{field}": value for prefix in ("decision", "recommendations", "compliance")
           for field, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))},
    })
    assert response.status_code == 302
    [changed] = events(action=Action.CHANGE, object_type="casework.case")
    assert (changed.actor_name, changed.actor_id, changed.source) == ("casey", caseworker.pk, f"POST {url}")
    assert changed.after == {"subcategory": "Homelessness", "version": 2} and changed.ip == "127.0.0.1"


def test_sign_ins_and_role_changes_are_recorded(client, caseworker, administrator):
    client.post("/accounts/login/", {"username": "casey", "password": "wrong wrong wrong"})
    client.post("/accounts/login/", {"username": "ghost", "password": "wrong wrong wrong"})
    failed = events(action=Action.LOGIN_FAILED)
    assert [e.after["username"] for e in failed] == ["casey", "ghost"]
    assert all("wrong" not in str(e.after) for e in failed)
    last = AuditEvent.objects.latest("id").pk
    caseworker.groups.add(Group.objects.get(name=StaffRole.PUBLISHER.label))
    caseworker.groups.clear()
    assert [(e.before, e.after) for e in events(object_type="auth.user", action=Action.CHANGE, pk__gt=last)] == [
        ({}, {"roles added": ["Statistician and publisher"]}),
        ({"roles removed": ["Caseworker", "Statistician and publisher"]}, {})]


def test_events_cannot_be_changed_or_deleted_through_the_orm(case):
    event = AuditEvent.objects.first()
    event.action = Action.DELETE
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action=Action.DELETE)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.parametrize("statement", [
    "UPDATE audit_auditevent SET actor_name = 'someone else'",
    "DELETE FROM audit_auditevent",
])
def test_the_database_refuses_to_change_events(case, statement):
    assert AuditEvent.objects.exists()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.filter(actor_name="system").count() == AuditEvent.objects.count()


def test_a_case_history_page_lists_its_events(client, publisher, case):
    sign_in(client, publisher)
    page = client.get(reverse("admin:casework_case_history", args=[case.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "History of case AU1" in text and "Created" in text and REDACTED in text
    assert "Zebedee" not in text


def test_export_command_writes_csv_since_a_date(case, tmp_path):
    with acting_as("command test"):
        record(Action.EXPORT, object_type="x", object_repr="=HYPERLINK(\"http://evil\")")
    out = tmp_path / "audit.csv"
    printed = io.StringIO()
    call_command("audit", "export", "--since", datetime.date.today().isoformat(), "--out", str(out), stdout=printed)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert printed.getvalue() == f"Wrote {len(rows)} audit events to {out}.\n"
    assert [row["action"] for row in rows] == ["create", "export"]
    assert rows[1]["object"] == "'=HYPERLINK(\"http://evil\")"  # never a live formula
    assert rows[0]["object"] == "AU1" and rows[0]["case id"] == str(case.pk)
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    call_command("audit", "export", "--since", tomorrow, "--out", str(out), stdout=io.StringIO())
    assert list(csv.DictReader(out.open(encoding="utf-8"))) == []
    assert AuditEvent.objects.filter(action=Action.EXPORT, actor_name="command audit export").count() == 2
    with pytest.raises(CommandError, match="'last week' is not a date"):
        call_command("audit", "export", "--since", "last week", "--out", str(out))


def test_export_download_is_for_administrators_only(client, administrator, caseworker, case):
    sign_in(client, caseworker)
    assert client.get("/audit/export.csv").status_code == 403
    sign_in(client, administrator)
    response = client.get("/audit/export.csv?since=2000-01-01")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("when,actor,") and ",AU1," in body
    assert AuditEvent.objects.filter(action=Action.EXPORT, actor_name="ada").exists()
    assert client.get("/audit/export.csv?since=yesterday").status_code == 400
    client.post("/accounts/logout/")
    assert client.get("/audit/export.csv").url.startswith("/accounts/login/")
