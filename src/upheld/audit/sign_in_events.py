"""Sign-ins, failed sign-ins and sign-outs, from Django's authentication signals."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from upheld.audit.models import Action
from upheld.audit.record import record


def _logged_in(sender, request, user, **kwargs) -> None:
    record(Action.LOGIN, user, request=request, actor=user)


def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(Action.LOGOUT, user, request=request, actor=user)


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    # The name tried is kept (it may be a real account under attack); Django has
    # already masked the password in `credentials`.
    username = str(credentials.get("username", ""))[:150]
    record(Action.LOGIN_FAILED, request=request, object_type="auth.user", object_repr=username,
           after={"username": username})


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="audit-logged-in")
    user_logged_out.connect(_logged_out, dispatch_uid="audit-logged-out")
    user_login_failed.connect(_login_failed, dispatch_uid="audit-login-failed")
