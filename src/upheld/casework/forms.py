"""The casework screens' forms, one per purpose.

Model forms validate through the models' `clean()`, which applies
`upheld.casework.rules` (the same rules as the admin and the imports). Every
form that changes an existing record carries the `version` it was loaded at,
as a hidden field, for `upheld.casework.services` to refuse a stale save, and
the values it was opened with, so that a save writes only what its user
changed and a refused one can be opened again on the record as saved now
with the user's changes kept (`Versioned`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.forms.boundfield import BoundField
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html_join

from upheld.authorities.models import Authority
from upheld.casework import rules
from upheld.casework.compliance import ComplianceStatus
from upheld.casework.models import Case, ComplianceOutcome, Decision, Recommendation, Subcategory
from upheld.casework.services import UNDECIDED, shown
from upheld.casework.vocabulary import Category, Outcome
from upheld.code.editions import Edition, Provision, edition_on
from upheld.code.findings import record_failures
from upheld.stats.wording import long_date


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class GovukForm:
    """GOV.UK Frontend classes on each widget (marked when in error); a model's
    complaint about a field the form does not show becomes a form-level error
    rather than a crash (the compliance rules speak of the case's reference)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = _base_class(field.widget)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields and (base := _base_class(self.fields[name].widget)) not in CHOICE_INPUTS:
                self.fields[name].widget.attrs["class"] = f"{base} {base.split()[0]}--error"

    def _update_errors(self, errors: ValidationError) -> None:
        if hasattr(errors, "error_dict"):
            errors = ValidationError({name if name in self.fields else NON_FIELD_ERRORS: messages
                                      for name, messages in errors.error_dict.items()})
        super()._update_errors(errors)


CHOICE_INPUTS = {"govuk-radios__input", "govuk-checkboxes__input"}  # marked in error by their group, not each


def _base_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.RadioSelect):
        return "govuk-radios__input"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "govuk-checkboxes__input"
    if isinstance(widget, forms.Select):
        return "govuk-select"
    if isinstance(widget, forms.Textarea):
        return "govuk-textarea"
    if isinstance(widget, DateInput):
        return "govuk-input govuk-input--width-10"
    return "govuk-input"


def _not_in_future(day: datetime.date | None, what: str) -> datetime.date | None:
    if day is not None and day > timezone.localdate():
        raise ValidationError(f"The {what} date must be today or in the past")
    return day


STALE_PAGE = "This page was not sent back whole: go back to the case and open it again"


@dataclass(frozen=True)
class Difference:
    """One field of a form whose save was refused: its value when the form was opened, as saved now (by someone
    else, meanwhile) and as the user entered it, in words."""

    label: str
    opened: str
    saved: str
    entered: str
    yours: bool  # the user changed it: their entry is kept in the form opened again
    theirs: bool  # someone else changed it since the form was opened


