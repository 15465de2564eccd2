"""The file of every year and the data package: valid by Frictionless's own validator, from the served bytes,
in the data dictionary's words, and never with a year that is not released. (That the file's figures are the
years' files', the pages' and the letters' is `test_open_data.test_one_number_everywhere_for_every_council`.)"""

import csv
import datetime
import io
import json

from django.utils import timezone
from frictionless import Package

from tests.builders import D, decide
from tests.publication.site_data import Y2017, Y2018, Y2019, build_dataset
from upheld.authorities.models import Authority
from upheld.casework.vocabulary import Outcome
from upheld.publication import attribution, dictionary, tidy
from upheld.releases.freezing import revise, schedule_release

TIDY = "/data/upheld-all-years.csv"
PACKAGE = "/data/datapackage.json"


def served(client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content


def tidy_rows(client) -> list[dict]:
    return list(csv.DictReader(io.StringIO(served(client, TIDY).decode())))


def test_the_package_and_its_files_are_valid_frictionless_data(client, dataset, tmp_path):
    """The package and every file it describes, as served, pass Frictionless's validation with no error."""
    package = json.loads(served(client, PACKAGE))
    (tmp_path / "datapackage.json").write_bytes(served(client, PACKAGE))
    for resource in package["resources"]:
        (tmp_path / resource["path"]).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / resource["path"]).write_bytes(served(client, f"/data/{resource['path']}"))

    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.flatten(["rowNumber", "fieldName", "type", "note"]) == []
    assert report.valid and report.stats["errors"] == 0
    rows = [task.stats["rows"] for task in report.tasks]
    assert rows[0] == sum(rows[1:]) * len(tidy.FIGURES)  # every figure of every council of every year

    assert [(r["name"], r["path"]) for r in package["resources"]] == [
        ("upheld-all-years", "upheld-all-years.csv"),
        ("upheld-2019-20", "2019-20/v1/upheld-2019-20-v1.csv"),
        ("upheld-2018-19", "2018-19/v1/upheld-2018-19-v1.csv"),
        ("upheld-2017-18", "2017-18/v1/upheld-2017-18-v1.csv")]
    tidy_fields, year_fields = package["resources"][0]["schema"]["fields"], package["resources"][1]["schema"]["fields"]
    assert [f["name"] for f in tidy_fields] == [c.name for c in dictionary.TIDY_COLUMNS]
    assert [f["name"] for f in year_fields] == [c.name for c in dictionary.COLUMNS]
    column, uphold_rate = dictionary.BY_NAME["uphold_rate"], year_fields[[c.name for c in dictionary.COLUMNS].index(
        "uphold_rate")]
    assert (uphold_rate["type"], uphold_rate["title"]) == ("integer", column.meaning)
    assert uphold_rate["description"] == f"{column.meaning} {column.definition} When empty: {column.when_empty}"
    assert [s["data"] for s in package["sources"]] == [row[0] for row in attribution.sources()]
    assert [licence["name"] for licence in package["licenses"]] == ["CC-BY-4.0", "OGL-UK-3.0", "MIT"]


def test_the_tidy_file_is_one_figure_a_row(client, dataset):
    rows = tidy_rows(client)
    assert list(rows[0]) == [column.name for column in dictionary.TIDY_COLUMNS]
    keys = [(r["year"], r["gss_code"], r["measure"], r["category"]) for r in rows]
    assert len(keys) == len(set(keys))
    assert [r["year"] for r in rows] == sorted(r["year"] for r in rows)  # oldest year first
    arun = {(r["measure"], r["category"]): r for r in rows if r["gss_code"] == "E07000224" and r["year"] == "2018-19"}
    # Arun has no records: a count is 0, a rate is empty (never 0) with why, and no base is too small to say so.
    upheld = arun[("decisions", "Upheld")]
    assert (upheld["value"], upheld["base"], upheld["small_base"], upheld["note"]) == ("0", "", "", "")
    assert {k: arun[("uphold_rate", "")][k] for k in ("value", "base", "small_base", "note")} == {
        "value": "", "base": "0", "small_base": "True", "note": "Not applicable: no detailed investigations"}
    sefton = {(r["measure"], r["category"]): r for r in rows if r["gss_code"] == "E08000014" and r["year"] == "2018-19"}
    rate = sefton[("uphold_rate", "")]
    assert int(rate["base"]) == int(sefton[("detailed_investigations", "")]["value"])
    assert rate["small_base"] == str(int(rate["base"]) < 10)
    assert rate["note"] == ("Too few cases to compare: fewer than 10 detailed investigations"
                            if int(rate["base"]) < 10 else "")
    assert sefton[("similar_authorities", "uphold_rate")]["base"]  # the pooled base of every metropolitan borough


def test_an_embargoed_year_is_in_neither_until_its_release_and_a_revision_is_at_once(client, db):
    build_dataset()
    schedule_release(Y2017)
    schedule_release(Y2018)
    schedule_release(Y2019, timezone.now() + datetime.timedelta(days=1))
    for path in (TIDY, PACKAGE):
        assert b"2019-20" not in served(client, path), path  # served, and kept in the page cache
    assert {row["year"] for row in tidy_rows(client)} == {"2017-18", "2018-19"}

    schedule_release(Y2019)  # brought forward to now
    assert {row["year"] for row in tidy_rows(client)} == {"2017-18", "2018-19", "2019-20"}
    assert "2019-20/v1/upheld-2019-20-v1.csv" in served(client, PACKAGE).decode()

    adur = Authority.objects.get(gss="E07000223")

    def adur_upheld():
        return [(r["version"], r["value"]) for r in tidy_rows(client) if r["gss_code"] == adur.gss
                and r["year"] == Y2018.label and (r["measure"], r["category"]) == ("decisions", "Upheld")]

    [(version, upheld)] = adur_upheld()
    decide(adur, D(2018, 5, 1), D(2018, 6, 1), Outcome.UPHELD)
    assert adur_upheld() == [("1", upheld)]  # a correction is not published until a revision
    revise(Y2018, "One decision was missing.")
    assert adur_upheld() == [("2", str(int(upheld) + 1))]
    package = served(client, PACKAGE).decode()
    assert "2018-19/v2/upheld-2018-19-v2.csv" in package and "2018-19/v1/" not in package
    assert Y2017.label in package
