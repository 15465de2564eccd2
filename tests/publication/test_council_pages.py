"""Council pages: one number everywhere, the layout of each year, intervals, trend, reorganisations,
service improvements without personal data, and a fixed, small number of queries."""

import io
import json

import pytest
from django.core.management import call_command

from tests.publication.page_reader import Page, get_page
from tests.publication.site_data import (
    DATASET,
    PERSONAL_TEXT,
    SERVICE_TEXT,
    Y2017,
    Y2018,
    Y2019,
)
from tests.table_headers import unnamed_headers
from upheld.authorities.models import Authority
from upheld.casework.models import Case
from upheld.letters.formats import per_100k
from upheld.releases.published import published
from upheld.stats.code_returns import council_records
from upheld.stats.wording import NO_INTERVAL
from upheld.years import ReportingYear

SEFTON = "E08000014"


def stats_json(year: str, gss: str) -> dict:
    out = io.StringIO()
    call_command("stats", "--year", year, "--authority", gss, "--json", stdout=out)
    return json.loads(out.getvalue())


def rate(value) -> str:
    return "-" if value is None else f"{value}%"


def test_sefton_2017_18_exactly_as_upheld_stats(client, released_2017_18):
    record = stats_json("2017-18", SEFTON)
    page = get_page(client, "/councils/sefton/2017-18/")
    assert page.rows("Complaints and enquiries received") == [["19", "6", "6", "14", "2", "4", "1", "6", "1", "59"]]
    assert page.rows("Complaints and enquiries received") == [[str(n) for n in record["received"].values()]]
    assert page.rows("Decisions made") == [["4", "0", "24", "14", "9", "12", "57%", "63"]]
    decisions = record["decisions"]
    assert page.rows("Decisions made") == [[
        *(str(decisions[name]) for name in ("Incomplete or Invalid", "Advice Given",
                                            "Referred back for Local Resolution", "Closed After Initial Enquiries",
                                            "Not Upheld", "Upheld")),
        rate(record["uphold_rate"]), str(decisions["Total"])]]
    assert page.rows("Complaints remedied") == [["10", "0"]]
    assert page.rows("Complaints remedied") == [[str(record["remedied"]["by ombudsman"]),
                                                 str(record["remedied"]["satisfactory by authority"])]]
    assert page.h1s() == ["Sefton Metropolitan Borough Council"]
    assert page.title == "Sefton Metropolitan Borough Council: complaint statistics 2017-18 – upheld"
    # The tables layout has no three measures.
    assert "Key measures" not in page.tables


def test_every_figure_of_the_tables_names_its_headers(client, released_2017_18):
    """Issue 14: "Decisions made" has two header rows, which `scope` alone cannot tie to its figures (WCAG 1.3.1,
    HTML_CodeSniffer's H43): each figure names the header cells over it in both rows, by ids unique on the page."""
    page = get_page(client, "/councils/sefton/2017-18/").html
    upheld = ('<td headers="decisions-made-1-5 decisions-made-2-6" '
              'class="govuk-table__cell govuk-table__cell--numeric">12</td>')
    assert upheld in page
    assert unnamed_headers(page) == []


def test_sefton_interval_drawn_and_in_words(client, released_2017_18):
    page = get_page(client, "/councils/sefton/2017-18/")
    assert "95% interval: 36% to 76%" in page.text
    assert "Based on 21 detailed investigations between 1 April 2017 and 31 March 2018" in page.text
    # The bar's text alternative says the same as the words beside it.
    assert '<svg class="upheld-interval"' in page.html
    assert "<title>Uphold rate: 57%, 95% interval 36% to 76%</title>" in page.html
    assert 'role="img"' in page.html


def counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _expected_rows(record: dict, statistics, council) -> dict:
    similar = record["similar_authorities"]
    return {
        "Complaints upheld": [rate(record["uphold_rate"]), council.uphold_rate.interval_display(),
                              rate(similar["uphold_rate"])],
        "Upheld decisions per 100,000 residents": [per_100k(record["upheld_per_100k"]), NO_INTERVAL,
                                                   per_100k(similar["upheld_per_100k"])],
        "Compliance with recommendations": [rate(record["compliance"]["rate"]),
                                            council.compliance_rate.interval_display(),
                                            rate(similar["compliance_rate"])],
        "Satisfactory remedy provided by the council": [rate(record["satisfactory_remedy_rate"]),
                                                        council.satisfactory_remedy_rate.interval_display(),
                                                        rate(similar["satisfactory_remedy_rate"])],
    }


def test_every_council_page_agrees_with_stats_json(client, dataset):
    """Every council of every published year: the page shows exactly what `upheld stats --json` prints."""
    public = published()
    checked = 0
    for year in (Y2017, Y2018, Y2019):
        statistics = public.statistics(year)
        with_records = [gss for gss, years in DATASET.items() if year in years] + ["E07000224"]  # Arun: none
        for gss in with_records:
            council = statistics.council(gss)
            record = stats_json(year.label, gss)
            assert record == council_records(statistics, [council])[0]
            page = get_page(client, f"/councils/{council.authority.slug}/{year.label}/")
            decisions = record["decisions"]
            if year == Y2017:
                assert page.rows("Complaints and enquiries received") == [
                    [str(n) for n in record["received"].values()]]
                assert page.rows("Decisions made")[0][-2:] == [rate(record["uphold_rate"]), str(decisions["Total"])]
                assert page.rows("Complaints remedied") == [[str(n) for n in record["remedied"].values()]]
            else:
                overview = record["overview"]
                assert page.rows("Complaints and enquiries dealt with") == [[
                    str(overview[key]) for key in ("dealt with", "not for us", "assessed and closed", "investigated")]]
                rows = {row[0]: row[1:4] for row in page.rows("Key measures")}
                assert rows == _expected_rows(record, statistics, council)
                # One detailed investigation, two: the noun agrees with the count (issue 14: "1 upheld decisions").
                assert (f"Based on {counted(record['detailed_investigations'], 'detailed investigation')} between "
                        f"1 April {year.start_year} and 31 March {year.start_year + 1}") in page.text
                assert f"Based on {counted(record['compliance']['outcomes'], 'compliance outcome')} " in page.text
                assert f"Based on {counted(decisions['Upheld'], 'upheld decision')} " in page.text
            # The trend table's row for the year says the same again.
            trend = {row[0].split(" (")[0]: row for row in page.rows(f"{council.authority.short_name} each year")}
            assert trend[year.label][1:6] == [str(record["received"]["Total"]), str(decisions["Total"]),
                                              str(record["detailed_investigations"]), str(decisions["Upheld"]),
                                              rate(record["uphold_rate"])]
            checked += 1
    assert checked == 21


def test_2018_19_layout_the_three_measures(client, dataset):
    page = get_page(client, "/councils/sefton/2018-19/")
    assert "Complaints and enquiries received" not in page.tables
    assert [heading for tag, heading in page.headings if tag == "h3"][:5] == [
        "The four measures", "Complaints upheld", "Upheld decisions per 100,000 residents",
        "Compliance with recommendations", "Satisfactory remedy provided by the council"]
    assert "the pooled rate of all Metropolitan Boroughs" in page.text
    assert page.tables["Key measures"]["headers"][3]["text"] == "Similar authorities (Metropolitan Boroughs, pooled)"
    # Each rate's interval is drawn with the group average marked.
    assert page.html.count('<svg class="upheld-interval"') == 3
    assert page.html.count('class="upheld-interval__average"') == 3 + 1  # and once in the key


