"""The filters of the staff screens, read from the query string (GET forms: nothing is changed)."""

from __future__ import annotations

from django import forms

from upheld.authorities.models import AuthorityType, Region
from upheld.training import dashboard

EVERY = [("", "All")]
SELECT = {"class": "govuk-select"}


class CouncilFilter(forms.Form):
    region = forms.ChoiceField(choices=EVERY + Region.choices, required=False, widget=forms.Select(SELECT))
    type = forms.ChoiceField(label="Type of council", choices=EVERY + AuthorityType.choices, required=False,
                             widget=forms.Select(SELECT))
    council = forms.CharField(label="Council name or GSS code", max_length=120, required=False,
                              widget=forms.TextInput({"class": "govuk-input govuk-input--width-20"}))

    def value(self, name: str):
        """A field's valid value, or empty: an invalid one is dropped and the form shows why (it must be bound)."""
        self.is_valid()
        return self.cleaned_data.get(name) or ""

    def filters(self) -> dict[str, str]:
        return {name: self.value(name) for name in ("region", "type", "council")}


class LinkOfficerFilter(CouncilFilter):
    former = forms.BooleanField(label="Include former link officers", required=False,
                                widget=forms.CheckboxInput({"class": "govuk-checkboxes__input"}))


class DashboardFilter(CouncilFilter):
    year = forms.ChoiceField(widget=forms.Select(SELECT))
    sort = forms.ChoiceField(label="Sort by", choices=[(key, label) for key, (label, _) in dashboard.COLUMNS.items()],
                             required=False, widget=forms.Select(SELECT))
    order = forms.ChoiceField(choices=[("asc", "Ascending"), ("desc", "Descending")], required=False,
                              widget=forms.Select(SELECT))

    def __init__(self, *args, years, **kwargs):
        """`years`: the years offered (`dashboard.years_with_data`)."""
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year.label, year.label) for year in years]
