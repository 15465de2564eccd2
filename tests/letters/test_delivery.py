"""`upheld letters send`: each council's letter emailed once, against a real SMTP server on loopback.

The server is aiosmtpd in a thread of the test process. The kill-and-resume
tests run the console script in a subprocess on its own SQLite file and
SIGKILL it from inside the server, at the two moments that matter: after the
server has taken a message but before the client hears so (the letter
arrived; the rerun must not send it again), and before the server has taken
it (it did not; only an operator's `--resend-in-doubt` sends it).
"""

from __future__ import annotations

import datetime
import email
import io
import os
import signal
import socket
import subprocess
import sys
from collections import Counter
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.management import CommandError, call_command
from django.utils import timezone

from upheld.authorities.models import Authority, Contact, ContactRole
from upheld.letters.models import Delivery, DeliveryState
from upheld.releases.freezing import schedule_release
from upheld.years import ReportingYear

UPHELD = Path(sys.executable).with_name("upheld")
Y2023 = ReportingYear(2023)
SEFTON, LIVERPOOL, HARTLEPOOL, KENT, CAMDEN = "E08000014", "E08000012", "E06000001", "E10000016", "E09000007"
FROM = "letters@ombudsman.example"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """An aiosmtpd handler that keeps every message it accepts with the addresses it accepted it for (`envelopes`);
    `refuse` addresses get a 550 at RCPT, `defer` addresses a 451 (try again later).

    `on_mail(n)` and `on_data(n, server)` run when the n-th transaction starts and
    when its message has been stored (before the server answers), for the tests
    that kill the client or drop the connection at those moments.
    """

    def __init__(self, on_mail=None, on_data=None):
        self.raw: list[bytes] = []
        self.envelopes: list[list[str]] = []
        self.refuse: set[str] = set()
        self.defer: set[str] = set()
        self.transactions = 0
        self.on_mail, self.on_data = on_mail, on_data

    async def handle_MAIL(self, server, session, envelope, address, options):
        self.transactions += 1
        if self.on_mail:
            self.on_mail(self.transactions)
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        if address in self.defer:
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.raw.append(envelope.original_content)
        self.envelopes.append(list(envelope.rcpt_tos))
        if self.on_data:
            self.on_data(len(self.raw), server)
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        return [email.message_from_bytes(raw, policy=policy.default) for raw in self.raw]

    def by_council(self) -> Counter:
        """How many messages each council received, by the GSS code in its Message-ID."""
        return Counter(message["Message-ID"].split("-")[3] for message in self.messages)


def serve(mailbox: Mailbox):
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller


@pytest.fixture
def mailbox(settings):
    box = Mailbox()
    controller = serve(box)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # pytest-django set it to locmem
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", controller.port, 10
    settings.DEFAULT_FROM_EMAIL = f"Ombudsman letters <{FROM}>"
    yield box
    controller.stop()


# Contacts by council: role → (name, email); Hartlepool's chief executive has no email, Camden no contacts.
CONTACTS = {
    SEFTON: {ContactRole.CHIEF_EXECUTIVE: ("Alex Example", "ce@sefton.example"),
             ContactRole.LINK_OFFICER: ("Sam Link", "link@sefton.example"),
             ContactRole.LEADER: ("Jo Leader", "leader@sefton.example"),
             ContactRole.SCRUTINY_CHAIR: ("Chris Scrutiny", "scrutiny@sefton.example"),
             ContactRole.MONITORING_OFFICER: ("Pat Monitor", "monitor@sefton.example")},
    LIVERPOOL: {ContactRole.CHIEF_EXECUTIVE: ("Lee Chief", "ce@liverpool.example"),
                ContactRole.LINK_OFFICER: ("Lou Link", ""),
                ContactRole.LEADER: ("Lyn Leader", "leader@liverpool.example")},
    HARTLEPOOL: {ContactRole.CHIEF_EXECUTIVE: ("Hal Chief", ""),
                 ContactRole.LINK_OFFICER: ("Harry Link", "link@hartlepool.example")},
    KENT: {ContactRole.CHIEF_EXECUTIVE: ("Kim Chief", "ce@kent.example")},
}
WITH_EMAIL = [KENT, LIVERPOOL, SEFTON]