def test_not_applicable_is_a_dash(client, dataset):
    page = get_page(client, "/councils/arun/2018-19/")  # no records at all
    rows = {row[0]: row[1:3] for row in page.rows("Key measures")}
    assert rows["Complaints upheld"] == ["-", "-"]
    assert rows["Compliance with recommendations"] == ["-", "-"]
    assert "0%" not in " ".join(rows["Complaints upheld"])
    # A measure with no interval at all says so in words: the dash means only "no cases".
    assert rows["Upheld decisions per 100,000 residents"][1] == "Not calculated"
    assert "“Not calculated” in place of an interval means the measure has none" in page.text
    assert '<svg class="upheld-interval"' not in page.html  # nothing to draw


def test_trend_over_every_published_year(client, dataset):
    page = get_page(client, "/councils/sefton/")
    assert page.h1s() == ["Sefton Metropolitan Borough Council"]
    assert "Figures for 2019-20" in [heading for _, heading in page.headings]  # the latest year by default
    rows = page.rows("Sefton each year")
    assert [row[0] for row in rows] == ["2017-18", "2018-19", "2019-20"]
    public = published()
    for row, year in zip(rows, (Y2017, Y2018, Y2019), strict=True):
        council = public.statistics(year).council(SEFTON)
        similar = public.statistics(year).similar(council)
        assert row[5:8] == [council.uphold_rate.display(), council.uphold_rate.interval_display(),
                            similar.uphold_rate.display()]
    # The chart beside the table, with a text alternative and one marker per year and series.
    assert "<title>Complaints upheld by Sefton each year" in page.html
    assert page.html.count("<title>Sefton, 20") == 3
    assert page.html.count("<title>Similar authorities (Metropolitan Boroughs), 20") == 3


def test_year_switcher_and_letters_list_every_published_year(client, dataset):
    page = get_page(client, "/councils/sefton/2018-19/")
    for year in ("2017-18", "2019-20"):
        assert f"/councils/sefton/{year}/" in page.links
    for year in ("2017-18", "2018-19", "2019-20"):
        assert f"/councils/sefton/{year}/letter.pdf" in page.links
        assert f"/councils/sefton/{year}/letter.html" in page.links


def test_reorganised_councils_link_both_ways(client, dataset):
    christchurch = get_page(client, "/councils/christchurch/")
    assert "Figures for 2018-19" in [heading for _, heading in christchurch.headings]
    assert "its last day was 31 March 2019" in christchurch.text
    assert "/councils/bournemouth-christchurch-and-poole/" in christchurch.links
    bcp = get_page(client, "/councils/bournemouth-christchurch-and-poole/")
    assert "/councils/christchurch/" in bcp.links
    # Bournemouth and Poole had no cases but existed in published years: their (empty) pages exist too.
    assert "/councils/bournemouth/" in bcp.links and "/councils/poole/" in bcp.links
    get_page(client, "/councils/bournemouth-christchurch-and-poole/2018-19/", status=404)  # before it existed
    get_page(client, "/councils/christchurch/2019-20/", status=404)  # after it ended


def test_service_improvements_without_personal_data(client, dataset):
    page = get_page(client, "/councils/sefton/2018-19/")
    assert "Service improvements agreed in 2018-19" in [heading for _, heading in page.headings]
    html = page.html
    assert SERVICE_TEXT in html
    assert PERSONAL_TEXT not in html and "Mrs X" not in html
    sefton = Authority.objects.get(gss=SEFTON)
    for reference in Case.objects.filter(authority=sefton).values_list("reference", flat=True):
        assert reference not in html
    assert "£" not in html


def test_list_of_councils_with_published_figures(client, dataset):
    page = get_page(client, "/councils/")
    assert page.h1s() == ["Councils"]
    assert "/councils/sefton/" in page.links and "/councils/christchurch/" in page.links
    assert "(figures to 2018-19)" in page.text  # Christchurch ended
    districts = get_page(client, "/councils/?type=district")
    assert "/councils/adur/" in districts.links and "/councils/sefton/" not in districts.links
    assert "Type of council" in districts.text
    everything = get_page(client, "/councils/?type=nonsense")
    assert "/councils/sefton/" in everything.links


