"""Session lifetimes: idle and absolute.

The idle limit is Django's own: `SESSION_COOKIE_AGE` with
`SESSION_SAVE_EVERY_REQUEST`, so each request pushes the server-side expiry
on and a session left alone expires in the database, whatever the browser
keeps. The absolute limit is ours: the time of sign-in is kept in the
session, and `SessionLimitsMiddleware` ends any session older than
`UPHELD_SESSION_MAX_HOURS`, however busy, so a stolen session cookie is of
use for a working day at most.
"""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

SIGNED_IN_AT = "upheld_signed_in_at"


@receiver(user_logged_in)
def stamp_sign_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()


def session_expired(request) -> bool:
    """Whether the signed-in session began longer ago than the absolute limit."""
    started = request.session.get(SIGNED_IN_AT)
    if started is None:
        # A session from before the stamp existed: start the clock now.
        request.session[SIGNED_IN_AT] = time.time()
        return False
    return time.time() - started > settings.UPHELD_SESSION_MAX_HOURS * 3600
