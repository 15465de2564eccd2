"""The letters as issued: scheduling a release freezes the whole letter, and every copy of it is that letter.

Finding 7 of the publication boundary: the public letter was rebuilt from today's letter text, contacts and
training figures, so after an edit it was no longer the letter the chief executive was sent.
"""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.builders import Y2017, D, build_sefton_2017_18, decide
from tests.pdf_text import pdf_text
from upheld.authorities.models import Contact, ContactRole
from upheld.casework.vocabulary import Outcome
from upheld.letters.models import LetterIssue, LetterText, TrainingYear
from upheld.releases.freezing import revise, schedule_release
from upheld.releases.models import Release


@pytest.fixture
def sefton_with_contacts(authority):
    build_sefton_2017_18(authority)
    Contact.objects.create(authority=authority, role=ContactRole.CHIEF_EXECUTIVE, name="Dwayne Johnson")
    Contact.objects.create(authority=authority, role=ContactRole.LINK_OFFICER, name="Ann Link")
    return authority


def written_letter(tmp_path: Path) -> bytes:
    call_command("letters", "--year", "2017-18", "--authority", "E08000014", "--format", "pdf",
                 "--out", str(tmp_path), stdout=io.StringIO())
    return (tmp_path / "E08000014-sefton-2017-18.pdf").read_bytes()


def edit_everything_around_the_letter(authority):
    """What staff may change after the letters went out: none of it may change the letters."""
    LetterText.objects.filter(year=2017).update(subject="Something else entirely", body="A new body.",
                                                letter_date=D(2019, 1, 1))
    Contact.objects.filter(authority=authority, role=ContactRole.CHIEF_EXECUTIVE).update(name="Someone Newer")
    Contact.objects.filter(authority=authority, role=ContactRole.LINK_OFFICER).delete()
    TrainingYear.objects.update_or_create(year=2017, defaults={"courses_delivered": 999, "people_trained": 9999})


def test_the_public_letter_is_the_letter_sent_byte_for_byte(client, sefton_with_contacts, tmp_path):
    schedule_release(Y2017, timezone.now() + datetime.timedelta(hours=1))  # letters go out under embargo
    sent = written_letter(tmp_path / "sent")
    assert "Dwayne Johnson" in pdf_text(sent) and "Ann Link" in pdf_text(sent)
    edit_everything_around_the_letter(sefton_with_contacts)
    assert written_letter(tmp_path / "again") == sent  # a second batch run writes the same letter
    Release.objects.update(scheduled_for=timezone.now() - datetime.timedelta(minutes=1))  # 09:30 arrives
    public = client.get("/councils/sefton/2017-18/letter.pdf")
    assert public.status_code == 200
    assert public.content == sent
    html = client.get("/councils/sefton/2017-18/letter.html").content.decode()
    assert "Dwayne Johnson" in html and "Someone Newer" not in html and "Something else entirely" not in html


def test_a_revision_issues_the_same_letter_with_the_corrected_figures_and_says_so(client, sefton_with_contacts,
                                                                                  tmp_path):
    schedule_release(Y2017)
    sent = pdf_text(written_letter(tmp_path / "sent"))
    edit_everything_around_the_letter(sefton_with_contacts)
    decide(sefton_with_contacts, D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD)
    revise(Y2017, "One decision was recorded after the release.")
    html = client.get("/councils/sefton/2017-18/letter.html").content.decode()
    assert "Revised on" in html and "One decision was recorded after the release." in html
    assert "Dwayne Johnson" in html and "Someone Newer" not in html  # the letter as sent, corrected figures
    revised = pdf_text(client.get("/councils/sefton/2017-18/letter.pdf").content)
    assert "Revised on" in revised and "Revised on" not in sent
    assert " 13 59% 64 " in " ".join(revised.split())
    assert LetterIssue.objects.count() == 2


def test_a_year_frozen_without_a_letter_text_has_no_letters_until_scheduled_again(client, authority, tmp_path):
    build_sefton_2017_18(authority)
    LetterText.objects.filter(year=2017).delete()
    schedule_release(Y2017, timezone.now() + datetime.timedelta(hours=1))
    assert not LetterIssue.objects.exists()
    with pytest.raises(CommandError, match="add the text and schedule the release again"):
        written_letter(tmp_path)