def test_no_councils_before_anything_is_released(client, db):
    page = get_page(client, "/councils/")
    assert "No figures have been published yet." in page.text
    get_page(client, "/councils/sefton/", status=404)


def test_unknown_council_and_malformed_year(client, released_2017_18):
    get_page(client, "/councils/no-such-council/", status=404)
    get_page(client, "/councils/sefton/2017-19/", status=404)
    get_page(client, "/councils/sefton/2016-17/", status=404)  # never released


def test_decisions_section_only_with_the_decisions_archive(client, released_2017_18):
    from django.apps import apps

    page = get_page(client, "/councils/sefton/2017-18/")
    headings = [heading for _, heading in page.headings]
    if apps.is_installed("upheld.decisions"):
        assert "Decisions and reports" in headings and "Public interest reports" in headings
        assert "/decisions/?council=sefton" in page.links
    else:
        assert "Decisions and reports" not in headings


def test_a_council_page_takes_a_fixed_number_of_queries(client, dataset, django_assert_max_num_queries):
    """However many councils and years: a first rendering takes a few queries, a cached one a single query.

    (Each published year is thawed once per process, two queries, before any page needs it. Inside the
    test's transaction the published state is not held, so the public-page fast path looks it up once more.)"""
    public = published()
    for year in public.years:
        public.statistics(year)
    for url in ("/councils/wirral/2018-19/", "/councils/wirral/", "/councils/", "/councils/?type=county"):
        with django_assert_max_num_queries(9):
            assert client.get(url).status_code == 200
        with django_assert_max_num_queries(1):
            assert client.get(url).status_code == 200


def test_one_h1_title_and_skip_link_on_every_council_page(client, dataset):
    for url in ("/councils/", "/councils/sefton/", "/councils/sefton/2017-18/", "/councils/sefton/2019-20/"):
        page = get_page(client, url)
        assert len(page.h1s()) == 1, url
        assert page.title.endswith(" – upheld")
        assert 'href="#main-content"' in page.html and 'id="main-content"' in page.html
        assert 'aria-current="true"' in page.html and ">Councils</strong>" in page.html
        assert 'aria-label="Breadcrumb"' in page.html


@pytest.mark.parametrize("url", ["/councils/sefton/2017-18/", "/councils/sefton/2019-20/"])
def test_no_inline_styles_or_scripts(client, dataset, url):
    html = get_page(client, url).html
    assert " style=" not in html and "<style" not in html
    assert "<script>" not in html and "<script " not in html.replace('<script type="module" src=', "")


def test_page_is_the_same_from_the_cache(client, dataset):
    first = client.get("/councils/adur/2019-20/").content
    assert client.get("/councils/adur/2019-20/").content == first
    assert Page(first.decode()).h1s() == ["Adur District Council"]


def test_each_measure_beside_the_year_before(client, dataset):
    """Issue 14, "compared with what?": every measure gives last year's figure and the verdict of a stated test."""
    page = get_page(client, "/councils/sefton/2019-20/")
    assert "Down from 88% in 2018-19 . Too few cases to say whether it changed: fewer than 10 detailed " \
           "investigations in one of the years." in page.text
    assert "Down from 1.0 in 2018-19 . Too few cases to say whether it changed: fewer than 10 upheld " \
           "decisions" in page.text
    # The first published year has nothing before it.
    assert " in 2016-17" not in get_page(client, "/councils/sefton/2017-18/").text


def test_years_that_do_not_compare_are_not_compared(client, db):
    from upheld.releases.freezing import schedule_release
    for start in (2021, 2022, 2023):
        schedule_release(ReportingYear(start))
    assert "Not compared with 2021-22 . The two years' figures do not compare directly" in get_page(
        client, "/councils/sefton/2022-23/").text
    assert "Not compared with" not in get_page(client, "/councils/sefton/2023-24/").text
