"""Subcategories come from a list per category, kept by staff: the casework screens offer it, and the screens,
the admin and the imports (tests/imports/test_casework.py) hold a case to it, whatever the capitals and spaces it
is typed with. The finding: "School transport" and "school transport" were two subcategories."""

import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape

from tests.accounts.signing_in import sign_in, staff_user
from tests.casework.conftest import D
from tests.casework.form_fields import form_data
from tests.casework.test_screens import intake_data, messages_in
from upheld.accounts.roles import StaffRole
from upheld.casework.models import Case, Subcategory

NOT_LISTED = ("'Potholes' is not a listed subcategory of Housing; expected one of: Allocations; Damp; "
              "Damp and mould; Disrepair; Homelessness; Leaks; Private rented housing; Repairs")


@pytest.fixture
def in_admin(client):
    return sign_in(client, staff_user("adele", StaffRole.CASEWORKER))


def test_a_new_installation_lists_the_demonstration_subcategories(db):
    from upheld.demo.texts import SUBCATEGORIES

    listed = Subcategory.objects.listed()
    assert all((category, name.casefold()) in listed for category, names in SUBCATEGORIES.items() for name in names)


def test_intake_offers_the_list_grouped_by_category(as_caseworker):
    text = as_caseworker.get(reverse("casework:intake")).content.decode()
    education = text[text.index('<optgroup label="Education and Children&#x27;s Services">'):]
    assert '<option value="School transport">School transport</option>' in education[:education.index("</optgroup>")]


def test_the_screens_file_a_case_under_the_listed_spelling_and_refuse_others(as_caseworker, authority):
    intake = reverse("casework:intake")
    response = as_caseworker.post(intake, intake_data(authority, category="education_children",
                                                      subcategory="  school   TRANSPORT "))
    assert response.status_code == 302
    assert Case.objects.get().subcategory == "School transport"

    refused = as_caseworker.post(intake, intake_data(authority, category="housing", subcategory="Potholes"))
    assert refused.status_code == 200 and messages_in(refused) == [escape(NOT_LISTED)]
    # A subcategory of another category is not one of this category's.
    refused = as_caseworker.post(intake, intake_data(authority, category="housing", subcategory="School transport"))
    assert messages_in(refused) == [escape(NOT_LISTED.replace("Potholes", "School transport"))]
    assert Case.objects.count() == 1


def test_the_admin_files_a_case_under_the_listed_spelling_and_refuses_others(in_admin, case):
    url = reverse("admin:casework_case_change", args=[case.pk])
    refused = in_admin.post(url, {**form_data(in_admin.get(url)), "subcategory": "Potholes"})
    assert refused.status_code == 200 and escape(NOT_LISTED) in refused.content.decode()
    assert Case.objects.get().subcategory == "Repairs"
    saved = in_admin.post(url, {**form_data(in_admin.get(url)), "subcategory": "damp  AND mould"})
    assert saved.status_code == 302 and Case.objects.get().subcategory == "Damp and mould"


def test_caseworkers_add_to_the_list_once_whatever_the_spelling(in_admin):
    add = reverse("admin:casework_subcategory_add")
    assert in_admin.post(add, {"category": "highways", "name": " Street  lighting "}).status_code == 302
    assert Subcategory.objects.filter(category="highways", name="Street lighting").exists()
    again = in_admin.post(add, {"category": "highways", "name": "street lighting"})
    assert "Highways and Transport already has this subcategory" in again.content.decode()
    with pytest.raises(IntegrityError), transaction.atomic():  # and the database holds to it
        Subcategory.objects.create(category="highways", name="STREET LIGHTING")


def test_the_migration_lists_what_cases_were_filed_under_once_and_files_them_under_it(db, authority):
    """Cases filed under spellings of one subcategory before the list existed: the list gets it once, as most
    cases spell it (or as the defaults do), and every case is filed under that spelling."""
    Subcategory.objects.all().delete()
    for n, (category, typed) in enumerate([("housing", "Damp"), ("housing", "damp "), ("housing", "Damp"),
                                           ("education_children", "school transport"), ("planning", "")]):
        Case.objects.create(reference=f"M{n}", authority=authority, received=D(2024, 5, 1), category=category,
                            subcategory=typed)
    migration = importlib.import_module("upheld.casework.migrations.0005_summary_and_subcategories")
    migration.list_subcategories(apps, None)
    assert sorted(Case.objects.values_list("reference", "subcategory")) == [
        ("M0", "Damp"), ("M1", "Damp"), ("M2", "Damp"), ("M3", "School transport"), ("M4", "")]
    assert Subcategory.objects.filter(category="housing", name__iexact="damp").count() == 1
