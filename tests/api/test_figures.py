"""Councils, years, statistics and national figures: what each endpoint gives, from the published versions only."""

import json

from tests.builders import Y2017, decide
from upheld.authorities.models import Authority
from upheld.casework.vocabulary import Outcome, Remedy
from upheld.releases.freezing import revise
from upheld.releases.published import published
from upheld.stats.annual import council_json
from upheld.stats.code_returns import council_records
from upheld.years import ReportingYear


def test_index_links_to_everything(api, db):
    index = api("/")
    assert index["docs"] == "http://testserver/api/v1/docs"
    for name in ("councils", "years", "decisions", "reports", "openapi"):
        assert index[name].startswith("http://testserver/api/v1/")


def test_years_lists_released_years_newest_first_with_their_release_and_version(api, dataset):
    years = api("/years")
    assert [item["year"] for item in years["items"]] == ["2019-20", "2018-19", "2017-18"]
    first = years["items"][0]
    assert first["version"] == 1 and first["revisions"] == []
    version = published().versions[ReportingYear(2019)]
    assert first["released"].startswith(version.release.scheduled_for.strftime("%Y-%m-%dT%H:%M"))
    assert first["links"] == {
        "statistics": "http://testserver/api/v1/statistics/2019-20",
        "national": "http://testserver/api/v1/national/2019-20",
        "returns": "http://testserver/api/v1/returns/2019-20",
        "open_data": "http://testserver/data/2019-20/v1/upheld-2019-20-v1.json",
    }


def test_a_revision_is_the_version_given_and_is_listed_with_its_cause(api, dataset):
    sefton = Authority.objects.get(gss="E08000014")
    before = api("/statistics/2017-18/E08000014")["decisions"]["Upheld"]
    decide(sefton, Y2017.first_day, Y2017.last_day, Outcome.UPHELD, Remedy.BY_OMBUDSMAN)
    revise(Y2017, "A decision was recorded late.")
    year = next(item for item in api("/years")["items"] if item["year"] == "2017-18")
    assert year["version"] == 2
    [revision] = year["revisions"]
    assert revision["kind"] == "revision 1" and revision["cause"] == "A decision was recorded late."
    assert revision["scale"].startswith("1 council changed.")
    assert api("/statistics/2017-18/E08000014")["decisions"]["Upheld"] == before + 1


def test_councils_lists_every_council_with_published_figures_a_to_z(api, dataset):
    public = published()
    listing = api("/councils?page_size=500")
    assert listing["count"] == len(public.councils) == len(listing["items"])
    assert [item["gss"] for item in listing["items"]] == [authority.gss for authority, _ in public.councils]


def test_a_council_gives_its_register_entry_years_and_links(api, dataset):
    christchurch = api("/councils/E07000048")
    assert christchurch["name"] == "Christchurch Borough Council"
    assert christchurch["type"] == "district" and christchurch["type_name"] == "District Councils"
    assert christchurch["region"] == "South West"
    assert christchurch["end_date"] == "2019-03-31"
    assert christchurch["replaced_by"] == ["E06000058"]
    assert christchurch["years"] == ["2018-19", "2017-18"]
    assert christchurch["links"]["page"] == "http://testserver/councils/christchurch/"
    assert christchurch["links"]["statistics"] == {
        "2018-19": "http://testserver/api/v1/statistics/2018-19/E07000048",
        "2017-18": "http://testserver/api/v1/statistics/2017-18/E07000048",
    }
    assert api("/councils/E06000058")["years"] == ["2019-20"]


def test_a_former_code_finds_the_council_under_its_current_code(api, dataset):
    barnsley = api("/councils/E08000016")  # Barnsley's code until 2025
    assert barnsley["gss"] == "E08000038" and "E08000016" in barnsley["former_codes"]
    assert api("/statistics/2017-18/E08000016")["authority"]["gss"] == "E08000038"


def test_councils_filter_by_type_region_and_name(api, dataset):
    def codes(query):
        return [item["gss"] for item in api(f"/councils?page_size=500&{query}")["items"]]

    metropolitan = codes("type=metropolitan")
    assert "E08000014" in metropolitan and "E07000223" not in metropolitan
    assert all(item["type"] == "metropolitan" for item in api("/councils?type=metropolitan&page_size=500")["items"])
    assert all(item["region"] == "London"
               for item in api("/councils?region=London&page_size=500")["items"])
    assert codes("name=SEFT") == ["E08000014"]
    assert codes("name=sefton&type=district") == []
    assert codes("name=no+such+council") == []


def test_an_unknown_council_or_one_without_published_figures_is_404(api, dataset):
    assert api("/councils/E99999999", status=404) == {"detail": "No council has the code E99999999"}
    assert api("/councils/E06000063", status=404) == {  # Cumberland began in 2023: no released year has it
        "detail": "There are no published figures for Cumberland Council"}


def test_statistics_are_council_json_of_the_published_version(api, dataset):
    year = ReportingYear(2018)
    figures = published().statistics(year)
    listing = api("/statistics/2018-19?page_size=500")
    assert listing["count"] == len(figures.councils)
    records = council_records(figures)
    assert [{**council_json(figures, council), "code": record["code"]}
            for council, record in zip(figures.councils, records, strict=True)] == records
    assert listing["items"] == json.loads(json.dumps(records))
    sefton = figures.by_gss["E08000014"]
    assert api("/statistics/2018-19/E08000014") == json.loads(json.dumps(council_records(figures, [sefton])[0]))


def test_statistics_for_a_council_absent_that_year_or_an_unknown_year_are_404(api, dataset):
    assert api("/statistics/2019-20/E07000048", status=404)["detail"] == (
        "No council with the code E07000048 has figures for 2019-20")
    assert api("/statistics/2016-17", status=404) == {"detail": "no published figures for that year"}
    assert api("/statistics/2017-19", status=404) == {"detail": "not a reporting year"}
    assert api("/national/2016-17", status=404) == {"detail": "no published figures for that year"}


def test_national_figures_are_the_national_reviews(api, dataset):
    figures = published().statistics(ReportingYear(2017))
    nation = figures.national
    national = api("/national/2017-18")
    assert national["councils"] == len(figures.councils)
    assert national["received"]["Total"] == nation.received_total
    assert national["decisions"]["Upheld"] == nation.upheld
    assert national["uphold_rate"] == nation.uphold_rate.percent
    assert national["compliance"]["rate"] == nation.compliance_rate.percent
    assert national["satisfactory_remedy_rate"] == nation.satisfactory_remedy_rate.percent
    assert sum(share["received"] for share in national["received_shares"]) == nation.received_total
    metropolitan = next(group for group in national["by_type"] if group["name"] == "Metropolitan Boroughs")
    assert metropolitan["uphold_rate"] == figures.groups["metropolitan"].uphold_rate.percent
    assert metropolitan["councils"] == sum(c.authority.type == "metropolitan" for c in figures.councils)
    assert [group["name"] for group in national["by_region"]] == list(figures.by_region)


def test_figures_frozen_at_release_do_not_follow_later_case_changes(api, dataset):
    before = api("/statistics/2019-20/E08000014")
    decide(Authority.objects.get(gss="E08000014"), ReportingYear(2019).first_day, ReportingYear(2019).last_day,
           Outcome.UPHELD, Remedy.BY_OMBUDSMAN)
    assert api("/statistics/2019-20/E08000014") == before

