"""The subscribe form, with GOV.UK Frontend classes on its inputs."""

from django import forms
from django.contrib.auth.base_user import BaseUserManager

from upheld.alerts.models import Kind


class Checkboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose field's id is its first box's, where the GOV.UK error summary must link to."""

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Email address", max_length=254,
        help_text="We use it only to send these alerts, and never show it on the site.",
        error_messages={"required": "Enter your email address",
                        "invalid": "Enter an email address in the correct format, like name@example.com"},
        widget=forms.EmailInput(attrs={"class": "govuk-input", "autocomplete": "email", "spellcheck": "false"}))
    kinds = forms.MultipleChoiceField(
        label="What do you want alerts about?", choices=Kind.choices, initial=Kind.values,
        error_messages={"required": "Select what you want alerts about"},
        widget=Checkboxes(attrs={"class": "govuk-checkboxes__input"}))

    def full_clean(self):
        super().full_clean()
        if "email" in self.errors:
            self.fields["email"].widget.attrs["class"] = "govuk-input govuk-input--error"

    def clean_email(self) -> str:
        """The address as given, its domain in lower case (domains are not case-sensitive; local parts may be)."""
        return BaseUserManager.normalize_email(self.cleaned_data["email"].strip())

    @property
    def chosen(self) -> list[Kind]:
        return [Kind(value) for value in self.cleaned_data["kinds"]]
