"""The national annual review: totals, breakdowns, rates, the series since the first year, the funnel
plot with its table of councils outside the limits, and the caveats of years that do not compare."""

import datetime

from tests.builders import decide
from tests.publication.page_reader import get_page
from tests.publication.site_data import Y2017, Y2018, Y2019
from upheld.authorities.models import Authority, AuthorityType
from upheld.casework.vocabulary import Category, Outcome
from upheld.letters.formats import number, per_100k
from upheld.releases.freezing import schedule_release
from upheld.releases.published import published
from upheld.stats.funnel import TAIL_95, TAIL_998, Position, position
from upheld.stats.measures import Rate
from upheld.years import ReportingYear


def test_totals_and_rates_are_the_national_figures(client, dataset):
    national = published().statistics(Y2018).national
    page = get_page(client, "/national/2018-19/")
    assert page.h1s() == ["Complaints about councils in 2018-19"]
    assert page.title == "National annual review 2018-19 – upheld"
    totals = dict(page.rows("Complaints and decisions, all councils"))
    assert totals["Complaints and enquiries received"] == number(national.received_total)
    assert totals["Complaints and enquiries dealt with (decisions)"] == number(national.decisions_total)
    assert totals["of which not for us"] == number(national.not_for_us)
    assert totals["of which assessed and closed"] == number(national.assessed_and_closed)
    assert totals["of which investigated in detail"] == number(national.detailed_investigations)
    assert totals["Upheld"] == number(national.upheld)
    assert totals["Upheld decisions per 100,000 residents"] == per_100k(national.upheld_per_100k)
    for name, rate in (("Complaints upheld", national.uphold_rate),
                       ("Compliance with recommendations", national.compliance_rate),
                       ("Satisfactory remedy provided by the council", national.satisfactory_remedy_rate)):
        assert name in [heading for _, heading in page.headings]
        assert f"<title>{name}, all councils: {rate.display()}, 95% interval {rate.interval_display()}</title>" \
            in page.html
    assert f"Based on {number(national.detailed_investigations)} detailed investigations between 1 April 2018 " \
           "and 31 March 2019" in page.text


def test_breakdowns_by_service_area_type_and_region(client, dataset):
    statistics = published().statistics(Y2017)
    page = get_page(client, "/national/2017-18/")
    received = statistics.national.counts.received
    rows = page.rows("Complaints and enquiries received by service area")
    assert [row[0] for row in rows] == [*Category.labels, "Total"]
    assert [row[1] for row in rows] == [*(str(received[c]) for c in Category.values),
                                        str(statistics.national.received_total)]
    assert rows[0][2] == Rate(received[Category.ADULT_CARE], statistics.national.received_total).display()
    types = {row[0]: row for row in page.rows("Figures by type of council")}
    assert list(types) == AuthorityType.labels
    metropolitan = statistics.groups[AuthorityType.METROPOLITAN]
    assert types["Metropolitan Boroughs"][2:6] == [number(metropolitan.received_total),
                                                   number(metropolitan.decisions_total),
                                                   number(metropolitan.detailed_investigations),
                                                   metropolitan.uphold_rate.display()]
    regions = {row[0]: row for row in page.rows("Figures by region")}
    assert regions["North West"][5] == statistics.by_region["North West"].uphold_rate.display()
    assert len(regions) == 9


def test_series_since_the_first_published_year(client, dataset):
    page = get_page(client, "/national/")
    assert page.h1s() == ["Complaints about councils in 2019-20"]  # the newest year by default
    assert "Since 2017-18" in [heading for _, heading in page.headings]
    rows = page.rows("National figures each year")
    assert [row[0] for row in rows] == ["2017-18", "2018-19", "2019-20"]
    for row, year in zip(rows, (Y2017, Y2018, Y2019), strict=True):
        national = published().statistics(year).national
        assert row[1:5] == [number(national.received_total), number(national.decisions_total),
                            number(national.detailed_investigations), national.uphold_rate.display()]
    assert "<title>National rates each year" in page.html
    assert "/national/2017-18/" in page.links


