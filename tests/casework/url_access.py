"""Who may open the casework screens (see tests/access.py): staff who may view cases see them,
each form only for the roles holding its add/change permission; administrators and council
users nowhere. Every address is tried for both councils' cases, by GET and by a valid POST.

The admin's list of cases is also asked for filtered by each of the complainant's details, as a
publisher once read an email from it a character at a time: only caseworkers, who see
complainants, get a list (tests/casework/test_admin_personal_data.py has the rest)."""

from tests.access import CASEWORKER, COMPLIANCE_OFFICER, PUBLISHER, Access
from upheld.casework.improvements import digest

CASE_VIEWERS = frozenset({CASEWORKER, COMPLIANCE_OFFICER, PUBLISHER})
CASEWORKERS = frozenset({CASEWORKER})
RECOMMENDERS = frozenset({CASEWORKER, COMPLIANCE_OFFICER})
COMPLIANCE_OFFICERS = frozenset({COMPLIANCE_OFFICER})
PUBLISHERS = frozenset({PUBLISHER})  # approving service improvements for publication


COMPLAINANT_LOOKUPS = (
    "complainant_name__icontains=smith", "complainant_email=jo%40example.org", "complainant_email__regex=%5Ej",
    "complainant_email__startswith=j", "complainant_phone__endswith=0000", "complainant_address__contains=Bootle",
    "complainant_name__isnull=False",
)


def _case_fields(case) -> dict:
    return {"authority": case.authority_id, "received": case.received.isoformat(), "category": case.category,
            "subcategory": case.subcategory, "complainant_name": case.complainant_name,
            "complainant_email": case.complainant_email, "complainant_phone": case.complainant_phone,
            "complainant_address": case.complainant_address, "version": case.version}


def _decision(case) -> dict:
    decision = case.decision
    return {"outcome": decision.outcome, "decided": decision.decided.isoformat(), "remedy": decision.remedy,
            "version": decision.version}


def _recommendation(case) -> dict:
    return {"kind": "service", "text": "Review the procedure", "due": "2018-12-31", "version": 0}


def _changed_recommendation(case) -> dict:
    found = case.recommendations.first()
    return {"kind": found.kind, "text": found.text, "due": found.due.isoformat(), "version": found.version}


def _compliance(case) -> dict:
    return {"outcome": case.compliance.outcome, "recorded": case.compliance.recorded.isoformat(),
            "evidence": "Checked", "version": case.compliance.version}


def _each_case(name: str, allowed: frozenset[str], data=None, recommendation: bool = False) -> list[Access]:
    """Entries for `name` on council A's case and council B's, by GET and (with `data`) by POST."""
    entries = []
    for which in ("case_a", "case_b"):
        def kwargs(world, which=which):
            case = getattr(world, which)
            found = {"pk": case.pk}
            if recommendation:
                found["recommendation"] = case.recommendations.first().pk
            return found

        entries.append(Access(f"casework:{name}", allowed, kwargs=kwargs))
        if data is not None:
            entries.append(Access(f"casework:{name}", allowed, kwargs=kwargs, method="post",
                                  data=lambda world, which=which: data(getattr(world, which))))
    return entries


def _reviews() -> list[Access]:
    """The review page of each council's service improvement, by GET and by an approving and a refusing POST."""
    entries = []
    for which in ("case_a", "case_b"):
        def kwargs(world, which=which):
            return {"recommendation": getattr(world, which).recommendations.get(kind="service").pk}

        def data(world, decision, which=which):
            found = getattr(world, which).recommendations.get(kind="service")
            return {"shown": digest(found.text), "decision": decision, "reason": "Checked: nobody is named"}

        entries += [Access("casework:review_improvement", PUBLISHERS, kwargs=kwargs),
                    *(Access("casework:review_improvement", PUBLISHERS, kwargs=kwargs, method="post",
                             data=lambda world, decision=decision, data=data: data(world, decision))
                      for decision in ("approve", "refuse"))]
    return entries


ACCESS: list[Access] = [
    Access("casework:caseload", CASE_VIEWERS),
    Access("casework:caseload", CASE_VIEWERS, query="council=Sefton&status=complied&page=1"),
    Access("casework:intake", CASEWORKERS),
    Access("casework:intake", CASEWORKERS, method="post", data=lambda world: {
        "reference": "", "authority": world.council_a.pk, "received": "2018-01-15", "category": "housing",
        "subcategory": "", "version": 0}),
    *_each_case("case", CASE_VIEWERS),
    *_each_case("edit", CASEWORKERS, _case_fields),
    *_each_case("decision", CASEWORKERS, _decision),
    *_each_case("add_recommendation", RECOMMENDERS, _recommendation),
    *_each_case("edit_recommendation", RECOMMENDERS, _changed_recommendation, recommendation=True),
    *_each_case("compliance", COMPLIANCE_OFFICERS, _compliance),
    Access("admin:casework_case_changelist", CASE_VIEWERS),
    Access("admin:casework_case_changelist", CASE_VIEWERS, query="q=smith"),  # searches what each may see
    *[Access("admin:casework_case_changelist", CASEWORKERS, query=lookup) for lookup in COMPLAINANT_LOOKUPS],
    Access("casework:service_improvements", PUBLISHERS),
    Access("casework:service_improvements", PUBLISHERS, query="show=refused&page=2"),
    *_reviews(),
]
