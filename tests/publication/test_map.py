"""The map's data and its server-rendered table: one number everywhere, nothing before release,
every council drawn, and small enough to fetch."""

import datetime
import gzip
import json

import pytest
from django.utils import timezone

from tests.builders import Y2017
from upheld.publication import geometry
from upheld.publication.map import MEASURES, MEASURES_BY_KEY, legend, shapes_for
from upheld.releases.freezing import schedule_release, statistics_for
from upheld.stats.annual import council_json, year_statistics
from upheld.years import ReportingYear

Y2018 = ReportingYear(2018)
BUDGET = 300 * 1024  # bytes of gzipped data.json per year


@pytest.fixture
def embargoed_2018_19(released_2017_18):
    return schedule_release(Y2018, timezone.now() + datetime.timedelta(days=30))


def data(client, label="2017-18"):
    response = client.get(f"/map/{label}/data.json")
    assert response.status_code == 200
    return response


def test_values_equal_council_json_for_every_council(client, released_2017_18):
    body = data(client).json()
    statistics = statistics_for(Y2017)
    assert len(body["councils"]) == len(statistics.councils)
    for council in statistics.councils:
        record = council_json(statistics, council)
        entry = next(c for c in body["councils"] if c["gss"] == council.authority.gss)
        figures = entry["figures"]
        assert figures["uphold_rate"]["value"] == record["uphold_rate"]
        assert figures["uphold_rate"]["denominator"] == record["detailed_investigations"]
        assert figures["uphold_rate"]["numerator"] == record["decisions"]["Upheld"]
        assert figures["compliance_rate"]["value"] == record["compliance"]["rate"]
        assert figures["compliance_rate"]["denominator"] == record["compliance"]["outcomes"]
        assert figures["satisfactory_remedy_rate"]["value"] == record["satisfactory_remedy_rate"]
        assert figures["satisfactory_remedy_rate"]["numerator"] == record["remedied"]["satisfactory by authority"]
        assert figures["upheld_per_100k"]["value"] == record["upheld_per_100k"]
        assert figures["upheld_per_100k"]["denominator"] == record["population"]["value"]
        assert figures["received_per_10k"]["value"] == council.received_per_10k
        assert figures["received_per_10k"]["numerator"] == record["received"]["Total"]
        assert entry["slug"] == council.authority.slug
        assert entry["url"] == f"/councils/{council.authority.slug}/2017-18/"


def test_each_figure_comes_with_its_base(client, released_2017_18):
    body = data(client).json()
    assert body["type_phrases"]["london"] == "London borough"
    assert body["type_phrases"]["metropolitan"] == "metropolitan borough"
    sefton = next(c for c in body["councils"] if c["gss"] == "E08000014")
    assert sefton["figures"]["uphold_rate"]["text"] == "57% of 21 detailed investigations"
    assert sefton["figures"]["compliance_rate"]["text"] == "Not applicable: no compliance outcomes"
    assert sefton["figures"]["compliance_rate"]["display"] == "-"
    assert sefton["figures"]["satisfactory_remedy_rate"]["text"] == "0% of 12 upheld decisions"
    per_100k = sefton["figures"]["upheld_per_100k"]
    assert per_100k["text"] == f"{per_100k['display']} per 100,000 residents (12 upheld decisions; population " \
                               f"{per_100k['denominator']:,}, ONS mid-2020 estimate)"
    assert per_100k["base_count"] == 12 and sefton["figures"]["uphold_rate"]["base_count"] == 21
    # The small-base rule of every page and download: fewer than 10 cases, flagged and said in words.
    for council in body["councils"]:
        for key, figure in council["figures"].items():
            base = figure["denominator"] if key.endswith("_rate") else figure["numerator"]
            assert figure["small_base"] == (base < 10), (council["gss"], key)
            marked = figure["small_base"] and figure["value"] is not None
            assert marked == figure["text"].endswith("; too few cases to compare"), (council["gss"], key)
            assert marked == figure["base"].endswith(" (too few cases to compare)"), (council["gss"], key)
    assert any(figure["small_base"] and figure["value"] is not None
               for council in body["councils"] for figure in council["figures"].values())


def test_embargoed_year_is_nowhere(client, embargoed_2018_19):
    assert client.get("/map/2018-19/").status_code == 404
    assert client.get("/map/2018-19/data.json").status_code == 404
    assert client.get("/map/?year=2018-19").status_code == 404
    page = client.get("/map/").content.decode()
    assert "2017-18" in page
    assert "2018-19" not in page
    assert data(client).json()["year"] == "2017-18"


def test_nothing_published_yet(client, db):
    response = client.get("/map/")
    assert response.status_code == 200
    assert "No figures have been published yet" in response.content.decode()
    assert client.get("/map/2017-18/data.json").status_code == 404


