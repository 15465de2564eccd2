"""One message to the mail server at most once: the claim, send and answer steps that letters and alerts share.

A sender builds its message fully first, so nothing is left to fail once it is
claimed; `send_once` then (re)opens the connection, asks the caller to claim
the message (a committed record saying "sending", written before the server
hears of it), sends it, and says what the server answered. The caller records
that answer: "sent", "refused" (the server said no before taking the
message, so sending again is safe), or "in doubt" (the connection failed
while the server may already have taken the message, so only an operator
may decide to send it again; the run stops there).
"""

from __future__ import annotations

import contextlib
import smtplib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

# The server answered, and the answer was no: it did not take the message, so sending again is safe.
REFUSALS = (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused, smtplib.SMTPNotSupportedError)

SENT, REFUSED, IN_DOUBT, TAKEN, UNREACHABLE = "sent", "refused", "in doubt", "taken", "unreachable"


class MailServerUnreachable(Exception):
    """No connection to the mail server, so nothing was claimed or sent."""


@dataclass(frozen=True)
class Answer:
    """What became of one message: one of SENT, REFUSED, IN_DOUBT, TAKEN (another run claimed it first) or
    UNREACHABLE (the connection could not be opened again; nothing was claimed), with the server's words."""

    outcome: str
    error: str = ""

    @property
    def stops_run(self) -> bool:
        """The connection is gone: sending more now would only add to what is in doubt or unsent."""
        return self.outcome in (IN_DOUBT, UNREACHABLE)


def mail_domain() -> str:
    """The domain of `DEFAULT_FROM_EMAIL`, for the Message-IDs we give (`localhost` if it has none)."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"


@contextlib.contextmanager
def smtp_connection() -> Iterator:
    """The configured mail connection (EMAIL_HOST, EMAIL_PORT, …), closed at the end whatever happened."""
    connection = get_connection(fail_silently=False)
    try:
        yield connection
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()


def send_once(connection, message: EmailMessage, claim: Callable[[], bool], *, first: bool) -> Answer:
    """Claim, then send `message`. `claim()` commits the claim and is False if another run got there first.
    `first`: nothing has been sent on this connection yet, so failing to connect means the server cannot
    be reached at all (`MailServerUnreachable`) rather than that it went away during the run."""
    try:
        connection.open()  # reconnects after a refusal closed it; nothing is claimed yet
    except OSError as error:
        if first:
            raise MailServerUnreachable(f"{connection.host}:{connection.port}: {error}") from None
        return Answer(UNREACHABLE, str(error))
    if not claim():
        return Answer(TAKEN)
    try:
        connection.send_messages([message])
    except REFUSALS as error:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()
        return Answer(REFUSED, str(error))
    except (smtplib.SMTPException, OSError) as error:  # the server may or may not have taken the message
        return Answer(IN_DOUBT, str(error))
    return Answer(SENT)


def attention_lines(sections: list[tuple[list, str]], stopped: str) -> list[str]:
    """An operator's report of a run: each non-empty list under its heading, then why the run stopped."""
    lines = []
    for found, heading in sections:
        if found:
            lines += [f"{heading} ({len(found):,}):", *(f"  {entry}" for entry in found)]
    if stopped:
        lines.append(f"Stopped: {stopped}.")
    return lines
