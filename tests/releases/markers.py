"""Markers: a distinct token in every free-text field of every row the leak test plants.

Which fields are free text is found by introspection (`free_text_fields`): every character, text and
JSON field of every model of the `upheld` apps (and of the user model), but those with choices and those
`NOT_FREE_TEXT` names with its reason. `Markers.plant` fills each such field a row does not set itself
with a fresh marker, so a field added to a model is marked, and searched for, without this file changing.

A marker may appear in public only when its row is public (`public=True`) and its field is public by
nature (`PUBLIC_BY_NATURE`, each with its reason); every other marker must appear nowhere public, and
personal data (complainants, contacts' addresses, link officers, subscribers, users, feedback, case
notes) is never public by nature, whatever its row.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

TOKEN = re.compile(r"zq[0-9a-f]{10}")  # lower case letters and digits: nothing escapes, splits or flags it

# Fields that hold no free text anyone writes, and why.
NOT_FREE_TEXT = {
    "auth.User.password": "a hash, never shown",
    "audit.AuditEvent.object_type": "a model's label, written by the code",
    "audit.AuditEvent.object_id": "a primary key, written by the code",
    "audit.AuditEvent.request_id": "a UUID, written by the code",
    "decisions.Statement.slug": "derived from the reference (which is marked)",
    "decisions.Statement.search_facets": "derived from the filters' codes",
    "decisions.Statement.guard_released_for": "a fingerprint of the guard's findings",
    "decisions.Statement.guard_findings": "derived from the marked texts by the anonymisation guard",
    "decisions.PublicInterestReport.pdf": "a file, served by the report's own view (checked through it)",
    "releases.FiguresVersion.counts": "counts: the embargoed figures are checked as figures",
    "releases.LetterHistory.figures": "counts from a published letter",
    "alerts.Subscription.key": "random, never shown (the links' tokens are HMACs of it)",
    "authorities.Population.source": "which estimate a population is (\"ONS\"), written by setup and imports",
    "letters.LetterIssue.text": "a copy of the year's letter text (marked) made when its release is scheduled",
    "letters.LetterIssue.training": "a copy of the year's training figures (numbers) made with the letters",
    "letters.LetterIssue.contacts": "a copy of the councils' contacts (marked) made with the letters",
    "letters.LetterIssue.code_returns": "a copy of the published returns' received days, report links (marked on "
                                        "the versions) and figures, made with the letters",
    "demo.DemoDataset.first_year": "a year label, written by the generator",
    "demo.DemoDataset.last_year": "a year label, written by the generator",
}
# Models the leak test plants no row of, and why.
NOT_PLANTED = {
    "authorities.Authority": "the councils register, public by nature (loaded for the whole suite)",
    "authorities.AuthorityCode": "the councils' codes, public by nature (loaded for the whole suite)",
    "authorities.AuthorityName": "the councils' other and former names, public by nature (loaded with the register)",
    "code.Edition": "the Complaint Handling Code's editions, public by nature (shipped with the product)",
    "code.Provision": "the Code's provisions summarised, public by nature (shipped with the product)",
}
# Fields that public rows show to everyone, and why. Markers in them on rows that are not public must still
# appear nowhere.
PUBLIC_BY_NATURE = {
    "casework.Recommendation.text": "a service improvement a publisher approved is listed on the council's pages",
    "authorities.Contact.name": "letters are addressed to the chief executive and copied to the others by name",
    "decisions.Statement.reference": "a published statement is headed by its case reference",
    "decisions.Statement.subcategory": "a published statement names its service area",
    "decisions.Statement.summary": "the published, anonymised text",
    "decisions.Statement.body": "the published, anonymised text",
    "decisions.Statement.remedies": "the published, anonymised text",
    "decisions.Statement.service_improvements": "the published, anonymised text",
    "decisions.PublicInterestReport.reference": "an issued report names the case it is about (its PDF does)",
    "decisions.PublicInterestReport.title": "an issued report is published",
    "decisions.PublicInterestReport.summary": "an issued report is published",
    "decisions.PublicInterestReport.response_text": "the council's s.31 reply is shown on the report's page",
    "decisions.FocusReport.title": "a focus report is published on its date",
    "decisions.FocusReport.slug": "a focus report's address",
    "decisions.FocusReport.summary": "a focus report is published on its date",
    "decisions.FocusReport.body": "a focus report is published on its date",
    "decisions.ScrutinyQuestion.text": "a published focus report's questions for councillors",
    "letters.LetterText.sender": "the text of the letters published with a released year",
    "letters.LetterText.subject": "the text of the letters published with a released year",
    "letters.LetterText.body": "the text of the letters published with a released year",
    "letters.LetterText.signatory_name": "the text of the letters published with a released year",
    "letters.LetterText.signatory_title": "the text of the letters published with a released year",
    "releases.FiguresVersion.cause": "a released year's revision says why it was made",
    "releases.FiguresVersion.scale": "a released year's revision says what it changed",
    "code.Version.report_url": "an accepted return's link to the council's annual complaints report is published",
    "code.ProvisionAnswer.explanation": "an accepted return's answers are published (its council's pages, past "
                                        "the anonymisation guard, and the API's returns)",
    "code.ProvisionAnswer.evidence_url": "an accepted return's answers are published (the API's returns)",
}
# How a marker is written into a field that is not plain text.
JSON_FORMS = {
    "letters.Delivery.cc": lambda token: [f"{token}@example.org"],
    "letters.Delivery.accepted": lambda token: [f"{token}@example.org"],
    "audit.AuditEvent.before": lambda token: {"text": token},
    "audit.AuditEvent.after": lambda token: {"text": token},
}


def field_name(model, name: str) -> str:
    return f"{model._meta.label}.{name}"


def upheld_models() -> list[type[models.Model]]:
    """Every model of the project's apps, and the user model (its names and address are personal data)."""
    return [model for model in apps.get_models()
            if model.__module__.startswith("upheld.") or model is get_user_model()]


