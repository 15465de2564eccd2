"""Returns built as a council would write them."""

from upheld.code import lifecycle
from upheld.code.editions import Edition
from upheld.code.returns import Answer, ProvisionAnswer

FIGURES = {"stage1_received": 40, "stage1_in_time": 35, "stage1_extended": 3, "stage1_upheld": 12,
           "stage2_received": 8, "stage2_in_time": 7, "stage2_upheld": 2}


def fill(version, answer=Answer.FOLLOWS, **figures):
    """Give the draft `version` figures (FIGURES, changed by `figures`) and an answer for every provision."""
    for name, value in (FIGURES | figures).items():
        setattr(version, name, value)
    version.report_url = "https://council.example/complaints-report"
    version.save()
    edition = Edition.objects.for_return_year(version.assessment.year)
    for provision in edition.provisions.all():
        ProvisionAnswer.objects.update_or_create(
            version=version, provision=provision,
            defaults={"answer": answer, "explanation": "" if answer == Answer.FOLLOWS else "Not yet: see plan"})
    return version


def submitted(authority, year, user=None, **figures):
    """A return for `authority` and `year`, submitted (its next version)."""
    assessment = lifecycle.return_for(authority, year)
    return lifecycle.submit(fill(lifecycle.draft(assessment), **figures), user)
