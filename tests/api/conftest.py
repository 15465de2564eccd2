"""Fixtures of the API's tests: the released multi-council dataset of the public pages' tests, the decision
tests' councils and fixed today, and a reader of JSON answers."""

import json

import pytest

from tests.decisions.conftest import figures_released, on_today, sefton, wirral  # noqa: F401 - fixtures
from tests.publication.site_data import dataset  # noqa: F401 - fixture


def read(client, url: str, status: int = 200, **headers) -> dict:
    """The JSON of `url`, which must answer `status`."""
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


@pytest.fixture
def api(client):
    """`api("/councils")` is the JSON of /api/v1/councils, which must be a 200 (or `status=`)."""
    return lambda path, status=200, **headers: read(client, f"/api/v1{path}", status, **headers)
