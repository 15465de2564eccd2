"""`upheld code remind`: councils that have not submitted their return are reminded by email (a real SMTP
server on loopback), within the window before the deadline or once it has passed, at most once a day."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from tests.code.builders import submitted
from tests.letters.test_delivery import Mailbox, serve
from upheld.audit.models import AuditEvent
from upheld.authorities.models import Authority, Contact, ContactRole
from upheld.code.reminders import Reminder, ReminderState, remind
from upheld.code.returns import ReturnDeadline

D = datetime.date
SEFTON, KNOWSLEY, WIRRAL = "E08000014", "E08000011", "E08000015"


@pytest.fixture
def mailbox(settings):
    box = Mailbox()
    controller = serve(box)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", controller.port, 10
    settings.UPHELD_SITE_URL = "https://upheld.example"
    yield box
    controller.stop()


@pytest.fixture
def councils(code_edition, admin_user):
    """Sefton and Knowsley have link officers with email; Knowsley has submitted its 2024-25 return."""
    sefton, knowsley = (Authority.objects.get(gss=gss) for gss in (SEFTON, KNOWSLEY))
    for council, address in ((sefton, "link@sefton.example"), (knowsley, "link@knowsley.example")):
        Contact.objects.create(authority=council, role=ContactRole.LINK_OFFICER, name="Link", email=address)
    submitted(knowsley, 2024, admin_user)
    return sefton, knowsley


def test_no_reminder_before_the_window(councils, mailbox):
    report = remind(2024, within_days=14, today=D(2025, 9, 15))  # due 30 September 2025: 15 days ahead
    assert report.not_yet and not mailbox.raw and not Reminder.objects.exists()


def test_councils_without_a_submitted_return_are_reminded_once_a_day(councils, mailbox):
    sefton, _ = councils
    report = remind(2024, within_days=14, today=D(2025, 9, 16))
    assert report.sent == ["Sefton Metropolitan Borough Council (link@sefton.example)"]  # Knowsley has returned
    assert f"{Authority.objects.get(gss=WIRRAL).name}: no link officer's email address" in report.no_address
    (message,) = mailbox.messages
    assert message["To"] == "link@sefton.example"
    assert message["Subject"] == "Sefton: Complaint Handling Code self-assessment for 2024-25"
    body = message.get_content()
    assert "is due by 30 September 2025" in body and "https://upheld.example/portal/returns/2024-25/" in body
    assert Reminder.objects.get().state == ReminderState.SENT
    event = AuditEvent.objects.get(object_type="code.reminder")
    assert (event.authority_id, event.after["reminded"]) == (sefton.id, "2024-25")

    again = remind(2024, within_days=14, today=D(2025, 9, 16))
    assert again.sent == [] and "Sefton Metropolitan Borough Council" in again.already
    assert len(mailbox.raw) == 1
    later = remind(2024, within_days=14, today=D(2025, 10, 2))
    assert later.sent == ["Sefton Metropolitan Borough Council (link@sefton.example)"]
    assert "was due on 30 September 2025" in mailbox.messages[-1].get_content()


def test_a_staff_set_deadline_moves_the_window(councils, mailbox):
    ReturnDeadline.objects.create(year=2024, due=D(2025, 10, 31))
    assert remind(2024, within_days=14, today=D(2025, 10, 1)).not_yet
    assert remind(2024, within_days=14, today=D(2025, 10, 17)).sent


def test_a_refused_reminder_may_be_sent_again_the_same_day(councils, mailbox):
    mailbox.refuse.add("link@sefton.example")
    report = remind(2024, today=D(2025, 10, 1))
    assert report.refused and report.refused[0].startswith("Sefton Metropolitan Borough Council: ")
    assert not Reminder.objects.exists()
    mailbox.refuse.clear()
    assert remind(2024, today=D(2025, 10, 1)).sent


def test_the_command_says_who_was_reminded_and_fails_where_it_could_not(councils, mailbox):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="not every council was reminded"):
        call_command("code", "remind", "--year", "2024-25", stdout=out, stderr=err)
    assert "Reminded 1 council of the 2024-25 return (due 30 September 2025)" in out.getvalue()
    assert "Wirral Borough Council: no link officer's email address" in err.getvalue()
    with pytest.raises(CommandError, match="is not a reporting year"):
        call_command("code", "remind", "--year", "2024")
