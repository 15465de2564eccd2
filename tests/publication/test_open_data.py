"""Open data: one number everywhere, versions and revisions, the dictionary, the table view's CSV."""

import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils.html import escape
from odf import teletype
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow
from odf.text import P
from openpyxl import load_workbook

from tests.accounts.signing_in import staff_user
from tests.builders import D, decide
from tests.code.builders import fill, submitted
from tests.letters.test_content import _expected_tables, tables
from tests.publication.datasets import Y2017, Y2018, build_committed_released_years, remove_committed
from tests.publication.page_reader import get_page
from upheld.accounts.roles import StaffRole
from upheld.authorities.models import Authority
from upheld.casework.models import Decision
from upheld.casework.vocabulary import Outcome
from upheld.code import lifecycle
from upheld.code.editions import Edition, Provision
from upheld.code.findings import CodeFailure
from upheld.code.returns import SelfAssessment
from upheld.letters.batch import letters_for
from upheld.publication import attribution, dictionary
from upheld.releases.freezing import revise
from upheld.stats.management.commands.stats import flatten
from upheld.stats.measures import PerResidents, percentage
from upheld.stats.registry import HEADLINE

SHEETS = ["Councils 2017-18", "Data dictionary", "Revision", "Attribution"]


@pytest.fixture(scope="module")
def committed_years(django_db_setup, django_db_blocker):
    """The two released years, built once for the module (each test's changes roll back with its transaction)."""
    with django_db_blocker.unblock():
        years, undo = build_committed_released_years(before_release=plant_code)
        yield years
        # The Code's objects first, which casework's removal leaves: their deletions are audited, and
        # `remove_committed` takes the audit trail back (a browser test's flush is refused any event left).
        CodeFailure.objects.all().delete()
        SelfAssessment.objects.update(accepted_version=None)  # an accepted version is protected while accepted
        SelfAssessment.objects.all().delete()
        Provision.objects.filter(edition__name=TEST_EDITION).delete()
        Edition.objects.filter(name=TEST_EDITION).delete()
        get_user_model().objects.filter(username=PUBLISHER).delete()
        remove_committed(undo)


@pytest.fixture
def released(db, committed_years):
    return committed_years


# The Complaint Handling Code in the released years: an edition applying from 2018-19 (so 2017-18's share of
# decisions with a Code failure is not applicable), Code failures on some of Birmingham's upheld 2018-19
# decisions, Birmingham's accepted 2018-19 return with a revision submitted but not accepted, Knowsley's return
# submitted and never accepted, Wirral's draft. Only Birmingham's accepted version may be in any figure.
BIRMINGHAM, KNOWSLEY, WIRRAL = "E08000025", "E08000011", "E08000015"
ACCEPTED = {"stage1_received": 913, "stage1_in_time": 801, "stage2_received": 97, "stage2_in_time": 71}
TEST_EDITION, PUBLISHER = "Test edition", "open-data-publisher"
NOT_ACCEPTED = {"stage1_received": 6173, "stage1_in_time": 5947, "stage2_received": 5389, "stage2_in_time": 5281}


def plant_code():
    edition = Edition.objects.create(name=TEST_EDITION, starts=Y2018.first_day, first_return_year=2017,
                                     source_url="https://example.org/code")
    provisions = [Provision.objects.create(edition=edition, section=1, section_title="What a complaint is",
                                           number=f"1.{n}", title=f"Provision {n}", text="Summarised.")
                  for n in (1, 2)]
    birmingham, knowsley, wirral = (Authority.objects.get(gss=gss) for gss in (BIRMINGHAM, KNOWSLEY, WIRRAL))
    upheld = Decision.objects.filter(case__authority=birmingham, outcome=Outcome.UPHELD,
                                     decided__range=(Y2018.first_day, Y2018.last_day)).order_by("id")
    assert upheld.count() > 2  # so that the share is of more than the failures
    for decision in upheld[:2]:
        CodeFailure.objects.create(decision=decision, provision=provisions[0])
    CodeFailure.objects.create(decision=upheld[0], provision=provisions[1])
    publisher = staff_user(PUBLISHER, StaffRole.PUBLISHER)
    lifecycle.accept(submitted(birmingham, 2018, **ACCEPTED), publisher)
    submitted(birmingham, 2018, **NOT_ACCEPTED)
    submitted(knowsley, 2018, **NOT_ACCEPTED)
    fill(lifecycle.draft(lifecycle.return_for(wirral, 2018)), **NOT_ACCEPTED)