def test_size_budget(client, released_2017_18):
    size = len(gzip.compress(data(client).content))
    assert size <= BUDGET, f"map data is {size:,} bytes gzipped, over the {BUDGET:,} budget"
    compressed = client.get("/map/2017-18/data.json", HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip"
    assert len(compressed.content) <= BUDGET


def test_table_view_without_javascript_is_filtered_like_the_map(client, released_2017_18):
    page = client.get("/map/2017-18/", {"q": "SEF", "measure": "uphold_rate"}).content.decode()
    assert page.count('<tr class="govuk-table__row" data-gss=') == 1
    assert 'data-gss="E08000014"' in page
    assert "57%" in page and "21 detailed investigations" in page
    assert "Complaints upheld, 2017-18: 1 council<" in page
    counties = client.get("/map/2017-18/", {"type": "county"}).content.decode()
    expected = sum(c.authority.type == "county" for c in statistics_for(Y2017).councils)
    assert counties.count('<tr class="govuk-table__row" data-gss=') == expected
    assert client.get("/map/2017-18/", {"type": "parish"}).status_code == 400


def test_year_switcher_without_javascript_redirects(client, released_2017_18):
    response = client.get("/map/", {"year": "2017-18", "measure": "compliance_rate", "q": "sef"})
    assert response.status_code == 302
    assert response["Location"] == "/map/2017-18/?measure=compliance_rate&q=sef"


@pytest.mark.parametrize("start", range(2014, 2026))
def test_every_council_of_every_year_has_a_hex_and_a_boundary(db, start):
    year = ReportingYear(start)
    councils = year_statistics(year).councils
    _, shapes = shapes_for(year, councils)
    unplaced = [(c.authority.short_name, kind) for c in councils for kind in ("hex", "shape")
                if shapes[c.authority.id][kind] is None]
    assert not unplaced


def test_hex_map_is_chosen_by_the_councils_it_places(db):
    # The file named 2025 holds the districts of before the 2019 mergers (Christchurch, Forest Heath, …).
    assert shapes_for(Y2017, year_statistics(Y2017).councils)[0]["district"] == "uk-local-authority-districts-2025"
    assert shapes_for(ReportingYear(2023), [])[0]["county"] == "uk-upper-tier-local-authorities"


def test_rate_bands_are_fixed_and_count_bands_are_quintiles():
    assert [band["label"] for band in legend(MEASURES_BY_KEY["uphold_rate"], [])] == [
        "0% to 19%", "20% to 39%", "40% to 59%", "60% to 79%", "80% to 100%"]
    assert [band["label"] for band in legend(MEASURES_BY_KEY["compliance_rate"], [])][-2:] == ["95% to 99%", "100%"]
    bands = legend(MEASURES_BY_KEY["received_per_10k"], [None, *[n / 10 for n in range(100)]])
    assert [band["label"] for band in bands] == ["0.0 to 1.9", "2.0 to 3.9", "4.0 to 5.9", "6.0 to 7.9", "8.0 or more"]
    assert legend(MEASURES_BY_KEY["received_per_10k"], [None, None]) == [
        {"from": None, "to": None, "label": "0.0 or more"}]


def test_geometry_files_are_made_from_the_shipped_data():
    for name, text in geometry.derived_files().items():
        assert (geometry.STATIC_DIR / name).read_text(encoding="utf-8") == text, (
            f"{name} is out of date: run python -m upheld.publication.geometry")
    boundaries = json.loads((geometry.STATIC_DIR / "boundaries.json").read_text())
    assert len(gzip.compress((geometry.STATIC_DIR / "boundaries.json").read_bytes())) < 100_000
    assert {code[:3] for code, *_ in boundaries["areas"]["ltla"]} == {"E06", "E07", "E08", "E09"}
    assert all(code.startswith("E10") for code, *_ in boundaries["areas"]["cty"])


def test_measures_are_the_five_of_the_brief():
    assert [m.key for m in MEASURES] == ["uphold_rate", "upheld_per_100k", "compliance_rate",
                                         "satisfactory_remedy_rate", "received_per_10k"]


def test_count_bands_step_past_ties():
    bands = legend(MEASURES_BY_KEY["upheld_per_100k"], [0.0] * 10 + [1.0, 2.0])
    assert [band["label"] for band in bands] == ["0.0 to 0.9", "1.0 to 1.9", "2.0 or more"]
    bands = legend(MEASURES_BY_KEY["upheld_per_100k"], [0.0] * 10 + [0.1, 0.2])
    assert [band["label"] for band in bands] == ["0.0", "0.1", "0.2 or more"]