def every_field_label() -> set[str]:
    return {field_name(model, found.name) for model in upheld_models() for found in model._meta.concrete_fields}


def free_text_fields(model) -> list[models.Field]:
    return [found for found in model._meta.concrete_fields
            if isinstance(found, models.CharField | models.TextField | models.JSONField | models.FileField)
            and not found.choices and field_name(model, found.name) not in NOT_FREE_TEXT]


@dataclass(frozen=True)
class Marker:
    token: str
    field: str  # "decisions.Statement.summary"
    row: str  # which planted row, e.g. "statement under review"
    public: bool  # may, and somewhere must, appear in public: a public row's field that is public by nature
    own_council: str = ""  # a path prefix where the other council's own user may see it (its embargoed letter)

    def __str__(self) -> str:
        return f"{self.field} of the {self.row} ({self.token})"


@dataclass
class Markers:
    """Every marker planted, by its token, and which fields hold one."""

    by_token: dict[str, Marker] = field(default_factory=dict)
    planted: set[str] = field(default_factory=set)  # every "app.Model.field" that holds a marker

    def new(self, field_label: str, row: str, public: bool = False, own_council: str = "") -> str:
        token = f"zq{secrets.token_hex(5)}"
        self.by_token[token] = Marker(token, field_label, row, public and field_label in PUBLIC_BY_NATURE,
                                      own_council)
        self.planted.add(field_label)
        return token

    def values(self, model, row: str, public: bool = False, own_council: str = "", **given) -> dict:
        """`given`, and a fresh marker for every other free-text field of `model`."""
        values = dict(given)
        for found in free_text_fields(model):
            if found.name in values:
                continue
            label = field_name(model, found.name)
            token = self.new(label, row, public, own_council)
            if isinstance(found, models.JSONField):
                assert label in JSON_FORMS, f"{label}: say in JSON_FORMS how a marker is written into it"
                values[found.name] = JSON_FORMS[label](token)
            else:
                assert not isinstance(found, models.FileField), f"{label}: say in NOT_FREE_TEXT how it is checked"
                values[found.name] = (f"{token}@example.org" if isinstance(found, models.EmailField)
                                      # an address, as pages link to it (a bare token would be a relative link)
                                      else f"https://{token}.example/" if isinstance(found, models.URLField)
                                      else token)
                assert len(values[found.name]) <= (found.max_length or len(values[found.name])), (
                    f"{label} is too short for a marker: say in NOT_FREE_TEXT why it holds no free text")
        return values

    def plant(self, model, row: str, public: bool = False, own_council: str = "", **given):
        """A saved row of `model` with `given` values and a marker in every other free-text field."""
        return model.objects.create(**self.values(model, row, public, own_council, **given))

    def withdraw(self, row: str) -> None:
        """The row is no longer public: none of its markers may appear from now on."""
        for token, marker in list(self.by_token.items()):
            if marker.row == row:
                self.by_token[token] = replace(marker, public=False)