def stats_output(year, *options):
    out = io.StringIO()
    call_command("stats", "--year", year.label, *options, stdout=out)
    return out.getvalue()


def xlsx_sheets(content: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook}


def _ods_value(cell):
    kind = cell.getAttribute("valuetype")
    if kind == "float":
        text = cell.getAttribute("value")
        return float(text) if "." in text else int(text)
    if kind == "string":
        return "\n".join(teletype.extractText(p) for p in cell.getElementsByType(P))
    if kind == "boolean":
        return {"true": True, "false": False}[cell.getAttribute("booleanvalue")]
    return None


def ods_sheets(content: bytes) -> dict[str, list[tuple]]:
    document = load(io.BytesIO(content))
    return {table.getAttribute("name"): [tuple(_ods_value(cell) for cell in row.getElementsByType(TableCell))
                                         for row in table.getElementsByType(TableRow)]
            for table in document.spreadsheet.getElementsByType(Table)}


def download(client, path, filename):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    return response.content


def tidy_as_year_rows(tidy_text: str) -> dict[str, list[dict]]:
    """The tidy file's rows put back in the year files' columns: by year, one dict per council."""
    councils: dict[tuple[str, str], dict] = {}
    for row in csv.DictReader(io.StringIO(tidy_text)):
        council = councils.setdefault((row["year"], row["gss_code"]), {
            "authority: gss": row["gss_code"], "authority: name": row["council"],
            "authority: type": row["council_type"], "year": row["year"], "population: value": row["population"],
            "population: basis": row["population_basis"]})
        council[f"{row['measure']}: {row['category']}" if row["category"] else row["measure"]] = row["value"]
    years: dict[str, list[dict]] = {}
    for (label, _), council in councils.items():
        years.setdefault(label, []).append(council)
    return years


def test_one_number_everywhere_for_every_council(client, released):
    """`upheld stats --json`, every download, the file of every year, the letter and a council's page agree to
    the digit, for every council of two years."""
    tidy = tidy_as_year_rows(download(client, "/data/upheld-all-years.csv", "upheld-all-years.csv").decode())
    sefton_page = get_page(client, "/councils/sefton/")
    for year in released:
        label = year.label
        records = json.loads(stats_output(year, "--json"))
        assert len(records) > 300 and sum(r["decisions"]["Upheld"] for r in records) > 100
        expected_rows = [flatten(record) for record in records]
        header = list(expected_rows[0])
        as_cells = [tuple(None if row[name] == "" else row[name] for name in header) for row in expected_rows]
        base = f"/data/{label}/v1/upheld-{label}-v1"

        document = json.loads(download(client, f"{base}.json", f"upheld-{label}-v1.json"))
        assert document["councils"] == records

        text = download(client, f"{base}.csv", f"upheld-{label}-v1.csv").decode()
        assert text == stats_output(year, "--format", "csv")
        assert list(csv.DictReader(io.StringIO(text))) == [{k: str(v) for k, v in r.items()} for r in expected_rows]
        described = [name for name in header if name in tidy[label][0]]
        assert {name for name in header if name not in described} == {  # on the figures' rows, not as values
            "similar_authorities: group", *(f"small_base: {m.key}" for m in HEADLINE), "code: return: status",
            "code: return: report_url"}
        assert tidy[label] == [{k: str(r[k]) for k in described} for r in expected_rows]

        for extension, read in (("xlsx", xlsx_sheets), ("ods", ods_sheets)):
            sheets = read(download(client, f"{base}.{extension}", f"upheld-{label}-v1.{extension}"))
            data = sheets[f"Councils {label}"]
            assert data[0] == tuple(header), extension
            assert data[1:] == as_cells, extension

        by_gss = {record["authority"]["gss"]: record for record in records}
        letters = letters_for(year)
        assert {letter.gss for letter, _ in letters} == set(by_gss)
        for letter, _ in letters:
            printed = tables(letter)
            if "Key measures" in printed:
                printed["Key measures"] = [row[1:3] for row in printed["Key measures"]]
            assert printed == _expected_tables(by_gss[letter.gss]), letter.gss

        api = json.loads(client.get(f"/api/v1/statistics/{label}?page_size=500").content)
        assert api["items"] == records
        assert json.loads(client.get(f"/api/v1/statistics/{label}/{BIRMINGHAM}").content) == by_gss[BIRMINGHAM]
        _code_agrees(client, year, by_gss)

        sefton = by_gss["E08000014"]
        trend = {row[0].split(" (")[0]: row for row in sefton_page.rows("Sefton each year")}
        assert trend[label][1:6] == [str(sefton["received"]["Total"]), str(sefton["decisions"]["Total"]),
                                     str(sefton["detailed_investigations"]), str(sefton["decisions"]["Upheld"]),
                                     "-" if sefton["uphold_rate"] is None else f"{sefton['uphold_rate']}%"]


