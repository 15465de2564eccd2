"""The documentation page and the OpenAPI description it is written from."""

import json
import re

from django.test import override_settings


def test_the_openapi_description_lists_every_endpoint(client, db):
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    assert schema["openapi"].startswith("3.")
    assert sorted(schema["paths"]) == [
        "/api/v1/councils", "/api/v1/councils/{gss}", "/api/v1/decisions", "/api/v1/decisions/{slug}",
        "/api/v1/national/{year}", "/api/v1/reports", "/api/v1/reports/public-interest/{pk}",
        "/api/v1/returns/{year}", "/api/v1/returns/{year}/{gss}",
        "/api/v1/statistics/{year}", "/api/v1/statistics/{year}/{gss}", "/api/v1/years"]
    assert all(list(methods) == ["get"] for methods in schema["paths"].values())
    statistics = schema["components"]["schemas"]["CouncilStatistics"]
    assert "similar_authorities" in statistics["properties"]
    assert "code" in statistics["properties"] and "CodeReturn" in schema["components"]["schemas"]
    assert "by ombudsman" in schema["components"]["schemas"]["Remedied"]["properties"]


@override_settings(UPHELD_API_RATE="100/h")
def test_the_documentation_page_describes_each_endpoint_without_script(client, released_2017_18):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200 and response["Content-Type"] == "text/html; charset=utf-8"
    page = response.content.decode()
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    for path in schema["paths"]:
        assert f"<code>{path}</code>" in page
    assert "At most 100/h requests" in page
    assert "one of: county, district, metropolitan, unitary, london" in page
    assert "Too many requests from this address: wait the seconds in Retry-After" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page) and "style=" not in page
    example = re.search(r'href="(/api/v1/statistics/2017-18/E08000014)"', page)
    assert example and client.get(example[1]).status_code == 200
