"""The API, the open data and `upheld stats --json` give the same object for every council, to the digit."""

import json

from django.test import override_settings

from tests.builders import Y2017, decide
from upheld.authorities.models import Authority
from upheld.casework.vocabulary import Outcome, Remedy
from upheld.releases.freezing import revise


def open_data(client, year: str) -> dict:
    response = client.get(f"/data/{year}/upheld-{year}.json")
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content) if response.streaming else response.content)


@override_settings(UPHELD_API_RATE="10000/min")
def test_every_council_of_2017_18_agrees_with_the_open_data_download(client, dataset):
    councils = open_data(client, "2017-18")["councils"]
    listing = json.loads(client.get("/api/v1/statistics/2017-18?page_size=500").content)
    assert listing["count"] == len(councils) > 300
    assert listing["items"] == councils
    for record in councils:
        one = client.get(f"/api/v1/statistics/2017-18/{record['authority']['gss']}")
        assert json.loads(one.content) == record


def test_after_a_revision_the_api_gives_the_newest_version_as_the_download_does(client, dataset):
    decide(Authority.objects.get(gss="E08000014"), Y2017.first_day, Y2017.last_day, Outcome.UPHELD,
           Remedy.SATISFACTORY_BY_AUTHORITY)
    revise(Y2017, "A decision was recorded late.")
    download = open_data(client, "2017-18")
    assert download["version"] == 2
    sefton = next(record for record in download["councils"] if record["authority"]["gss"] == "E08000014")
    assert json.loads(client.get("/api/v1/statistics/2017-18/E08000014").content) == sefton


def test_the_json_is_what_upheld_stats_prints_for_a_year_not_revised(client, dataset):
    """Before any correction the published figures are the live ones, so the command agrees too."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("stats", "--year", "2019-20", "--authority", "E06000058", "--json", stdout=out)
    assert json.loads(client.get("/api/v1/statistics/2019-20/E06000058").content) == json.loads(out.getvalue())