def _code_agrees(client, year, by_gss: dict) -> None:
    """The Code's figures are those of the accepted version and the recorded failures, to the digit, in the
    records and in the returns endpoint; nothing of a return not accepted."""
    code, others = by_gss[BIRMINGHAM]["code"], [by_gss[KNOWSLEY]["code"], by_gss[WIRRAL]["code"]]
    assert all(other["return"] == {"status": "none", "report_url": None} for other in others)
    assert all(set(other["own"].values()) == {None} and other["stage1_in_time_rate"] is None for other in others)
    returns = json.loads(client.get(f"/api/v1/returns/{year.label}").content)
    if year == Y2017:
        assert code["failures"] == {"upheld_with_failure": 0, "share": None}  # the Code did not apply yet
        assert code["return"]["status"] == "none" and returns["items"] == []
        return
    upheld = by_gss[BIRMINGHAM]["decisions"]["Upheld"]
    assert code["failures"] == {"upheld_with_failure": 2, "share": percentage(2, upheld)}
    assert code["return"] == {"status": "accepted", "report_url": "https://council.example/complaints-report"}
    assert {name: code["own"][name] for name in ACCEPTED} == ACCEPTED
    assert (code["stage1_in_time_rate"], code["stage2_in_time_rate"]) == (88, 73)  # 801/913 = 87.7%, 71/97 = 73.2%
    population = by_gss[BIRMINGHAM]["population"]["value"]
    assert code["own_stage2_per_10k"] == PerResidents(97, population, 10_000).value
    assert code["received_per_10k"] == PerResidents(by_gss[BIRMINGHAM]["received"]["Total"], population, 10_000).value
    similar = code["similar_authorities"]
    assert similar["returns"] == 1 and similar["stage1_in_time_rate"] == 88
    [birmingham_return] = returns["items"]
    assert birmingham_return == json.loads(client.get(f"/api/v1/returns/{year.label}/{BIRMINGHAM}").content)
    assert {k: birmingham_return[k] for k in ("stage1_in_time_rate", "stage2_in_time_rate", "own_stage2_per_10k",
                                          "received_per_10k", "own")} == {
        k: code[k] for k in ("stage1_in_time_rate", "stage2_in_time_rate", "own_stage2_per_10k", "received_per_10k",
                             "own")}
    assert [answer["provision"] for answer in birmingham_return["answers"]] == ["1.1", "1.2"]
    for gss in (KNOWSLEY, WIRRAL):
        assert client.get(f"/api/v1/returns/{year.label}/{gss}").status_code == 404
    for number in NOT_ACCEPTED.values():
        assert str(number) not in json.dumps(returns) + json.dumps(by_gss)


