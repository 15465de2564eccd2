"""The three case spreadsheets that go with the letter: the council's own cases, nothing about the people
who complained, every download in the audit trail."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from tests.portal.conftest import PLANTED_EMAIL, PLANTED_NAME, PLANTED_PHONE
from upheld.audit.models import Action, AuditEvent

KINDS = {"received": ("complaints-received", "Reference", 60),  # 59 in the year and the planted case
         "decided": ("decisions-made", "Reference", 64),
         "compliance": ("compliance-outcomes", "Reference", 0)}


def unzipped_text(content: bytes) -> str:
    """Every file inside the XLSX (a zip archive) as text, so a search sees what compression hides."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


@pytest.mark.parametrize("kind", KINDS)
def test_spreadsheet_lists_the_councils_cases_without_personal_data(sefton_client, sefton_user, planted,
                                                                    released_2017_18, kind):
    name, first_header, rows = KINDS[kind]
    response = sefton_client.get(f"/portal/letters/2017-18/cases-{kind}.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f'attachment; filename="E08000014-sefton-2017-18-{name}.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][0] == first_header and len(table) - 1 == rows
    text = unzipped_text(response.content)
    sefton_case, knowsley_case = planted
    if kind != "compliance":
        assert sefton_case.reference in text
    assert knowsley_case.reference not in text
    for personal in (PLANTED_NAME, PLANTED_EMAIL, PLANTED_PHONE, "Planted Road"):
        assert personal not in text

    (event,) = AuditEvent.objects.filter(action=Action.EXPORT)
    assert event.actor_id == sefton_user.id and event.object_type == "letters.casespreadsheet"
    assert event.object_repr.startswith("Sefton 2017-18 ") and event.object_repr.endswith("(published)")
    assert event.after == {"rows": rows, "embargoed": False}


def test_unknown_spreadsheet_is_not_found(sefton_client, released_2017_18):
    assert sefton_client.get("/portal/letters/2017-18/cases-people.xlsx").status_code == 404
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_another_councils_user_gets_only_its_own_cases(knowsley_client, planted, released_2017_18):
    text = unzipped_text(knowsley_client.get("/portal/letters/2017-18/cases-decided.xlsx").content)
    sefton_case, knowsley_case = planted
    assert knowsley_case.reference in text and sefton_case.reference not in text
