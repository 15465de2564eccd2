"""Complainants' details in the admin's lists: no filter, search or sort by them for a role that may not see them.

A publisher or compliance officer once recovered a complainant's email a character at a time from
whether `/admin/casework/case/?complainant_email__regex=^…` listed the case. Every such lookup is now
refused with a page saying why, and recorded in the audit trail; caseworkers keep their filters.
"""

import re
from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse

from tests.accounts.test_csp import policy_problems
from upheld.audit.models import Action, AuditEvent
from upheld.audit.record import REDACTED

CASES = "/admin/casework/case/"
LOOKUPS = {
    "complainant_name__icontains": "zebedee",
    "complainant_email": "zq@example.org",
    "complainant_phone__endswith": "0000",
    "complainant_email__regex": "^z",
    "complainant_email__startswith": "zq",
    "complainant_address__contains": "Bootle",
    "complainant_name__isnull": "False",
}
NOT_ENTITLED = ["as_publisher", "as_compliance_officer"]


def note(response) -> bytes:
    """The refusal's message (the rest of the page differs by its CSRF token alone)."""
    return re.search(rb'<p class="errornote">(.*?)</p>', response.content, re.DOTALL)[1]


def refusals() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=Action.REFUSED).order_by("id"))


@pytest.mark.parametrize("role", NOT_ENTITLED)
@pytest.mark.parametrize("lookup", LOOKUPS)
def test_roles_that_may_not_see_complainants_cannot_filter_by_them(request, role, lookup, case):
    client = request.getfixturevalue(role)
    url = f"{CASES}?{lookup}={quote(LOOKUPS[lookup])}"
    response = client.get(url)
    assert response.status_code == 403
    assert case.reference.encode() not in response.content
    text = response.content.decode()
    field = lookup.split("__")[0].replace("_", " ")
    assert f"cannot filter cases by {field}" in text and "recorded" in text
    assert 'id="site-name"' in text  # the admin's own page, not a bare error
    assert not policy_problems(response)
    [refused] = refusals()
    user = response.wsgi_request.user
    assert (refused.actor_name, refused.object_type) == (user.username, "casework.case")
    assert refused.after["field"] == lookup.split("__")[0] and refused.after["lookup"] == lookup
    # The address as asked, less the value tried: the trail keeps no guess at a complainant's details.
    assert refused.after["url"] == f"{CASES}?{urlencode({lookup: REDACTED})}"
    assert LOOKUPS[lookup] not in str(refused.after) and refused.source == f"GET {CASES}"


def test_a_character_at_a_time_tells_nothing(as_publisher, case):
    """The answer is the same refusal whether or not the guess is right, and each guess is on the trail."""
    right, wrong = (as_publisher.get(CASES, {"complainant_email__regex": guess}) for guess in ("^z", "^y"))
    assert right.status_code == wrong.status_code == 403
    assert note(right) == note(wrong) and b"zq@example.org" not in right.content
    assert len(refusals()) == 2


@pytest.mark.parametrize("role", NOT_ENTITLED)
def test_nor_through_a_relation_from_another_list(request, role, case):
    """The councils' list leads to their cases: the lookup is refused however it reaches the field."""
    client = request.getfixturevalue(role)
    response = client.get("/admin/authorities/authority/", {"cases__complainant_email__startswith": "zq"})
    assert response.status_code == 403
    [refused] = refusals()
    assert (refused.object_type, refused.after["field"]) == ("casework.case", "complainant_email")
    assert refused.after["lookup"] == "cases__complainant_email__startswith"


def test_caseworkers_keep_their_filters_and_search(as_caseworker, case):
    for lookup, value in LOOKUPS.items():
        response = as_caseworker.get(CASES, {lookup: value})
        assert response.status_code == 200, lookup
        assert case.reference.encode() in response.content, lookup
    assert case.reference.encode() in as_caseworker.get(CASES, {"q": "zq@example.org"}).content
    assert not refusals()


@pytest.mark.parametrize("role", NOT_ENTITLED)
def test_search_never_reaches_complainants_for_others(request, role, case):
    client = request.getfixturevalue(role)
    assert case.reference.encode() in client.get(CASES, {"q": case.reference}).content
    for term in ("zq@example.org", "Zebedee", "0151 496", "Bootle"):
        response = client.get(CASES, {"q": term})
        assert response.status_code == 200 and case.reference.encode() not in response.content, term


def test_a_lookup_the_admin_does_not_offer_is_a_page_not_an_error(as_caseworker, case):
    """Django refuses a relation not among the list's filters (400): the admin's own page says so."""
    response = as_caseworker.get(CASES, {"authority__slug": "sefton"})
    assert response.status_code == 400
    assert b"cannot filter cases by authority__slug" in response.content and b'id="site-name"' in response.content
    assert not policy_problems(response)
    assert not refusals()  # nothing personal was asked for


def test_contacts_only_for_roles_that_may_see_them(as_caseworker, as_publisher, authority):
    from upheld.authorities.models import Contact

    Contact.objects.create(authority=authority, role="chief executive", name="Pat Example",
                           email="pat@sefton.example")
    refused = as_caseworker.get(reverse("admin:authorities_authority_changelist"),
                                {"contacts__email__startswith": "pat"})
    assert refused.status_code == 403
    assert [event.after["field"] for event in refusals()] == ["email"]
    allowed = as_publisher.get(reverse("admin:authorities_contact_changelist"), {"email__startswith": "pat"})
    assert allowed.status_code == 200 and b"Pat Example" in allowed.content
