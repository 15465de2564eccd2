"""Email that a request asks for but does not wait for: handed to one sending thread per process.

A password-reset request must answer the same, in the same time, whether or
not the address has an account; talking to the mail server takes far longer
than anything else the request does, so the response cannot wait for it.
Messages are sent in order by one thread; a failure is logged (the person
asks again), as Django's own reset form does.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from django.core.mail import EmailMessage

logger = logging.getLogger(__name__)

_sender = ThreadPoolExecutor(max_workers=1, thread_name_prefix="upheld-mail")


def send_later(message: EmailMessage) -> None:
    _sender.submit(_send, message)


def _send(message: EmailMessage) -> None:
    try:
        message.send()
    except Exception:
        logger.exception("could not send %r to the mail server", message.subject)


def wait() -> None:
    """Return once every message handed over so far has been sent (or failed)."""
    _sender.submit(lambda: None).result()
