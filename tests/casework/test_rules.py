import datetime

import pytest
from django.core.exceptions import ValidationError

from upheld.authorities.models import Authority
from upheld.casework import rules
from upheld.casework.models import Case, ComplianceOutcome, Decision
from upheld.casework.vocabulary import (
    Category,
    Outcome,
    Remedy,
    parse_category,
    parse_compliance,
    parse_outcome,
    parse_remedy,
)

D = datetime.date


def test_category_names_exact_with_subcategory():
    assert parse_category("Housing > Homelessness") == (Category.HOUSING, "Homelessness")
    assert parse_category("  education and children's   services ") == (Category.EDUCATION_CHILDREN, "")
    with pytest.raises(ValueError, match="unknown category 'Parking'"):
        parse_category("Parking")


def test_vocabularies():
    assert parse_outcome("Referred back for Local Resolution") == Outcome.REFERRED_BACK
    assert parse_remedy("") == ""
    assert parse_remedy("satisfactory by authority") == Remedy.SATISFACTORY_BY_AUTHORITY
    assert parse_compliance("complied late") == "complied_late"
    with pytest.raises(ValueError, match="unknown outcome"):
        parse_outcome("Partly upheld")


def test_decision_rules():
    assert rules.decision_problems(D(2018, 1, 2), D(2018, 1, 2), Outcome.UPHELD, Remedy.NONE) == {}
    assert set(rules.decision_problems(D(2018, 1, 2), D(2018, 1, 1), Outcome.UPHELD, "")) == {"decided"}
    assert set(rules.decision_problems(D(2018, 1, 2), D(2018, 2, 1), Outcome.NOT_UPHELD, Remedy.NONE)) == {
        "remedy"}


def test_compliance_rules():
    assert set(rules.compliance_problems(None, None, D(2018, 1, 1))) == {"reference"}
    assert set(rules.compliance_problems(D(2018, 1, 1), Outcome.NOT_UPHELD, D(2018, 2, 1))) == {"reference"}
    assert set(rules.compliance_problems(D(2018, 1, 1), Outcome.UPHELD, D(2017, 12, 1))) == {"recorded"}
    assert rules.compliance_problems(D(2018, 1, 1), Outcome.UPHELD, D(2018, 1, 1)) == {}


def test_model_validation_uses_the_same_rules(db):
    christchurch = Authority.objects.get(gss="E07000048")
    late = Case(reference="X1", authority=christchurch, received=D(2019, 4, 1), category=Category.HOUSING)
    with pytest.raises(ValidationError) as error:
        late.full_clean()
    assert "ceased to exist on 31 March 2019" in str(error.value.message_dict["received"])

    case = Case.objects.create(reference="X2", authority=christchurch, received=D(2019, 3, 31),
                               category=Category.HOUSING)
    case.full_clean()
    decision = Decision(case=case, decided=D(2019, 3, 30), outcome=Outcome.NOT_UPHELD, remedy=Remedy.NONE)
    with pytest.raises(ValidationError) as error:
        decision.full_clean()
    assert set(error.value.message_dict) == {"decided", "remedy"}
    compliance = ComplianceOutcome(case=case, recorded=D(2019, 5, 1), outcome="complied")
    with pytest.raises(ValidationError):
        compliance.full_clean()