def build_funnel_year(year: ReportingYear) -> None:
    """Five councils upholding 10 of 20, Arun 30 of 30 and Worthing 2 of 20: national rate 80 of 150."""
    decided = year.first_day + datetime.timedelta(days=60)

    def investigations(gss, upheld, total):
        council = Authority.objects.get(gss=gss)
        for n in range(total):
            decide(council, year.first_day, decided, Outcome.UPHELD if n < upheld else Outcome.NOT_UPHELD)

    for gss in ("E08000014", "E08000015", "E07000223", "E10000032", "E09000033"):
        investigations(gss, 10, 20)
    investigations("E07000224", 30, 30)  # Arun
    investigations("E07000229", 2, 20)  # Worthing


def test_funnel_plot_and_the_councils_outside_its_limits(client, db):
    year = ReportingYear(2021)
    build_funnel_year(year)
    schedule_release(year)
    statistics = published().statistics(year)
    target = statistics.national.uphold_rate
    assert (target.numerator, target.denominator) == (82, 150)
    page = get_page(client, "/national/2021-22/")
    caption = "Councils outside the 95% limits (2 of the 7 councils with 10 or more detailed investigations)"
    rows = page.rows(caption)
    assert rows == [["Arun District Council", "30", "30", "100%", "Above the 99.8% limit"],
                    ["Worthing Borough Council", "20", "2", "10%", "Below the 99.8% limit"]]
    for gss in ("E07000224", "E07000229"):
        council = statistics.council(gss)
        assert position(council.uphold_rate, target, TAIL_998) is not Position.WITHIN
    assert position(statistics.council("E08000014").uphold_rate, target, TAIL_95) is Position.WITHIN
    assert "/councils/arun/2021-22/" in page.links
    # The plot: one mark per council with investigations, the limits drawn, and a text alternative.
    assert page.html.count('class="upheld-funnel__point upheld-funnel__point--') == 7 + 6  # and 6 in the key
    assert page.html.count('class="upheld-funnel__limit upheld-funnel__limit--95"') == 2 + 1
    assert page.html.count('class="upheld-funnel__limit upheld-funnel__limit--998"') == 2 + 1
    assert "<title>Funnel plot: uphold rate of each council against its number of detailed investigations in " \
           "2021-22, with exact 95% and 99.8% control limits around the national rate of 55%, from 10 detailed " \
           "investigations</title>" in page.html
    assert "<title>Arun: 100% of 30 detailed investigations; above the 99.8% limit</title>" in page.html


def build_small_councils_year(year: ReportingYear) -> None:
    """Issue 14's national review: a national rate of 83% (254 of 306), with Adur and Chichester 0 upheld of 1,
    Crawley 0 of 2, Horsham 2 of 6 and Mid Sussex 15 of 26 (the lower-tail chances 17%, 2.9%, 0.94%, 0.21%),
    and Sefton, Wirral and Westminster 79 of 90 each."""
    decided = year.first_day + datetime.timedelta(days=60)
    for gss, upheld, total in (("E07000223", 0, 1), ("E07000225", 0, 1), ("E07000226", 0, 2), ("E07000227", 2, 6),
                               ("E07000228", 15, 26), ("E08000014", 79, 90), ("E08000015", 79, 90),
                               ("E09000033", 79, 90)):
        council = Authority.objects.get(gss=gss)
        for n in range(total):
            decide(council, year.first_day, decided, Outcome.UPHELD if n < upheld else Outcome.NOT_UPHELD)


