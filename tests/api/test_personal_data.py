"""No complainant's personal data reaches any answer of the API, whatever is asked."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.decisions.conftest import make_statement
from upheld.casework.models import Case
from upheld.decisions.models import FocusReport, PublicInterestReport

NAME, EMAIL, PHONE, ADDRESS = "Philippa Quenby-Marsh", "pq.marsh@example.org", "07700 900123", "12 Larkspur Row"


@pytest.fixture
def planted(dataset):
    """Every case of the dataset carries a complainant's details, and there is a statement and reports."""
    Case.objects.update(complainant_name=NAME, complainant_email=EMAIL, complainant_phone=PHONE,
                        complainant_address=ADDRESS)
    case = Case.objects.filter(authority__gss="E08000014").first()
    statement = make_statement(reference=case.reference, decided=timezone.localdate() - datetime.timedelta(days=200))
    report = PublicInterestReport.objects.create(authority=case.authority, reference=case.reference,
                                                 issued=datetime.date(2023, 3, 1), title="Delays",
                                                 summary="The Council delayed repairs.")
    FocusReport.objects.create(title="Learning", slug="learning", summary="What we saw.",
                               published=datetime.date(2023, 5, 1))
    return statement, report


@override_settings(UPHELD_API_RATE="10000/min")
def test_no_answer_carries_a_complainants_details(client, planted):
    statement, report = planted
    paths = ["/", "/years", "/councils?page_size=500", "/councils/E08000014", "/national/2017-18",
             "/decisions", f"/decisions?council=E08000014&q={statement.summary.split()[0]}",
             f"/decisions/{statement.slug}", "/reports", f"/reports/public-interest/{report.pk}", "/openapi.json",
             "/docs"]
    paths += [f"/statistics/{year}?page_size=500" for year in ("2017-18", "2018-19", "2019-20")]
    paths += [f"/statistics/{year}/E08000014" for year in ("2017-18", "2018-19", "2019-20")]
    for path in paths:
        response = client.get(f"/api/v1{path}")
        assert response.status_code == 200, path
        for planted_value in (NAME, EMAIL, PHONE, ADDRESS, "Quenby", "pq.marsh"):
            assert planted_value.encode() not in response.content, (path, planted_value)