class Versioned(forms.ModelForm):
    """A model form carrying the version of the record it was loaded from (0: not yet created) and the values it
    was opened with: the casework screens' forms and the admin's (`casework.admin`).

    The opened values go out with the form in hidden `initial-<name>` inputs (`opened_inputs`) and come back
    with it, so `changed_data` is what the user changed, not what someone else changed meanwhile, and a save
    writes only that (`saved_fields`). The screens render them with `opened_inputs`, the admin beside each
    field (`show_hidden_initial`). A form sent back without them (not from these pages) is compared with the
    record as loaded for the save: the same values whenever the save goes ahead, as its version is then current."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages={
        "required": STALE_PAGE, "invalid": STALE_PAGE, "min_value": STALE_PAGE})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        self.differences: dict[str, Difference] = {}  # after a refused save, by field name (`reopened_on`)

    def record_fields(self) -> list[str]:
        """The record's fields this form sets."""
        model_fields = {field.name for field in self.instance._meta.concrete_fields if not field.primary_key}
        return [name for name in self.fields if name in model_fields and name != "version"]

    def saved_fields(self) -> list[str]:
        """The record's fields the user changed: the only ones its save writes (`services.save_versioned`), so
        a field the user left alone keeps whatever is stored, whoever stored it, as does a field the form does
        not show."""
        return [name for name in self.record_fields() if name in self.changed_data]

    def opened_inputs(self) -> str:
        """The hidden inputs carrying the values the form was opened with (as they were sent, when shown again)."""
        hidden = forms.HiddenInput()
        return format_html_join("", "{}", ((hidden.render(self[name].html_initial_name, self._opened(name)),)
                                           for name in self.record_fields()))

    def _opened(self, name: str) -> str:
        """The value `name` had when the form was opened, as a page sends it."""
        bound = self[name]
        if self.is_bound and bound.html_initial_name in self.data:
            return self.data[bound.html_initial_name]
        return _as_sent(bound.field, bound.initial)

    @cached_property
    def changed_data(self) -> list[str]:
        return [name for name in self.fields if self._changed(name)]

    def _changed(self, name: str) -> bool:
        bound = self[name]
        if bound.html_initial_name not in self.data:
            return bound.field.has_changed(bound.initial, bound.data)
        return _differs(bound.field, self.data[bound.html_initial_name], bound.data)

    def reopened_on(self, record: models.Model | None) -> Versioned:
        """After a refused save: this form opened again on `record` as it is saved now (None: there is none).
        Each field the user changed keeps their entry; every other one shows what is saved now; and the form
        quotes the version and the values saved now, so saving it writes the user's changes and nothing else.
        Its `differences` say, field by field, what changed, and who changed it."""
        record = record if record is not None else self.instance
        saved = model_to_dict(record, fields=self.record_fields())
        data = self.data.copy()
        data[self.add_prefix("version")] = str(record.version if record.pk else 0)
        differences = {}
        for name in self.record_fields():
            bound = self[name]
            opened, now = self._opened(name), _as_sent(bound.field, saved.get(name))
            # An entry is the user's change only against the value the page says it was opened with: a form sent
            # back without it (not one of these pages) keeps none of its entries.
            yours = bound.html_initial_name in self.data and self._changed(name)
            theirs = _differs(bound.field, opened, now)
            if yours or theirs:
                model = type(record)
                differences[name] = Difference(str(bound.label), shown(model, name, opened), shown(model, name, now),
                                               shown(model, name, bound.data), yours, theirs)
            if not yours:
                data[bound.html_name] = now
            data[bound.html_initial_name] = now
        form = self.form_for(data, record)
        form.differences = differences
        return form

    def form_for(self, data, record: models.Model) -> Versioned:
        """A form of this kind, for the same user, bound to `data` on `record`."""
        return type(self)(data, instance=record, prefix=self.prefix)

    def save_related(self, record: models.Model) -> None:
        """Write what the form records beside `record`, in the transaction that saves it
        (`services.save_versioned`): nothing, unless a form says otherwise."""


def _as_sent(field: forms.Field, value) -> str:
    """A field's value as a page sends it back (a date as YYYY-MM-DD, a related record as its id)."""
    return forms.HiddenInput().format_value(field.prepare_value(value)) or ""


def _differs(field: forms.Field, before: str, after: str) -> bool:
    """Whether two values of `field`, as a page sends them, differ in what they mean: not only in spelling, nor
    in line endings (a browser sends a text's lines ending in CR LF, however they were stored)."""
    before, after = (value.replace("\r\n", "\n") if isinstance(value, str) else value for value in (before, after))
    try:
        return field.has_changed(field.to_python(before), after)
    except ValidationError:  # a value the field no longer accepts (a council since removed): compare as sent
        return before != after


class MarkedField(BoundField):
    """A field of a casework form, with what became of it if a save was refused (`Versioned.reopened_on`)."""

    @property
    def difference(self) -> Difference | None:
        return self.form.differences.get(self.name)


class VersionedForm(GovukForm, Versioned):
    """A casework screen's model form, in GOV.UK style, carrying its record's version and opened values."""

    bound_field_class = MarkedField


