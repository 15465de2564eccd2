"""Sign-in, second-factor and password forms, with GOV.UK Frontend classes on every input."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm

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
    pass


class NewPasswordForm(GovukForm, SetPasswordForm):
    pass


class ChangePasswordForm(GovukForm, PasswordChangeForm):
    pass
