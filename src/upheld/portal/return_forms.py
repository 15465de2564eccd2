"""The forms of a council's self-assessment return, one per purpose: its figures and report, its answers
provision by provision, and submitting it. The council and the year are never fields: they come from the
signed-in user's council and the address, checked by the view."""

from __future__ import annotations

from django import forms

from upheld.code.returns import FIGURES, Answer, Version, figures_problems

NUMBER = {"class": "govuk-input govuk-input--width-5", "inputmode": "numeric"}


class FiguresForm(forms.ModelForm):
    """The council's own figures for the year and the link to its annual complaints report. A draft may be
    saved with figures missing; submitting needs them all (`upheld.code.lifecycle.submission_problems`)."""

    report_url = forms.URLField(label="Link to the council's annual complaints report", required=False,
                                assume_scheme="https", widget=forms.URLInput(attrs={"class": "govuk-input"}))

    class Meta:
        model = Version
        fields = [*(name for name, _ in FIGURES), "report_url"]
        labels = dict(FIGURES)
        widgets = {name: forms.NumberInput(attrs={**NUMBER, "min": 0}) for name, _ in FIGURES}

    def clean(self):
        cleaned = super().clean()
        for name, message in figures_problems(cleaned, required=False).items():
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned


class AnswersForm(forms.Form):
    """For each provision of the year's edition: whether the council follows it, why not where it does not
    fully, and where the evidence is. Left empty, a provision is simply not answered yet."""

    def __init__(self, provisions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.provisions = list(provisions)
        for provision in self.provisions:
            self.fields[f"answer_{provision.pk}"] = forms.ChoiceField(
                label=f"{provision.number} {provision.title}", required=False, help_text=provision.text,
                choices=[("", "Not answered yet"), *Answer.choices],
                widget=forms.Select(attrs={"class": "govuk-select"}))
            self.fields[f"explanation_{provision.pk}"] = forms.CharField(
                label="Explanation", required=False, max_length=5000,
                widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3}))
            self.fields[f"evidence_{provision.pk}"] = forms.URLField(
                label="Link to evidence (optional)", required=False, assume_scheme="https",
                widget=forms.URLInput(attrs={"class": "govuk-input"}))

    def rows(self):
        """(provision, answer field, explanation field, evidence field) for the template."""
        return [(provision, self[f"answer_{provision.pk}"], self[f"explanation_{provision.pk}"],
                 self[f"evidence_{provision.pk}"]) for provision in self.provisions]

    def answers(self) -> dict[int, dict]:
        return {provision.pk: {"answer": self.cleaned_data[f"answer_{provision.pk}"],
                               "explanation": self.cleaned_data[f"explanation_{provision.pk}"].strip(),
                               "evidence_url": self.cleaned_data[f"evidence_{provision.pk}"]}
                for provision in self.provisions}

    @staticmethod
    def initial_from(version) -> dict:
        initial = {}
        for answer in version.answers.all() if version is not None else ():
            initial |= {f"answer_{answer.provision_id}": answer.answer,
                        f"explanation_{answer.provision_id}": answer.explanation,
                        f"evidence_{answer.provision_id}": answer.evidence_url}
        return initial


class SubmitForm(forms.Form):
    """Submitting the draft: a deliberate step of its own (the form carries only the CSRF token)."""
