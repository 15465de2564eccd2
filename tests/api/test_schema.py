"""The API keeps to its own OpenAPI description, under schemathesis: generated requests, valid and invalid,
to every endpoint, through the WSGI application, with every check schemathesis has (answers and status
codes as described, no server errors, invalid input refused, valid input accepted, undeclared methods
refused with Allow). The examples are few and derandomised, so the run is short and the same each time."""

import datetime
import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, settings

from tests.builders import Y2017, build_sefton_2017_18
from tests.decisions.conftest import make_statement
from upheld.api.api import api
from upheld.authorities.models import Authority
from upheld.decisions.models import FocusReport, PublicInterestReport
from upheld.releases.freezing import schedule_release


@pytest.fixture
def published_data(db, settings):
    """2017-18 released, with a published statement and reports; the rate limit out of the way.

    The requests go to the plain WSGI application, which closes the database connection at the start and
    end of each request, as it should in production; here that would end the test's transaction (on
    PostgreSQL), so, as Django's own test client does, the connection is left open while the test runs."""
    settings.UPHELD_API_RATE = "1000000/min"
    sefton = Authority.objects.get(gss="E08000014")
    build_sefton_2017_18(sefton)
    schedule_release(Y2017, timezone.now() - datetime.timedelta(days=1))
    make_statement(sefton, decided=timezone.localdate() - datetime.timedelta(days=400))
    PublicInterestReport.objects.create(authority=sefton, issued=datetime.date(2023, 3, 1), title="Delays",
                                        summary="The Council delayed repairs.", synthetic=True)
    FocusReport.objects.create(title="Learning", slug="learning", summary="What we saw.",
                               published=datetime.date(2023, 5, 1))
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


# The description the API serves (`test_the_description_is_the_one_served`), taken from the API itself:
# asking the application for it reads the public state, which the database only gives inside a test.
DESCRIPTION = api.get_openapi_schema(path_prefix=reverse("api:index"))
schema = schemathesis.openapi.from_dict(DESCRIPTION)
schema.app = get_wsgi_application()


def test_the_description_is_the_one_served(client, db):
    assert json.loads(client.get("/api/v1/openapi.json").content) == json.loads(json.dumps(DESCRIPTION))


@schema.parametrize()
@settings(max_examples=20, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_the_api_keeps_to_its_schema(case, published_data):
    # The WSGI transport does not undo gzip as an HTTP client would; the schema is the same either way.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
