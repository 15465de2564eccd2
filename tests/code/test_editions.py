"""The Code as data: loaded from the shipped file, safely again, and which edition applies when."""

import datetime
import io

import pytest
from django.core.management import call_command

from upheld.code.editions import Edition, Provision
from upheld.code.loading import load_code, read_code

D = datetime.date


def test_the_shipped_code_covers_every_section(code_edition):
    sections = dict(code_edition.provisions.values_list("section", "section_title").distinct())
    assert sections == {1: "What a complaint is", 2: "Exclusions", 3: "Accessibility and awareness",
                        4: "Complaint handling staff", 5: "The process", 6: "Stage 1", 7: "Stage 2",
                        8: "Putting things right", 9: "Self-assessment, reporting and compliance",
                        10: "Scrutiny and oversight"}
    assert code_edition.starts == D(2026, 4, 1) and code_edition.first_return.label == "2024-25"
    stage1 = " ".join(code_edition.provisions.filter(section=6).values_list("text", flat=True))
    assert "5 working days" in stage1 and "10 working days" in stage1 and "once, by up to 10" in stage1
    assert "20 working days" in " ".join(code_edition.provisions.filter(section=7).values_list("text", flat=True))


def test_loading_again_adds_nothing_and_keeps_what_staff_edited(code_edition):
    provision = Provision.objects.get(edition=code_edition, number="6.1")
    provision.title = "Acknowledged promptly (edited by staff)"
    provision.save()
    count = Provision.objects.count()
    assert load_code() == (0, count)
    assert Provision.objects.count() == count and Edition.objects.count() == 1
    assert Provision.objects.get(pk=provision.pk).title == "Acknowledged promptly (edited by staff)"
    provision.delete()
    assert load_code() == (1, count - 1)  # only what is missing comes back


def test_provisions_are_in_the_codes_order(code_edition):
    Provision.objects.create(edition=code_edition, section=5, section_title="The process", number="5.10",
                             title="Tenth", text="A tenth item.")
    numbers = list(code_edition.provisions.filter(section=5).values_list("number", flat=True))
    assert numbers == ["5.1", "5.2", "5.3", "5.4", "5.5", "5.10"]


def test_the_edition_applying_on_a_day(code_edition):
    assert Edition.applying_on(D(2026, 3, 31)) is None
    assert Edition.applying_on(D(2026, 4, 1)) == code_edition
    later = Edition.objects.create(name="Later", starts=D(2028, 4, 1), first_return_year=2027,
                                   source_url="https://example.org/code")
    assert Edition.applying_on(D(2028, 3, 31)) == code_edition
    assert Edition.applying_on(D(2028, 4, 1)) == later
    assert Edition.objects.for_return_year(2023) is None
    assert Edition.objects.for_return_year(2025) == code_edition
    assert Edition.objects.for_return_year(2027) == later


def test_a_damaged_file_says_what_is_wrong_and_stores_nothing(db):
    with pytest.raises(ValueError, match=r"bad\.json: not a Complaint Handling Code file: provision 2\.1 is not "
                                         r"in section 1"):
        read_code('{"editions": [{"name": "X", "starts": "2026-04-01", "sections": [{"number": 1, "title": "A", '
                  '"provisions": [{"number": "2.1", "title": "t", "text": "x"}]}]}]}', "bad.json")
    with pytest.raises(ValueError, match=r"bad\.json: not a Complaint Handling Code file"):
        read_code("{}", "bad.json")
    assert not Edition.objects.exists()


def test_setup_loads_the_code_and_says_how_many(db):
    out = io.StringIO()
    call_command("setup", stdout=out)
    count = Provision.objects.count()
    assert count > 30
    assert f"Complaint Handling Code provisions: {count} added, 0 already held" in out.getvalue()
    call_command("setup", stdout=out)
    assert f"Complaint Handling Code provisions: 0 added, {count} already held" in out.getvalue()