def test_latest_by_default_and_every_version_stays_downloadable(client, released):
    sefton = Authority.objects.get(gss="E08000014")
    before = json.loads(client.get("/data/2017-18/upheld-2017-18.json").content)
    upheld = next(r for r in before["councils"] if r["authority"]["gss"] == "E08000014")["decisions"]["Upheld"]
    decide(sefton, D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD)  # a correction after the release

    def sefton_upheld(path):
        document = json.loads(client.get(path).content)
        return next(r for r in document["councils"] if r["authority"]["gss"] == "E08000014")["decisions"]["Upheld"]

    assert sefton_upheld("/data/2017-18/upheld-2017-18.json") == upheld  # unchanged until a revision
    revise(Y2017, "A decision of May 2017 was recorded late.")

    latest = client.get("/data/2017-18/upheld-2017-18.json")
    assert latest["Content-Disposition"] == 'attachment; filename="upheld-2017-18-v2.json"'
    document = json.loads(latest.content)
    assert (document["version"], document["latest_version"]) == (2, 2)
    assert document["revision"]["cause"] == "A decision of May 2017 was recorded late."
    assert document["revision"]["scale"].startswith("1 council changed.\nSefton: ")
    assert document["revision"]["date"] and document["revision"]["kind"] == "revision 1"
    assert sefton_upheld("/data/2017-18/upheld-2017-18.json") == upheld + 1
    assert sefton_upheld("/data/2017-18/v1/upheld-2017-18-v1.json") == upheld
    assert sefton_upheld("/data/2017-18/upheld-2017-18.json?version=1") == upheld
    old = json.loads(client.get("/data/2017-18/v1/upheld-2017-18-v1.json").content)
    assert (old["version"], old["latest_version"], old["revision"]) == (1, 2, None)
    assert old["revisions"] == [document["revision"]]

    revisions = list(csv.DictReader(io.StringIO(client.get("/data/2017-18/revisions.csv").content.decode())))
    assert [(r["year"], r["version"], r["kind"]) for r in revisions] == [
        ("2017-18", "1", "as released"), ("2017-18", "2", "revision 1")]
    assert revisions[1]["cause"] == "A decision of May 2017 was recorded late."
    assert revisions[1]["scale"] == document["revision"]["scale"]

    for extension, read in (("xlsx", xlsx_sheets), ("ods", ods_sheets)):
        sheets = read(client.get(f"/data/2017-18/v2/upheld-2017-18-v2.{extension}").content)
        assert list(sheets) == SHEETS
        notice = {row[0]: row[1] for row in sheets["Revision"] if len(row) > 1 and row[0]}
        assert notice["Version"] == 2 and notice["This version"] == "revision 1"
        assert notice["Cause"] == "A decision of May 2017 was recorded late."
        assert notice["Scale"] == document["revision"]["scale"]

    page = client.get("/data/2017-18/").content.decode()
    assert "These figures were revised on" in page and "A decision of May 2017 was recorded late." in page
    assert "/data/2017-18/v1/upheld-2017-18-v1.ods" in page and "/data/2017-18/v2/upheld-2017-18-v2.xlsx" in page
    assert "have since been revised" in client.get("/data/2017-18/v1/").content.decode()
    assert client.get("/data/2017-18/v3/upheld-2017-18-v3.csv").status_code == 404
    assert client.get("/data/2017-18/v1/upheld-2017-18-v2.csv").status_code == 404
    assert client.get("/data/2017-18/upheld-2018-19.csv").status_code == 404


