"""The casework vocabularies, with the exact names of DESIGN §2.

These names are what imports accept, what letters print and what `upheld stats
--json` uses as keys; the stored values are short codes.
"""

from django.db import models


class Category(models.TextChoices):
    ADULT_CARE = "adult_care", "Adult Care Services"
    BENEFITS_TAX = "benefits_tax", "Benefits and Tax"
    CORPORATE = "corporate", "Corporate and Other Services"
    EDUCATION_CHILDREN = "education_children", "Education and Children's Services"
    ENVIRONMENT = "environment", "Environment Services"
    HIGHWAYS = "highways", "Highways and Transport"
    HOUSING = "housing", "Housing"
    PLANNING = "planning", "Planning and Development"
    OTHER = "other", "Other"


class Outcome(models.TextChoices):
    INCOMPLETE_INVALID = "incomplete_invalid", "Incomplete or Invalid"
    ADVICE_GIVEN = "advice_given", "Advice Given"
    REFERRED_BACK = "referred_back", "Referred back for Local Resolution"
    CLOSED_AFTER_INITIAL = "closed_initial", "Closed After Initial Enquiries"
    NOT_UPHELD = "not_upheld", "Not Upheld"
    UPHELD = "upheld", "Upheld"


DETAILED_INVESTIGATIONS = (Outcome.NOT_UPHELD, Outcome.UPHELD)


class Remedy(models.TextChoices):
    BY_OMBUDSMAN = "by_ombudsman", "by ombudsman"
    SATISFACTORY_BY_AUTHORITY = "satisfactory_by_authority", "satisfactory by authority"
    NONE = "none", "none"


class ComplianceResult(models.TextChoices):
    COMPLIED = "complied", "complied"
    COMPLIED_LATE = "complied_late", "complied late"
    NOT_COMPLIED = "not_complied", "not complied"


class RecommendationKind(models.TextChoices):
    PERSONAL = "personal", "Personal remedy"
    SERVICE_IMPROVEMENT = "service", "Service improvement"


def _by_label(choices: type[models.TextChoices]) -> dict[str, str]:
    return {label.casefold(): value for value, label in choices.choices}


_CATEGORIES = _by_label(Category)
_OUTCOMES = _by_label(Outcome)
_REMEDIES = _by_label(Remedy)
_COMPLIANCE = _by_label(ComplianceResult)


def _lookup(table: dict[str, str], text: str, what: str, choices) -> str:
    try:
        return table[" ".join(text.split()).casefold()]
    except KeyError:
        names = "; ".join(label for _, label in choices.choices)
        raise ValueError(f"unknown {what} {text!r}; expected one of: {names}") from None


def parse_category(text: str) -> tuple[str, str]:
    """`Housing > Homelessness` → ("housing", "Homelessness")."""
    name, _, subcategory = text.partition(">")
    return _lookup(_CATEGORIES, name, "category", Category), " ".join(subcategory.split())


def parse_outcome(text: str) -> str:
    return _lookup(_OUTCOMES, text, "outcome", Outcome)


def parse_remedy(text: str) -> str:
    """An empty cell means no remedy recorded."""
    return _lookup(_REMEDIES, text, "remedy", Remedy) if text.strip() else ""


def parse_compliance(text: str) -> str:
    return _lookup(_COMPLIANCE, text, "compliance outcome", ComplianceResult)
