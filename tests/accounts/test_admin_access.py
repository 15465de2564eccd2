"""Who can do what in the admin: a role × model matrix, the second factor, and personal data.

Every model registered in the admin is checked for every role. A model not
in `EXPECTED` is expected to be closed to every role, so a new model stays
closed until a role is given it (in `upheld.accounts.roles`) and here.
Every list, as every role, is also checked to filter, search and sort only
by what that role may see (`upheld.accounts.personal_data`).
"""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from tests.accounts.signing_in import sign_in
from upheld.accounts.personal_data import CONTACT_FIELDS, PersonalDataAdmin, hidden_field, personal_fields
from upheld.audit.models import Action, AuditEvent
from upheld.casework.models import Case

# role -> model -> "v" (may list and view) and/or "a" (may add)
EXPECTED = {
    "caseworker": {"casework.case": "va", "casework.subcategory": "va", "authorities.authority": "v",
                   "decisions.statement": "va", "code.codefailure": "va", "code.edition": "v", "code.provision": "v"},
    "compliance_officer": {"casework.case": "v", "authorities.authority": "v", "authorities.contact": "v",
                           "decisions.publicinterestreport": "v", "training.linkofficer": "v"},
    "publisher": {"casework.case": "v", "authorities.authority": "v", "authorities.contact": "va",
                  "letters.lettertext": "va", "letters.trainingyear": "va", "releases.release": "va",
                  "decisions.statement": "v", "decisions.publicinterestreport": "va", "decisions.focusreport": "va",
                  "training.course": "va", "training.trainingsession": "va", "training.linkofficer": "va",
                  "training.seminar": "va", "code.edition": "va", "code.provision": "va",
                  "code.returndeadline": "va", "code.selfassessment": "v", "code.version": "v",
                  "code.codefailure": "v"},
    "administrator": {"auth.user": "va", "auth.group": "v", "accounts.councilmembership": "va",
                      "authorities.authority": "v", "otp_totp.totpdevice": "v", "axes.accessattempt": "v",
                      "audit.auditevent": "v", "alerts.subscription": "v"},
}
MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label_lower)


@pytest.mark.parametrize("role", EXPECTED)
def test_role_permission_matrix(request, client, role):
    sign_in(client, request.getfixturevalue(role))
    allowed = EXPECTED[role]
    seen = {}
    for model in MODELS:
        label = model._meta.label_lower
        info = (model._meta.app_label, model._meta.model_name)
        listing = client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code
        adding = client.get(reverse("admin:{}_{}_add".format(*info))).status_code
        seen[label] = ("v" if listing == 200 else "") + ("a" if adding == 200 else "")
        assert {listing, adding} <= {200, 403}, (label, listing, adding)
    assert {label: rights for label, rights in seen.items() if rights} == allowed


def test_every_admin_guards_its_lists_lookups():
    unguarded = [model._meta.label_lower for model, model_admin in admin.site._registry.items()
                 if not isinstance(model_admin, PersonalDataAdmin)]
    assert not unguarded, f"ModelAdmins without PersonalDataAdmin first among their bases: {unguarded}"


# Fields whose names suggest contact details but hold none: whether a letter goes by email.
NOT_CONTACT_DETAILS = {("letters.lettertext", "by_email")}


def test_every_field_of_contact_details_is_declared():
    """A new model's email, phone, address or IP address is personal until said otherwise, here."""
    undeclared = [(model._meta.label_lower, field.name) for model in apps.get_models()
                  for field in model._meta.concrete_fields
                  if re.search(r"email|phone|address|(^|_)ip($|_)", field.name)
                  and field.name not in personal_fields(model)
                  and (model._meta.label_lower, field.name) not in NOT_CONTACT_DETAILS]
    assert not undeclared, f"declare them in PERSONAL_FIELDS or personal_data.CONTACT_FIELDS: {undeclared}"
    assert set(CONTACT_FIELDS) <= {model._meta.label_lower for model in apps.get_models()}


@pytest.mark.parametrize("role", EXPECTED)
def test_no_list_searches_filters_or_sorts_by_what_its_user_may_not_see(request, role):
    user = request.getfixturevalue(role)
    http = RequestFactory().get("/admin/")
    http.user = user
    shown = {}
    for model, model_admin in admin.site._registry.items():
        used = [*model_admin.get_search_fields(http), *model_admin.get_list_display(http),
                *model_admin.get_sortable_by(http), *model_admin.get_ordering(http),
                *(item[0] if isinstance(item, tuple) else item for item in model_admin.get_list_filter(http))]
        paths = [item.lstrip("^=@-") for item in used if isinstance(item, str)]
        paths += [getattr(getattr(model_admin, name, None), "admin_order_field", None) for name in paths]
        if hidden := [path for path in paths if path and hidden_field(model, path, user)]:
            shown[model._meta.label_lower] = hidden
    assert not shown