def test_councils_with_too_few_cases_are_never_outliers(client, db):
    """Issue 14: the normal approximation listed 0 of 1 as below the 95% limit and 0 of 2 as below the
    99.8% limit. With exact limits and a minimum base of 10, only Mid Sussex (15 of 26, a chance of 0.21%)
    is listed, below the 95% limit only; the others are too few cases to compare."""
    year = ReportingYear(2021)
    build_small_councils_year(year)
    schedule_release(year)
    target = published().statistics(year).national.uphold_rate
    assert (target.numerator, target.denominator) == (254, 306)
    page = get_page(client, "/national/2021-22/")
    rows = page.rows("Councils outside the 95% limits (1 of the 4 councils with 10 or more detailed investigations)")
    assert rows == [["Mid Sussex District Council", "26", "15", "58%", "Below the 95% limit"]]
    assert "4 councils had fewer than 10 detailed investigations: too few cases to compare" in page.text
    assert page.html.count('class="upheld-funnel__point upheld-funnel__point--too-few"') == 4 + 1  # and the key
    assert "<title>Adur: 0% of 1 detailed investigation; too few cases to compare</title>" in page.html
    # The council page says the same: no comparison for Horsham, Mid Sussex within the funnel's verdict.
    horsham = get_page(client, "/councils/horsham/2021-22/")
    assert "Too few cases to compare: fewer than 10 detailed investigations" in horsham.text
    assert "Compared with the national rate" not in horsham.text
    mid_sussex = get_page(client, "/councils/mid-sussex/2021-22/")
    assert "Compared with the national rate: Below the 95% limit" in mid_sussex.text


def test_caveats_only_on_years_that_do_not_compare(client, db):
    for start in (2019, 2020, 2021, 2022, 2023):
        schedule_release(ReportingYear(start))
    covid = "no new complaints were accepted"
    process = "Uphold rates rose as a result"
    for label, expected in (("2019-20", ()), ("2020-21", (covid,)), ("2021-22", ()), ("2022-23", (process,)),
                            ("2023-24", ())):
        national = get_page(client, f"/national/{label}/")
        council = get_page(client, f"/councils/sefton/{label}/")
        for page in (national, council):
            note = page.html.split('class="govuk-inset-text"')
            shown = note[1].split("</div>")[0] if len(note) > 1 else ""
            assert (covid in shown) == (covid in expected), (label, page.title)
            assert (process in shown) == (process in expected), (label, page.title)
    rows = {row[0] for row in get_page(client, "/national/").rows("National figures each year")}
    assert rows == {"2019-20", "2020-21 (not comparable)", "2021-22", "2022-23 (not comparable)", "2023-24"}
    guide = get_page(client, "/guide/")
    assert covid in guide.text and process in guide.text


def test_caveats_of_unreleased_years_are_not_shown(client, db):
    schedule_release(ReportingYear(2019))
    guide = get_page(client, "/guide/")
    assert "no new complaints were accepted" not in guide.text


def test_no_national_review_before_any_release(client, db):
    page = get_page(client, "/national/")
    assert page.h1s() == ["National annual review"]
    assert "No figures have been published yet." in page.text
    get_page(client, "/national/2017-18/", status=404)
    get_page(client, "/national/2017/", status=404)


def test_national_page_queries(client, dataset, django_assert_max_num_queries):
    public = published()
    for year in public.years:
        public.statistics(year)
    # 5: one of them the training figures' fallback (the programme's sessions, else the totals entered).
    with django_assert_max_num_queries(5):
        assert client.get("/national/2018-19/").status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get("/national/2018-19/").status_code == 200


def test_the_national_rates_beside_the_year_before(client, dataset):
    national = published().statistics(Y2019).national
    before = published().statistics(Y2018).national
    page = get_page(client, "/national/2019-20/")
    direction = "Up" if national.uphold_rate.exact > before.uphold_rate.exact else "Down"
    assert f"{direction} from {before.uphold_rate.display()} in 2018-19 . " in page.text
    assert "(Fisher's exact test, two-sided, 5% level)" in page.text
    assert " in 2016-17" not in get_page(client, "/national/2017-18/").text


def test_years_never_break_at_the_hyphen(client, dataset):
    """Issue 14: "2024-" / "25" in a narrow column. Every year in the page's text is one unbreakable piece."""
    html = get_page(client, "/national/2019-20/").html
    assert 'govuk-table__header--numeric"><span class="upheld-year">2019-20</span></th>' in html
    assert 'Complaints about councils in <span class="upheld-year">2019-20</span></h1>' in html
    council = get_page(client, "/councils/sefton/2019-20/").html
    assert '<th scope="row" class="govuk-table__header"><span class="upheld-year">2019-20</span>' in council
