"""The second factor (TOTP) that every staff sign-in needs.

django-otp's middleware marks a session verified once a token from one of
the user's confirmed devices has been accepted; these helpers say who still
needs to give one, and where to send them: to enrol an authenticator app if
they have none yet, else to enter a code.
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import devices_for_user


def requires_second_factor(user) -> bool:
    """Staff accounts (and superusers) must verify a second factor; council users need not."""
    return user.is_authenticated and (user.is_staff or user.is_superuser)


def is_verified(request) -> bool:
    check = getattr(request.user, "is_verified", None)
    return bool(check and check())


def needs_second_factor(request) -> bool:
    return requires_second_factor(request.user) and not is_verified(request)


def has_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def second_factor_redirect(request, next_url: str | None = None):
    """Send a signed-in but unverified user to enter a code, or to enrol if they have no device."""
    name = "accounts:verify" if has_device(request.user) else "accounts:enrol"
    return redirect(f"{reverse(name)}?{urlencode({'next': next_url or request.get_full_path()})}")


def second_factor_exempt(view):
    """Mark a view as reachable before the second factor (sign-in, sign-out, enrolment)."""
    view.second_factor_exempt = True
    return view


def safe_next(request, default: str) -> str:
    """The `next` address of a request if it stays on this site, else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                                     require_https=request.is_secure()):
        return candidate
    return default
