"""`upheld import` leaves one event in the audit trail per file imported, and none for a file refused."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from upheld.audit.models import Action, AuditEvent
from upheld.casework.models import Case

HEADER = ["reference", "authority", "received", "category"]


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def write_cases(name: str, *rows: list[str]) -> str:
    with open(name, "w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows([HEADER, *rows])
    return name


def run_command(kind: str, name: str) -> None:
    call_command("import", kind, name, "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())


def test_an_import_is_one_event_naming_the_file_the_kind_and_the_counts(db):
    write_cases("cases.csv", ["AUD1", "E08000014", "2017-05-01", "Housing"],
                ["AUD2", "E08000014", "2017-05-02", "Other"])
    run_command("cases", "cases.csv")
    event = AuditEvent.objects.get(action=Action.IMPORT)
    assert (event.actor_id, event.actor_name, event.source) == (None, "command import cases", "command import cases")
    assert (event.object_type, event.object_repr) == ("casework.case", "cases from cases.csv")
    assert event.after == {"file": "cases.csv", "kind": "cases", "rows": 2, "imported": 2, "replaced": 0}
    assert Case.objects.filter(reference__in=["AUD1", "AUD2"]).count() == 2


def test_an_import_replacing_records_says_how_many(db):
    with open("population.csv", "w", encoding="utf-8") as file:
        file.write("authority,year,population\nE08000014,2023-24,279000\nE08000011,2023-24,155000\n")
    run_command("population", "population.csv")
    run_command("population", "population.csv")
    first, second = AuditEvent.objects.filter(action=Action.IMPORT).order_by("id")
    assert (first.object_type, first.actor_name) == ("authorities.population", "command import population")
    assert (first.after["imported"], first.after["replaced"]) == (2, 0)
    assert (second.after["imported"], second.after["replaced"]) == (2, 2)


def test_a_refused_import_records_nothing(db):
    write_cases("cases.csv", ["AUD1", "E08000014", "2017-05-01", "Housing"],
                ["AUD2", "E99999999", "2017-05-02", "Housing"])
    with pytest.raises(CommandError, match="1 problem; nothing imported"):
        run_command("cases", "cases.csv")
    assert not AuditEvent.objects.filter(action=Action.IMPORT).exists()
    assert not Case.objects.filter(reference="AUD1").exists()


def test_a_missing_file_records_nothing(db):
    with pytest.raises(CommandError, match="no such file"):
        run_command("cases", "missing.csv")
    assert not AuditEvent.objects.filter(action=Action.IMPORT).exists()
