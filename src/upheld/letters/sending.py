"""One message to the mail server at most once: the claim, send and answer steps that letters and alerts share.

A sender builds its message fully first, so nothing is left to fail once it is
claimed; `send_once` then (re)opens the connection, asks the caller to claim
the message (a committed record saying "sending", written before the server
hears of it), sends it, and says what the server answered. The caller records
that answer: "sent", "refused" (the server said no before taking the
message, so sending again is safe), or "in doubt" (the connection failed
while the server may already have taken the message, so only an operator
may decide to send it again; the run stops there).

A message is "sent" only when the server took it for its addressee, the first
To. A server may refuse some recipients at RCPT and take the message for the
others; that refusal is no bounce (nobody reports it later), and smtplib says
so only in the value it returns, which Django's `send_messages` drops. So the
message goes through the connection's smtplib client here, and a refused
addressee makes the answer "refused" even when the copies were taken; the
answer names every refused recipient, for the caller to record.
"""

from __future__ import annotations

import contextlib
import smtplib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import sanitize_address

# The server answered, and the answer was no: it did not take the message, so sending again is safe.
REFUSALS = (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused, smtplib.SMTPNotSupportedError)

SENT, REFUSED, IN_DOUBT, TAKEN, UNREACHABLE = "sent", "refused", "in doubt", "taken", "unreachable"


class MailServerUnreachable(Exception):
    """No connection to the mail server, so nothing was claimed or sent."""


@dataclass(frozen=True)
class Answer:
    """What became of one message: one of SENT, REFUSED, IN_DOUBT, TAKEN (another run claimed it first) or
    UNREACHABLE (the connection could not be opened again; nothing was claimed), with the server's words,
    and each recipient the server refused with its reply (when SENT, only copies: the addressee was taken)."""

    outcome: str
    error: str = ""
    refused: dict[str, str] = field(default_factory=dict)

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


def send_once(connection, message: EmailMessage, claim: Callable[[], bool], *, first: bool,
              recipients: list[str] | None = None) -> Answer:
    """Claim, then send `message` to `recipients` (default: its To and Cc), its addressee (the first To)
    among them. `claim()` commits the claim and is False if another run got there first.
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
    encoding = message.encoding or settings.DEFAULT_CHARSET
    # Each recipient as smtplib is given it and names it when refused, and as the caller gave it.
    given = {sanitize_address(address, encoding): address
             for address in (message.recipients() if recipients is None else recipients)}
    try:
        replies = connection.connection.sendmail(sanitize_address(message.from_email, encoding), list(given),
                                                 message.message().as_bytes(linesep="\r\n"))
    except REFUSALS as error:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()
        if isinstance(error, smtplib.SMTPRecipientsRefused):  # every one: the server did not take the message
            refused = _refused(given, error.recipients)
            return Answer(REFUSED, _listed(refused), refused)
        return Answer(REFUSED, str(error))
    except (smtplib.SMTPException, OSError) as error:  # the server may or may not have taken the message
        return Answer(IN_DOUBT, str(error))
    refused = _refused(given, replies)
    addressee = message.to[0]
    if addressee in refused:  # taken for the copies only: it has not reached the one it is to
        return Answer(REFUSED, _listed({addressee: refused[addressee]}), refused)
    return Answer(SENT, refused=refused)


def _refused(given: dict[str, str], replies: dict[str, tuple[int, bytes]]) -> dict[str, str]:
    """smtplib's refused recipients ({address sent: (code, reply)}) as the caller named them, with the reply."""
    return {given.get(address, address): f"{code} {' '.join(reply.decode('utf-8', 'replace').split())}"
            for address, (code, reply) in replies.items()}


def _listed(refused: dict[str, str]) -> str:
    return "; ".join(f"{address}: {reply}" for address, reply in refused.items())


def attention_lines(sections: list[tuple[list, str]], stopped: str) -> list[str]:
    """An operator's report of a run: each non-empty list under its heading, then why the run stopped."""
    lines = []
    for found, heading in sections:
        if found:
            lines += [f"{heading} ({len(found):,}):", *(f"  {entry}" for entry in found)]
    if stopped:
        lines.append(f"Stopped: {stopped}.")
    return lines