def test_dictionary_documents_every_column(client, released):
    header = next(csv.reader(io.StringIO(client.get("/data/2018-19/upheld-2018-19.csv").content.decode())))
    assert [column.name for column in dictionary.COLUMNS] == header
    document = json.loads(client.get("/data/2018-19/upheld-2018-19.json").content)
    council = document["councils"][0]
    for column in dictionary.COLUMNS:
        value = council
        for key in column.json_key.strip("/").split("/"):
            value = value[key]
    assert all(column.meaning and column.definition and column.when_empty for column in dictionary.COLUMNS)

    rows = list(csv.reader(io.StringIO(client.get("/data/dictionary.csv").content.decode())))
    assert rows[0] == list(dictionary.HEADERS)
    assert [row[0] for row in rows[1:]] == header
    page = client.get("/data/dictionary/").content.decode()
    assert all(f"<code>{escape(name)}</code>" in page for name in header)
    assert "Upheld ÷ (Upheld + Not Upheld)." in page and "rounded half up" in page
    assert all(f"<code>{column.name}</code>" in page for column in dictionary.TIDY_COLUMNS)  # the tidy file's
    sheet = xlsx_sheets(client.get("/data/2018-19/upheld-2018-19.xlsx").content)["Data dictionary"]
    assert sheet[0] == dictionary.HEADERS
    assert [row[0] for row in sheet[1:len(header) + 1]] == header


def test_attributions_on_the_page_and_in_the_workbooks(client, released):
    credits = attribution.sources()
    assert [row[0] for row in credits] == [
        "authorities/uk_local_authorities.csv", "boundaries/uk-topo-2014-2025.json",
        "population/population-mid-year-2013-2024.csv", "neighbours/nearest-neighbours.csv",
        "postcodes/postcode-district-to-council.csv", "hexmaps/*.hexjson"]
    page = client.get("/data/2018-19/").content.decode()
    assert "data CC BY 4.0, code MIT — credit mySociety" in page and "Open Government Licence v3.0" in page
    for extension, read in (("xlsx", xlsx_sheets), ("ods", ods_sheets)):
        sheet = read(client.get(f"/data/2018-19/upheld-2018-19.{extension}").content)["Attribution"]
        assert sheet == [attribution.HEADERS, *credits]
    assert json.loads(client.get("/data/2018-19/upheld-2018-19.json").content)["attribution"][0]["licence"] == (
        "data CC BY 4.0, code MIT — credit mySociety")


def test_index_lists_every_published_year_with_its_version(client, released):
    page = client.get("/data/").content.decode()
    assert page.index('href="/data/2018-19/"') < page.index('href="/data/2017-18/"')
    assert 'href="/data/dictionary/"' in page
    assert 'href="/data/upheld-all-years.csv"' in page and 'href="/data/datapackage.json"' in page
    assert "Frictionless Data Package" in page


def table_rows(client, query):
    response = client.get(f"/data/2017-18/table.csv?{query}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_table_view_csv_has_exactly_the_filtered_rows(client, released):
    everything = list(csv.DictReader(io.StringIO(client.get("/data/2017-18/upheld-2017-18.csv").content.decode())))
    assert table_rows(client, "") == everything
    assert table_rows(client, "type=all") == everything
    districts = table_rows(client, "type=district")
    assert districts == [row for row in everything if row["authority: type"] == "District Councils"]
    assert [row["authority: name"] for row in table_rows(client, "type=metropolitan&q=SEF")] == [
        "Sefton Metropolitan Borough Council"]
    assert table_rows(client, "type=county&q=sefton") == []
    measured = table_rows(client, "q=sefton&measure=uphold_rate")
    assert list(measured[0]) == ["authority: gss", "authority: name", "authority: type", "year", "uphold_rate",
                                 "decisions: Upheld", "detailed_investigations"]
    sefton = next(row for row in everything if row["authority: gss"] == "E08000014")
    assert measured == [{key: sefton[key] for key in measured[0]}]
    response = client.get("/data/2017-18/table.csv?type=parish")
    assert response.status_code == 400 and b"not a kind of council" in response.content
    assert client.get("/data/2017-18/table.csv?type=district")["Content-Disposition"] == (
        'attachment; filename="upheld-2017-18-v1-table.csv"')


def test_year_two_in_the_measures_layout(client, released):
    """2018-19 carries compliance and per-100,000 figures; null rates stay empty cells, never 0."""
    rows = list(csv.DictReader(io.StringIO(client.get(f"/data/{Y2018.label}/upheld-2018-19.csv").content.decode())))
    assert any(row["compliance: rate"] for row in rows)
    empty = [row for row in rows if row["detailed_investigations"] == "0"]
    assert empty and all(row["uphold_rate"] == "" for row in empty)
