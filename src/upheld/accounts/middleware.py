"""Request-time guards: the absolute session limit and the second factor.

Both run after Django's authentication (and django-otp's) middleware, so
every view, the admin included, sees only sessions that are in time and,
for staff, verified. A view reachable before verification is marked with
`second_factor_exempt`.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

from upheld.accounts.second_factor import needs_second_factor, second_factor_redirect
from upheld.accounts.sessions import session_expired


class SessionLimitsMiddleware:
    """Sign out a session past its absolute lifetime and ask for a fresh sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and session_expired(request):
            logout(request)
            messages.info(request, "Your session has ended. Sign in again to continue.")
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class SecondFactorMiddleware:
    """Send staff who have given a password but no second factor to give one (or to enrol)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "second_factor_exempt", False) or not needs_second_factor(request):
            return None
        return second_factor_redirect(request)
