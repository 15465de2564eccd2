"""Sign-in, second-factor and password forms, with GOV.UK Frontend classes on every input."""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.mail import EmailMultiAlternatives
from django.template import loader

from upheld.accounts.outgoing import send_later

CHOOSING_ADVICE = ("Use at least 12 characters. A few unrelated words make a strong password that is easy to "
                   "remember. Passwords that are common or found in data breaches are not accepted.")


class GovukForm:
    """Gives each input the GOV.UK classes, marking those with errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "govuk-input"
            if name.startswith("new_password") and name.endswith("1"):
                field.help_text = CHOOSING_ADVICE
            elif name.startswith("new_password"):
                field.help_text = ""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] = "govuk-input govuk-input--error"


class SignInForm(GovukForm, AuthenticationForm):
    """One message for every refusal: no way to tell a wrong password from an unknown user."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "Enter a correct username and password. Both are case-sensitive.",
    }


class TokenForm(GovukForm, forms.Form):
    token = forms.CharField(
        label="Code from your authenticator app", max_length=10,
        help_text="The 6-digit code shown in the app, for example 123456.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "spellcheck": "false"}),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError("Enter the 6-digit code from your authenticator app.")
        return token


class ResetRequestForm(GovukForm, PasswordResetForm):
    """Sends a reset link to an account's address, telling nobody whether the address has one.

    The page says the same either way (the view), and the request does the same
    work either way: an address with no account gets a stand-in user, for whom
    the token is made and the email written exactly as for a real one; only
    the last step differs, a real one's email being handed to the sending
    thread (`outgoing`) and the stand-in's dropped. The response never waits
    for the mail server. The link is on the configured address
    (`UPHELD_SITE_URL`), never the host and port the request named.
    """

    def save(self, **options):
        options["domain_override"] = urlsplit(settings.UPHELD_SITE_URL).netloc  # keeps the Host header out
        options["extra_email_context"] = {**(options.get("extra_email_context") or {}),
                                          "site_url": settings.UPHELD_SITE_URL}
        super().save(**options)

    def get_users(self, email):
        return list(super().get_users(email)) or [get_user_model()(email=email)]

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        message = EmailMultiAlternatives(subject, loader.render_to_string(email_template_name, context),
                                         from_email, [to_email])
        if context["user"].pk is not None:  # not the stand-in
            send_later(message)


class NewPasswordForm(GovukForm, SetPasswordForm):
    pass


class ChangePasswordForm(GovukForm, PasswordChangeForm):
    pass