@pytest.fixture
def contacts(db):
    for gss, people in CONTACTS.items():
        council = Authority.objects.get(gss=gss)
        Contact.objects.bulk_create(Contact(authority=council, role=role, name=name, email=address)
                                    for role, (name, address) in people.items())


def send(*args) -> tuple[str, str]:
    """Run `letters send`: its output, and the message of the error it ends with ("" when it succeeds)."""
    out = io.StringIO()
    try:
        call_command("letters", "send", "--year", "2023-24", *args, "--no-progress", stdout=out, stderr=io.StringIO())
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), ""


def message_id(gss: str, figures: str = "live") -> str:
    return f"<letter-2023-24-{gss}-{figures}@ombudsman.example>"


def test_each_chief_executive_with_an_email_gets_one_letter_with_the_pdf_and_copies(contacts, mailbox):
    output, error = send()
    messages = {message["Message-ID"]: message for message in mailbox.messages}
    assert sorted(messages) == sorted(message_id(gss) for gss in WITH_EMAIL)
    sefton = messages[message_id(SEFTON)]
    assert sefton["From"] == f"Ombudsman letters <{FROM}>"
    assert sefton["To"] == "ce@sefton.example"
    assert sefton["Cc"] == "link@sefton.example, leader@sefton.example, scrutiny@sefton.example, monitor@sefton.example"
    assert sefton["Subject"] == "Annual review letter 2024: Sefton Metropolitan Borough Council"
    attachments = list(sefton.iter_attachments())
    assert [(part.get_filename(), part.get_content_type()) for part in attachments] == [
        ("E08000014-sefton-2023-24.pdf", "application/pdf")]
    assert attachments[0].get_content().startswith(b"%PDF-")
    covering = sefton.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert covering.startswith("Dear Alex Example,\n\nPlease find attached our annual review letter to Sefton "
                               "Metropolitan Borough Council for 2023-24, with the year's statistics "
                               "(E08000014-sefton-2023-24.pdf).\n")
    assert "embargo" not in covering  # no release is scheduled
    assert "Sefton Metropolitan Borough Council" in sefton.get_body(("html",)).get_content()
    assert messages[message_id(LIVERPOOL)]["Cc"] == "leader@liverpool.example"
    assert messages[message_id(KENT)]["Cc"] is None

    rows = {row.authority.gss: row for row in Delivery.objects.select_related("authority")}
    assert sorted(rows) == sorted(WITH_EMAIL)
    assert {row.state for row in rows.values()} == {DeliveryState.SENT}
    assert (rows[LIVERPOOL].to, rows[LIVERPOOL].cc, rows[LIVERPOOL].message_id) == (
        "ce@liverpool.example", ["leader@liverpool.example"], message_id(LIVERPOOL))
    assert rows[SEFTON].sent_at is not None and rows[SEFTON].figures_version is None

    missing = output[output.index("No chief executive email"):].splitlines()
    assert "  E06000001 Hartlepool Borough Council" in missing
    assert "  E09000007 London Borough of Camden" in missing
    assert not any(gss in line for line in missing for gss in WITH_EMAIL)
    councils = len(missing) - 1
    assert output.splitlines()[-1].startswith("Sent 3 letters for 2023-24 in ")
    assert output.splitlines()[-1].endswith(f"; 0 already sent; {councils - 1} without a chief executive email.")
    assert error == f"not every council has its 2023-24 letter: {councils - 1} without a chief executive email"

    again, _ = send()
    assert len(mailbox.raw) == 3
    assert again.splitlines()[-1].startswith("Sent 0 letters for 2023-24 in ")
    assert "; 3 already sent; " in again.splitlines()[-1]


def test_one_council_with_frozen_figures_under_embargo(contacts, mailbox):
    release = schedule_release(Y2023, timezone.now() + datetime.timedelta(days=7))
    version = release.versions.get()
    output, error = send("--authority", SEFTON)
    assert error == ""
    assert output.splitlines()[-1].startswith("Sent 1 letter for 2023-24 in ")
    [message] = mailbox.messages
    assert message["Message-ID"] == message_id(SEFTON, "v1")
    at = timezone.localtime(release.scheduled_for)
    assert f"under embargo until {at:%H:%M} on {at.day} {at:%B %Y}" in message.get_body(("plain",)).get_content()
    row = Delivery.objects.get()
    assert (row.figures_version, row.figures_frozen_at) == (version, version.frozen_at)