# Cases -------------------------------------------------------------------------------------------------

class CouncilChoice(forms.ModelChoiceField):
    def label_from_instance(self, authority: Authority) -> str:
        ended = f", ended {authority.end_date:%-d %B %Y}" if authority.end_date else ""
        return f"{authority.name} ({authority.gss}{ended})"


CASE_FIELDS = ["authority", "received", "category", "subcategory", *Case.PERSONAL_FIELDS]
CASE_WIDGETS = {
    "received": DateInput,
    "summary": forms.Textarea(attrs={"rows": 4}),
    "complainant_address": forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
    "complainant_name": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    "complainant_email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    "complainant_phone": forms.TextInput(attrs={"autocomplete": "off", "type": "tel"}),
}
CASE_LABELS = {
    "authority": "Council", "received": "Date received", "category": "Category",
    "subcategory": "Subcategory", "summary": "Summary of the complaint", "complainant_name": "Complainant's name",
    "complainant_email": "Email address",
    "complainant_phone": "Phone number", "complainant_address": "Postal address",
}


class CaseForm(VersionedForm):
    """Edit a case. The complaint's summary and the complainant's details are only in the form for those who may
    see them. The council is a select that `council-select.mjs` turns into GOV.UK's accessible autocomplete (a
    plain select without JavaScript); the subcategory is one of the listed ones (`Subcategory`), grouped by
    category, and the model's rules check it belongs to the category chosen."""

    authority = CouncilChoice(Authority.objects.order_by("name"), label="Council", empty_label="Choose a council",
                              widget=forms.Select(attrs={"data-autocomplete": "council"}),
                              error_messages={"required": "Choose the council the complaint is about"})

    class Meta:
        model = Case
        fields = CASE_FIELDS
        widgets = CASE_WIDGETS
        labels = CASE_LABELS
        help_texts = {"subcategory": "Optional: one of the category's subcategories",
                      "summary": "A few lines on what the complaint is about. It may name people, so it is "
                                 "personal data: shown only to caseworkers, never published or sent to the council."}
        error_messages = {"received": {"required": "Enter the date the case was received"},
                          "category": {"required": "Choose a category"}}

    def __init__(self, *args, personal_data: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.personal_data = personal_data
        self.fields["category"].choices = [("", "Choose a category"), *Category.choices]
        self.fields["subcategory"].widget = forms.Select(attrs=self.fields["subcategory"].widget.attrs,
                                                         choices=_subcategory_choices(self.instance.subcategory))
        if not personal_data:
            for name in Case.PERSONAL_FIELDS:
                del self.fields[name]

    def form_for(self, data, record: Case) -> CaseForm:
        return type(self)(data, instance=record, prefix=self.prefix, personal_data=self.personal_data)

    def clean_received(self):
        return _not_in_future(self.cleaned_data.get("received"), "received")

    def clean(self):
        """A received date moved past the decision would make the decision come first."""
        cleaned = super().clean()
        decision = getattr(self.instance, "decision", None) if self.instance.pk else None
        received = cleaned.get("received")
        if (decision is not None and received is not None
                and "decided" in rules.decision_problems(received, decision.decided, decision.outcome, "")):
            self.add_error("received", f"The date received must not be after the decision, "
                                       f"made on {decision.decided:%-d %B %Y}")
        return cleaned


def _subcategory_choices(current: str) -> list:
    """The listed subcategories grouped by category, and `current` should it no longer be listed."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for category, name in Subcategory.objects.values_list("category", "name"):
        groups.setdefault(Category(category).label, []).append((name, name))
    unlisted = [(current, f"{current} (not listed)")] if current and current not in {
        name for names in groups.values() for name, _ in names} else []
    return [("", "None"), *unlisted, *((label, groups[label]) for label in Category.labels if label in groups)]


class IntakeForm(CaseForm):
    """Record a new complaint or enquiry. The reference may be entered (one given elsewhere,
    e.g. by the contact centre) or left blank for the next in the scheme's style."""

    reference = forms.CharField(
        label="Reference", required=False, max_length=20,
        help_text="Leave blank to give the next reference for the year received, for example 24 000 123",
        error_messages={"unique": "A case with this reference already exists"},
    )

    class Meta(CaseForm.Meta):
        fields = ["reference", *CASE_FIELDS]

    field_order = ["reference", *CASE_FIELDS]

    def clean_reference(self) -> str:
        return " ".join(self.cleaned_data["reference"].split())


# Decisions, recommendations, compliance -----------------------------------------------------------------

@dataclass(frozen=True)
class CodeSection:
    """A section of the Code as the decision form offers it: its provisions, each with whether it is ticked."""

    title: str
    provisions: list[tuple[Provision, bool]]


class DecisionForm(VersionedForm):
    """The decision, and the provisions of the Complaint Handling Code the council did not follow: those of the
    edition applying on the decision's date (`upheld.code.findings`), offered only when one applies. They are
    checked by the Code's one rule, through `Decision.clean`, and saved with the decision."""

    code_failures = forms.ModelMultipleChoiceField(
        Provision.objects.select_related("edition"), required=False, widget=forms.CheckboxSelectMultiple,
        label="Complaint Handling Code failures",
        help_text="Upheld decisions only. Select each provision the council did not follow.",
        error_messages={"invalid_choice": "Choose provisions of the Code from the list",
                        "invalid_pk_value": "Choose provisions of the Code from the list"})

    class Meta:
        model = Decision
        fields = ["outcome", "decided", "remedy"]
        widgets = {"outcome": forms.RadioSelect, "decided": DateInput}
        labels = {"outcome": "Outcome", "decided": "Date decided", "remedy": "Remedy"}
        help_texts = {"remedy": "Upheld decisions only"}
        error_messages = {"outcome": {"required": "Choose the outcome"},
                          "decided": {"required": "Enter the date of the decision"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = Outcome.choices
        self.fields["remedy"].choices = [("", "No remedy recorded"), *self.fields["remedy"].choices[1:]]
        if self.instance.pk:
            self.fields["code_failures"].initial = list(
                self.instance.code_failures.values_list("provision_id", flat=True))
        self.judged_on = self._judged_on()
        self.editions = list(Edition.objects.all())
        self.edition = edition_on(self.editions, self.judged_on)

    def _judged_on(self) -> datetime.date:
        """The day whose edition of the Code the form offers: the date entered, if it is one; else the
        decision's, or for a new decision today's."""
        if self.is_bound:
            try:
                entered = self.fields["decided"].to_python(self.data.get(self.add_prefix("decided")))
            except ValidationError:
                entered = None
            if entered is not None:
                return entered
        return self.instance.decided or timezone.localdate()

    def code_sections(self) -> list[CodeSection]:
        """The provisions offered, by section: the applying edition's, and any ticked of another edition (so
        that a date changed to another edition's shows what it would refuse)."""
        ticked = {str(value) for value in self["code_failures"].value() or ()}
        offered = list(self.edition.provisions.all()) if self.edition else []
        offered += [provision for provision in Provision.objects.select_related("edition").filter(pk__in=[
            pk for pk in ticked if pk.isdigit()]) if provision.edition_id != getattr(self.edition, "pk", None)]
        sections: dict[tuple, CodeSection] = {}
        for provision in offered:
            other = "" if self.edition and provision.edition_id == self.edition.pk else \
                f" ({provision.edition.name} edition)"
            key = (provision.edition_id, provision.section)
            title = f"{provision.section}. {provision.section_title}{other}"
            sections.setdefault(key, CodeSection(title, [])).provisions.append(
                (provision, str(provision.pk) in ticked))
        return list(sections.values())

    def code_note(self) -> str:
        """Why no provisions are offered, when none are."""
        if not self.editions:
            return "No edition of the Complaint Handling Code is recorded, so no Code failures can be recorded."
        first = min(edition.starts for edition in self.editions)
        return (f"The Complaint Handling Code applies only to decisions made since it took effect (from "
                f"{long_date(first)}): a decision made on {long_date(self.judged_on)} cannot record Code failures.")

    def clean_decided(self):
        return _not_in_future(self.cleaned_data.get("decided"), "decision")

    def _post_clean(self):
        # The model's rules judge the failures this save is to record, not the ones stored (`Decision.clean`).
        if "code_failures" in self.cleaned_data:
            self.instance.code_failures_to_record = list(self.cleaned_data["code_failures"])
        super()._post_clean()

    def save_related(self, decision: Decision) -> None:
        if "code_failures" in self.changed_data:
            record_failures(decision, self.cleaned_data["code_failures"])

    def clean(self):
        """A compliance outcome stands on an Upheld decision: changing the outcome would orphan it."""
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome and outcome != Outcome.UPHELD and hasattr(self.instance.case, "compliance"):
            self.add_error("outcome", "Compliance has been recorded on this case, so its decision must stay Upheld")
        return cleaned


class RecommendationForm(VersionedForm):
    class Meta:
        model = Recommendation
        fields = ["kind", "text", "due"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 5}), "due": DateInput}
        labels = {"kind": "Kind of recommendation", "text": "What the council should do", "due": "Due date"}
        error_messages = {"kind": {"required": "Choose the kind of recommendation"},
                          "text": {"required": "Enter what the council should do"},
                          "due": {"required": "Enter the date the council should do it by"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = self.fields["kind"].choices[1:]  # no empty radio


class ComplianceForm(VersionedForm):
    class Meta:
        model = ComplianceOutcome
        fields = ["outcome", "recorded", "evidence"]
        widgets = {"outcome": forms.RadioSelect, "recorded": DateInput,
                   "evidence": forms.Textarea(attrs={"rows": 5})}
        labels = {"outcome": "Did the council comply?", "recorded": "Date recorded",
                  "evidence": "Evidence checked"}
        help_texts = {"evidence": "What the council sent and what you checked. "
                                  "Do not include the complainant's personal details."}
        error_messages = {"outcome": {"required": "Choose whether the council complied"},
                          "recorded": {"required": "Enter the date the outcome was recorded"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [(value, label.capitalize())
                                          for value, label in self.fields["outcome"].choices[1:]]

    def clean_recorded(self):
        return _not_in_future(self.cleaned_data.get("recorded"), "recorded")


# The caseload's filters -----------------------------------------------------------------------------------

class CaseloadFilterForm(GovukForm, forms.Form):
    """The list's filters, read from the query string so a filtered list can be shared as a link."""

    reference = forms.CharField(label="Reference", required=False, max_length=20)
    council = forms.CharField(label="Council", required=False, max_length=120, help_text="Name or GSS code")
    category = forms.ChoiceField(label="Category", required=False,
                                 choices=[("", "Any category"), *Category.choices])
    received_from = forms.DateField(label="Received on or after", required=False, widget=DateInput)
    received_to = forms.DateField(label="Received on or before", required=False, widget=DateInput)
    decided_from = forms.DateField(label="Decided on or after", required=False, widget=DateInput)
    decided_to = forms.DateField(label="Decided on or before", required=False, widget=DateInput)
    decision = forms.ChoiceField(label="Decision", required=False,
                                 choices=[("", "Any"), (UNDECIDED, "Undecided"), *Outcome.choices])
    status = forms.ChoiceField(label="Compliance", required=False,
                               choices=[("", "Any"), *ComplianceStatus.choices])

    def clean(self):
        cleaned = super().clean()
        for verb in ("received", "decided"):
            first, last = cleaned.get(f"{verb}_from"), cleaned.get(f"{verb}_to")
            if first and last and first > last:
                self.add_error(f"{verb}_to",
                               f"The '{verb} on or before' date must not be before the 'on or after' date")
        return cleaned

    def filters(self) -> dict:
        """The filters that were valid (an invalid one is reported and left out, not guessed at)."""
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items()
                if value not in ("", None) and name not in self.errors}
