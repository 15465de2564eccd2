"""Merge fields: filled in from plain values, checked for staff, unable to reach anything else."""

import pytest
from django.core.exceptions import ValidationError

from upheld.letters import merge
from upheld.letters.formats import Count
from upheld.letters.models import LetterText


def test_fields_are_filled_in_and_counts_print_with_separators():
    text = "{{ council }}: {{ received }} received{% if upheld %}, {{ upheld }} upheld{% endif %}."
    assert merge.render(text, {"council": "Kent", "received": Count(1234), "upheld": Count(0)}) == \
        "Kent: 1,234 received."


def test_body_text_becomes_headings_and_paragraphs():
    text = "## First\n\nOne line\nwrapped here.\r\n\r\n   \n\nSecond  paragraph.\n"
    assert merge.blocks(text) == (
        merge.Block("First", heading=True), merge.Block("One line wrapped here."), merge.Block("Second paragraph."))


@pytest.mark.parametrize(("text", "problem"), [
    ("Dear {{ chief_exec }}", "unknown merge field {{ chief_exec }}"),
    ("{% if council %}unclosed", "Unclosed tag"),
    ("{% load static %}", "'static' is not a registered tag library"),
    ('{% include "base.html" %}', "cannot be filled in: base.html"),
])
def test_problems_are_reported_for_the_admin_form(text, problem):
    assert any(problem in found for found in merge.problems(text)), merge.problems(text)


def test_every_documented_field_is_accepted():
    assert merge.problems(" ".join(f"{{{{ {name} }}}}" for name in merge.MERGE_FIELDS)) == []


def test_letter_text_validation(db):
    text = LetterText.objects.get(year=2017)
    text.body += "\n\n{{ secret_key }}"
    with pytest.raises(ValidationError) as error:
        text.full_clean()
    assert error.value.message_dict == {"body": ["unknown merge field {{ secret_key }}"]}


def test_letter_texts_and_training_in_the_admin(admin_client):
    assert admin_client.get("/admin/letters/lettertext/").status_code == 200
    page = admin_client.get(f"/admin/letters/lettertext/{LetterText.objects.get(year=2017).pk}/change/")
    assert page.status_code == 200
    assert "{{ courses_delivered }}" in page.content.decode()
    assert admin_client.get("/admin/letters/trainingyear/").status_code == 200