def test_dry_run_sends_and_records_nothing(contacts, mailbox):
    output, error = send("--dry-run")
    assert mailbox.raw == [] and not Delivery.objects.exists()
    assert ("  E08000014 Sefton Metropolitan Borough Council: to ce@sefton.example; cc link@sefton.example, "
            "leader@sefton.example, scrutiny@sefton.example, monitor@sefton.example") in output.splitlines()
    assert "  E10000016 Kent County Council: to ce@kent.example" in output.splitlines()
    assert output.splitlines()[-1].startswith("Dry run: would send 3 letters for 2023-24 in ")
    assert "without a chief executive email" in error


def test_a_refused_letter_is_sent_on_the_next_run(contacts, mailbox):
    mailbox.refuse = {"ce@kent.example"}
    output, error = send()
    assert sorted(mailbox.by_council()) == [LIVERPOOL, SEFTON]
    assert "Refused by the mail server; the next run sends them again (1):" in output
    assert "  E10000016 Kent County Council: ce@kent.example: 550 5.1.1 No such mailbox" in output
    assert "1 refused" in error
    assert Delivery.objects.get(authority__gss=KENT).state == DeliveryState.REFUSED

    mailbox.refuse = set()
    output, error = send()
    assert mailbox.by_council() == Counter(WITH_EMAIL)
    assert Delivery.objects.get(authority__gss=KENT).attempts == 2
    assert "refused" not in error


SEFTON_COPIES = ["link@sefton.example", "leader@sefton.example", "scrutiny@sefton.example", "monitor@sefton.example"]
BUSY = "451 4.3.0 Mailbox busy, try again later"


def test_a_letter_the_server_takes_only_for_the_copies_is_refused_and_goes_to_the_chief_executive_next(
        contacts, mailbox):
    """A refusal at RCPT is no bounce: if the chief executive's address is refused while the copies are taken,
    nobody would ever report that the letter did not reach its addressee."""
    mailbox.defer = {"ce@sefton.example"}
    output, error = send("--authority", SEFTON)
    assert mailbox.envelopes == [SEFTON_COPIES]  # the server took it for the copies only
    row = Delivery.objects.get(authority__gss=SEFTON)
    assert row.state == DeliveryState.REFUSED
    assert row.note == f"ce@sefton.example: {BUSY}"
    assert row.accepted == SEFTON_COPIES
    assert "Refused by the mail server; the next run sends them again (1):" in output
    assert f"  E08000014 Sefton Metropolitan Borough Council: ce@sefton.example: {BUSY}" in output.splitlines()
    assert error == "not every council has its 2023-24 letter: 1 refused by the mail server"

    mailbox.defer = set()
    output, error = send("--authority", SEFTON)
    assert error == ""
    assert mailbox.envelopes[1] == ["ce@sefton.example"]  # the copies already have it: not sent them twice
    again = mailbox.messages[1]
    assert (again["Message-ID"], again["To"]) == (message_id(SEFTON), "ce@sefton.example")
    assert again["Cc"] == ", ".join(SEFTON_COPIES)  # the letter itself still says who it is copied to
    row.refresh_from_db()
    assert (row.state, row.attempts, row.note) == (DeliveryState.SENT, 2, "")
    assert row.accepted == [*SEFTON_COPIES, "ce@sefton.example"]
    assert send("--authority", SEFTON)[1] == "" and len(mailbox.raw) == 2