@pytest.mark.parametrize(("url", "field"), [
    ("/admin/otp_totp/totpdevice/?key__startswith=a", "key"),
    ("/admin/auth/user/?password__startswith=md5", "password"),
    ("/admin/accounts/councilmembership/?user__password__startswith=md5", "password"),
])
def test_secrets_are_filtered_by_no_one(admin_client, administrator, url, field):
    """A second factor's key or a password hash read a character at a time: refused even to a superuser."""
    for client in (admin_client, sign_in(admin_client.__class__(), administrator)):
        assert client.get(url).status_code == 403
    assert [event.after["field"] for event in AuditEvent.objects.filter(action=Action.REFUSED)] == [field, field]


def test_superuser_sees_every_model(admin_client):
    for model in MODELS:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert admin_client.get(url).status_code == 200, url


def test_the_audit_trail_cannot_be_edited_even_by_a_superuser(admin_client, caseworker):
    event = AuditEvent.objects.filter(action=Action.CREATE).first()
    assert admin_client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    page = admin_client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert page.status_code == 200 and b'type="submit"' not in page.content.split(b'id="content"')[1]
    assert admin_client.post(reverse("admin:audit_auditevent_delete", args=[event.pk])).status_code == 403


def test_council_users_never_reach_the_admin(client, link_officer):
    sign_in(client, link_officer)
    response = client.get("/admin/casework/case/")
    assert response.status_code == 302
    assert client.get(response.url).url.startswith("/accounts/login/")


def test_unverified_staff_are_sent_to_give_their_second_factor(client, caseworker):
    sign_in(client, caseworker, verified=False)
    for url in ("/admin/", "/admin/casework/case/", "/accounts/", "/accounts/password/", "/audit/export.csv"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/two-factor/set-up/?next="), url
    sign_in(client, caseworker)
    assert client.get("/admin/casework/case/").status_code == 200


def test_admin_login_page_forwards_to_the_one_sign_in(client):
    response = client.get("/admin/login/?next=/admin/casework/case/")
    assert response.status_code == 302 and response.url == "/accounts/login/?next=/admin/casework/case/"
    assert client.get("/admin/login/?next=https://elsewhere.example/").url == "/accounts/login/?next=/admin/"


def test_personal_data_only_for_caseworkers_and_each_view_recorded(client, authority, caseworker, publisher,
                                                                   compliance_officer):
    case = Case.objects.create(reference="PD1", authority=authority, received="2024-05-01", category="housing",
                               complainant_name="Zebedee Quux", complainant_email="zq@example.org")
    url = reverse("admin:casework_case_change", args=[case.pk])
    for user in (publisher, compliance_officer):
        sign_in(client, user)
        page = client.get(url)
        assert page.status_code == 200 and b"PD1" in page.content
        assert b"Zebedee" not in page.content and b"zq@example.org" not in page.content
        assert b"complainant" not in page.content.lower()
    assert not AuditEvent.objects.filter(action=Action.VIEW).exists()

    sign_in(client, caseworker)
    page = client.get(url)
    assert b"Zebedee Quux" in page.content and b"zq@example.org" in page.content
    viewed = AuditEvent.objects.get(action=Action.VIEW)
    assert (viewed.actor_name, viewed.case_id, viewed.authority_id) == ("casey", case.pk, authority.pk)
    assert viewed.source == f"GET {url}" and viewed.request_id


def test_publishers_cannot_change_personal_data_through_the_form(client, authority, publisher):
    case = Case.objects.create(reference="PD2", authority=authority, received="2024-05-01", category="housing")
    sign_in(client, publisher)
    url = reverse("admin:casework_case_change", args=[case.pk])
    client.post(url, {"reference": "PD2", "authority": authority.pk, "received": "2024-05-01",
                      "category": "housing", "complainant_name": "Injected"})
    case.refresh_from_db()
    assert case.complainant_name == ""


def test_administrators_cannot_raise_their_own_access(client, administrator, admin_user):
    sign_in(client, administrator)
    own = client.get(reverse("admin:auth_user_change", args=[administrator.pk]))
    assert own.status_code == 200
    assert b'name="is_superuser"' not in own.content and b'name="groups"' not in own.content
    assert b'name="user_permissions"' not in own.content
    superuser = client.get(reverse("admin:auth_user_change", args=[admin_user.pk]))
    assert b'name="username"' not in superuser.content  # shown read-only at most
    assert client.post(reverse("admin:auth_user_password_change", args=[admin_user.pk]),
                       {"password1": "x" * 20, "password2": "x" * 20}).status_code == 403


def test_no_one_reads_another_persons_authenticator_key(client, administrator, caseworker):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=caseworker, name="phone", confirmed=True)
    sign_in(client, administrator)
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert page.status_code == 200 and device.key.encode() not in page.content
    for view in ("config", "qrcode"):
        assert client.get(reverse(f"admin:otp_totp_totpdevice_{view}", args=[device.pk])).status_code == 403
    assert device.key not in str(AuditEvent.objects.values_list("before", "after"))
    reset = client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert reset.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
