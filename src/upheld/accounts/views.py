"""Sign-in, second factor, sign-out and passwords.

Sign-in is two steps for staff: the password (throttled by django-axes, one
message for every refusal), then a code from an authenticator app, or, the
first time, enrolling one. Until the second step the session is signed in
but unverified, and `SecondFactorMiddleware` lets it reach only the views
here marked `second_factor_exempt`. The session key changes at each step.
"""

import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from upheld.accounts import forms
from upheld.accounts.qr import qr_data_uri
from upheld.accounts.roles import council_of, staff_roles
from upheld.accounts.second_factor import (
    has_device,
    is_verified,
    requires_second_factor,
    safe_next,
    second_factor_exempt,
    second_factor_redirect,
)
from upheld.audit.models import Action
from upheld.audit.record import record


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = forms.SignInForm

    def form_valid(self, form):
        response = super().form_valid(form)
        if requires_second_factor(self.request.user):
            return second_factor_redirect(self.request, self.get_success_url())
        return response


class SignOutView(auth_views.LogoutView):
    next_page = reverse_lazy("accounts:signed-out")


sign_in = second_factor_exempt(SignInView.as_view())
sign_out = second_factor_exempt(SignOutView.as_view())


@second_factor_exempt
def signed_out(request):
    return render(request, "accounts/signed_out.html")


@never_cache
@login_required
def start(request):
    """Where sign-in lands: what this account is and where it can go."""
    return render(request, "accounts/start.html", {
        "roles": sorted(role.label for role in staff_roles(request.user)),
        "council": council_of(request.user),
    })


def _verified(request, device, action: Action, next_url: str):
    otp_login(request, device)
    request.session.cycle_key()
    record(action, device, request=request)
    return redirect(next_url)


@second_factor_exempt
@sensitive_post_parameters("token")
@never_cache
@login_required
def verify(request):
    """Ask for the current code from the staff member's authenticator app."""
    next_url = safe_next(request, default=reverse("accounts:start"))
    if not requires_second_factor(request.user) or is_verified(request):
        return redirect(next_url)
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    if device is None:
        return second_factor_redirect(request, next_url)
    form = forms.TokenForm(request.POST or None)
    if form.is_valid():
        # Asked before trying the code: a wrong code starts a pause, and the code that started it
        # is "not right", not "too many".
        allowed, _ = device.verify_is_allowed()
        accepted = verify_token(request.user, device.persistent_id, form.cleaned_data["token"]) if allowed else None
        if accepted is not None:
            return _verified(request, accepted, Action.VERIFY, next_url)
        form.add_error("token", "The code is not right. Check the time on your phone and enter the code now shown."
                       if allowed else "Too many wrong codes. Wait a minute, then enter the code now shown.")
    return render(request, "accounts/verify.html", {"form": form, "next": next_url})


@second_factor_exempt
@sensitive_post_parameters("token")
@never_cache
@login_required
def enrol(request):
    """First sign-in of a staff member: set up an authenticator app (TOTP).

    Only an account with no confirmed device may enrol; afterwards a lost
    phone is dealt with by an administrator deleting the device, so that
    the next sign-in enrols again."""
    next_url = safe_next(request, default=reverse("accounts:start"))
    if not requires_second_factor(request.user) or is_verified(request):
        return redirect(next_url)
    if has_device(request.user):
        return second_factor_redirect(request, next_url)
    with transaction.atomic():
        device = TOTPDevice.objects.devices_for_user(request.user, confirmed=False).select_for_update().first()
        if device is None:
            device = TOTPDevice.objects.create(user=request.user, name="Authenticator app", confirmed=False)
    form = forms.TokenForm(request.POST or None)
    if form.is_valid():
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            if device.verify_token(form.cleaned_data["token"]):
                device.confirmed = True
                device.save()
                TOTPDevice.objects.devices_for_user(request.user, confirmed=False).delete()
                return _verified(request, device, Action.ENROL, next_url)
        form.add_error("token", "The code is not right. Scan the QR code again, or type the key, and enter the "
                                "code now shown.")
    secret = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/enrol.html", {
        "form": form, "next": next_url, "qr": qr_data_uri(device.config_url),
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
    })


# Passwords ------------------------------------------------------------------------------------------------

class ResetRequestView(auth_views.PasswordResetView):
    """Always the same answer, so the page tells nobody whether an address has an account."""

    template_name = "accounts/reset_request.html"
    form_class = forms.ResetRequestForm
    email_template_name = "accounts/reset_email.txt"
    subject_template_name = "accounts/reset_subject.txt"
    success_url = reverse_lazy("accounts:reset-sent")


class RecordsNewPassword:
    """Puts each new password (never its value) in the audit trail."""

    how = ""

    def form_valid(self, form):
        response = super().form_valid(form)
        record(Action.PASSWORD, form.user, request=self.request, actor=form.user, after={"how": self.how})
        return response


class ResetConfirmView(RecordsNewPassword, auth_views.PasswordResetConfirmView):
    template_name = "accounts/reset_confirm.html"
    form_class = forms.NewPasswordForm
    success_url = reverse_lazy("accounts:reset-done")
    how = "reset by email"


class ChangePasswordView(RecordsNewPassword, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = forms.ChangePasswordForm
    success_url = reverse_lazy("accounts:start")
    how = "changed when signed in"

    def form_valid(self, form):
        messages.success(self.request, "Your password has been changed.")
        return super().form_valid(form)


reset_request = second_factor_exempt(ResetRequestView.as_view())
reset_sent = second_factor_exempt(auth_views.PasswordResetDoneView.as_view(template_name="accounts/reset_sent.html"))
reset_confirm = second_factor_exempt(ResetConfirmView.as_view())
reset_done = second_factor_exempt(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/reset_done.html"))
change_password = ChangePasswordView.as_view()


def locked_out(request, original_response=None, credentials=None):
    """django-axes's answer once a username and address have failed too often.

    The same page whether or not the username exists (nothing from the
    request is shown), so the lockout cannot be used to find accounts."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