def test_a_refused_copy_is_recorded_and_reported_and_the_letter_is_sent(contacts, mailbox):
    mailbox.defer = {"leader@sefton.example"}
    output, error = send("--authority", SEFTON)
    assert mailbox.envelopes == [["ce@sefton.example", "link@sefton.example", "scrutiny@sefton.example",
                                  "monitor@sefton.example"]]
    row = Delivery.objects.get(authority__gss=SEFTON)
    assert row.state == DeliveryState.SENT
    assert row.note == f"Copy refused: leader@sefton.example: {BUSY}"
    assert "leader@sefton.example" not in row.accepted and "ce@sefton.example" in row.accepted
    assert "Copies refused by the mail server; the letters were sent (1):" in output
    assert f"  E08000014 Sefton Metropolitan Borough Council: leader@sefton.example: {BUSY}" in output.splitlines()
    assert output.splitlines()[-1].endswith("; 0 already sent; 1 copy refused.")
    assert error == ("every council has its 2023-24 letter, but 1 copy was refused by the mail server: forward "
                     "the letter to each address listed above, or correct it")

    output, error = send("--authority", SEFTON)  # sent: not sent again, and the copy is not reported again
    assert len(mailbox.raw) == 1 and error == "" and "; 1 already sent." in output


def in_doubt(gss: str) -> Delivery:
    """The row a run leaves when it is killed between claiming a letter and recording the server's answer."""
    return Delivery.objects.create(authority=Authority.objects.get(gss=gss), year=2023, state=DeliveryState.SENDING,
                                   message_id=message_id(gss), attempts=1, claimed_at=timezone.now())


def test_letters_in_doubt_are_held_until_confirmed_or_resent(contacts, mailbox):
    in_doubt(SEFTON)
    in_doubt(KENT)
    output, error = send()
    assert mailbox.by_council() == Counter([LIVERPOOL])
    assert "In doubt: a run stopped after claiming these" in output
    assert f"  E08000014 Sefton Metropolitan Borough Council {message_id(SEFTON)}" in output.splitlines()
    assert "2 in doubt" in error

    output, error = send("--authority", SEFTON, "--confirm-in-doubt")
    assert error == "" and "In doubt, recorded as delivered without sending (1):" in output
    sefton = Delivery.objects.get(authority__gss=SEFTON)
    assert (sefton.state, sefton.sent_at) == (DeliveryState.SENT, sefton.claimed_at)
    assert sefton.note.startswith("In doubt; confirmed as delivered by an operator on ")

    output, error = send("--resend-in-doubt")
    assert mailbox.by_council() == Counter([LIVERPOOL, KENT])
    kent = Delivery.objects.get(authority__gss=KENT)
    assert (kent.state, kent.attempts) == (DeliveryState.SENT, 2)
    assert "in doubt" not in error
    assert send()[1].count("in doubt") == 0 and len(mailbox.raw) == 2


def test_a_connection_lost_before_the_servers_answer_stops_the_run_in_doubt(contacts, mailbox):
    mailbox.on_data = lambda count, server: count == 2 and server.transport.close()
    output, error = send()
    assert len(mailbox.raw) == 2  # the second arrived, but the client cannot know
    second = mailbox.messages[1]["Message-ID"]
    assert output.splitlines()[-2].startswith("Stopped: the connection to the mail server failed")
    assert any(line.endswith(second) for line in output.splitlines())
    assert "1 in doubt" in error
    assert Counter(row.state for row in Delivery.objects.all()) == {
        DeliveryState.SENT: 1, DeliveryState.SENDING: 1, DeliveryState.PENDING: 1}

    mailbox.on_data = None
    send()
    assert sorted(mailbox.by_council().values()) == [1, 1, 1]


def test_an_unreachable_mail_server_claims_nothing(contacts, mailbox, settings):
    settings.EMAIL_PORT = free_port()
    with pytest.raises(CommandError, match=r"cannot reach the mail server at 127\.0\.0\.1:\d+: .*; nothing was sent"):
        call_command("letters", "send", "--year", "2023-24", "--no-progress", stdout=io.StringIO())
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.PENDING}


@pytest.mark.parametrize(("args", "message"), [
    (["send", "--out", "x"], "`letters send` emails the letters: it takes no --out"),
    (["--dry-run", "--out", "x"], "--dry-run, --resend-in-doubt and --confirm-in-doubt are for `letters send`"),
    ([], "--out is required"),
    (["send", "--authority", "E99999999"], "no council has the code 'E99999999'"),
])
def test_clear_errors(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("letters", "--year", "2023-24", *args, stdout=io.StringIO())


# Kill and resume: the console script in a subprocess, on its own SQLite database.

KILLED_COUNCILS = [SEFTON, LIVERPOOL, HARTLEPOOL, KENT, CAMDEN]  # every one with a chief executive email


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A database file with the register and a chief executive (and a copy) at five councils."""
    folder = tmp_path_factory.mktemp("delivery")
    path = folder / "db.sqlite3"
    rows = ["authority,role,name,email"] + [
        f"{gss},{role},Person {n},{role.replace(' ', '.')}@{gss.lower()}.example"
        for n, gss in enumerate(KILLED_COUNCILS) for role in ("chief executive", "leader")]
    (folder / "contacts.csv").write_text("\n".join(rows) + "\n")
    for args in (["setup"], ["import", "contacts", str(folder / "contacts.csv"), "--no-progress"]):
        result = subprocess.run([str(UPHELD), *args], env=environment(path, 1), capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, result.stderr
    return path


def environment(database: Path, port: int) -> dict:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "UPHELD_VAR_DIR": str(database.parent),
            "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port), "DEFAULT_FROM_EMAIL": FROM}


class Killer:
    """Runs the console script and SIGKILLs it from inside the SMTP server at the `at`-th transaction."""

    def __init__(self, database: Path, year: str, at: int, moment: str):
        self.database, self.year, self.at = database, year, at
        self.process: subprocess.Popen | None = None
        hook = {"mail": lambda count: self.kill(count), "data": lambda count, server: self.kill(count)}
        self.mailbox = Mailbox(**{f"on_{moment}": hook[moment]})
        self.controller = serve(self.mailbox)

    def kill(self, count: int) -> None:
        if self.process and count == self.at:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def run(self, *args, killed: bool = False) -> subprocess.CompletedProcess:
        self.process = subprocess.Popen(
            [str(UPHELD), "letters", "send", "--year", self.year, *args], env=environment(self.database,
                                                                                        self.controller.port),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out, err = self.process.communicate(timeout=60)
        result = subprocess.CompletedProcess(self.process.args, self.process.returncode, out, err)
        self.process = None
        assert (result.returncode == -signal.SIGKILL) == killed, result.stderr
        return result

    def received(self) -> Counter:
        return self.mailbox.by_council()


def test_killed_after_the_server_took_a_letter_the_rerun_does_not_send_it_again(database):
    killer = Killer(database, "2022-23", at=3, moment="data")
    try:
        killer.run(killed=True)
        assert sum(killer.received().values()) == 3  # the third arrived; its row still says "sending"
        third = killer.mailbox.messages[2]["Message-ID"]

        rerun = killer.run()
        assert killer.received() == Counter(KILLED_COUNCILS)  # one each: the third was not sent again
        assert rerun.returncode == 1
        assert any(line.startswith("  ") and line.endswith(third) for line in rerun.stdout.splitlines())
        assert "1 in doubt" in rerun.stderr

        confirmed = killer.run("--confirm-in-doubt")
        assert "In doubt, recorded as delivered without sending (1):" in confirmed.stdout
        last = killer.run()
        assert "in doubt" not in last.stdout + last.stderr
        assert "; 5 already sent; " in last.stdout
        assert killer.received() == Counter(KILLED_COUNCILS)
    finally:
        killer.controller.stop()


def test_killed_before_the_server_took_a_letter_only_resend_in_doubt_sends_it(database):
    killer = Killer(database, "2023-24", at=3, moment="mail")
    try:
        killer.run(killed=True)
        assert sum(killer.received().values()) == 2

        rerun = killer.run()
        assert sum(killer.received().values()) == 4  # the third is in doubt, so held
        assert "1 in doubt" in rerun.stderr
        missing = set(KILLED_COUNCILS) - set(killer.received())

        killer.run("--resend-in-doubt")
        assert killer.received() == Counter(KILLED_COUNCILS)
        assert [message["Message-ID"] for message in killer.mailbox.messages].count(
            f"<letter-2023-24-{missing.pop()}-live@ombudsman.example>") == 1
    finally:
        killer.controller.stop()
