"""Chart geometry: where the marks go, and the words that stand for them."""

from upheld.publication.charts import MARKERS, funnel_plot, interval_bar, nice_step, rate_trend, spaced
from upheld.stats.funnel import Position
from upheld.stats.measures import Rate


def test_interval_bar_places_rate_interval_and_average():
    bar = interval_bar(Rate(12, 21), "Uphold rate", Rate(60, 100), "average for similar authorities")
    assert bar.label == "Uphold rate: 57%, 95% interval 36% to 76%; average for similar authorities 60%"
    assert bar.bar_x == bar.inset and bar.end_x == bar.width - bar.inset
    assert bar.bar_x < bar.low_x < bar.bar_x + bar.bar_width < bar.high_x < bar.end_x
    assert bar.average_x == bar.bar_x + round(0.6 * bar.track_width, 1)
    assert interval_bar(Rate(0, 0), "Uphold rate") is None
    assert interval_bar(Rate(3, 3), "x").high_x == bar.end_x
    assert interval_bar(Rate(1, 2), "x", Rate(0, 0)).average_x is None


def test_rate_trend_breaks_the_line_where_a_rate_is_not_applicable():
    chart = rate_trend("t", ["2017-18", "2018-19", "2019-20"],
                       [("Council", [Rate(1, 2), Rate(0, 0), Rate(3, 4)]), ("Group", [Rate(1, 4)] * 3)])
    council, group = chart.series
    assert council.points[1] is None
    assert council.path.count("M") == 2 and "L" not in council.path
    assert group.path.count("M") == 1 and group.path.count("L") == 2
    assert council.drawn[0].whisker and not group.drawn[0].whisker  # intervals on the first series only
    assert council.drawn[0].label == "Council, 2017-18: 50%"
    assert [tick.label for tick in chart.y_ticks] == ["0%", "20%", "40%", "60%", "80%", "100%"]
    assert council.marker_path == MARKERS["circle"] and group.marker_path == MARKERS["square"]
    box = chart.box
    assert council.drawn[0].y == box.y(50) and box.y(0) == box.y0 and box.y(100) == box.y1


def test_a_single_year_sits_in_the_middle():
    chart = rate_trend("t", ["2017-18"], [("Council", [Rate(1, 2)])])
    assert chart.series[0].drawn[0].x == (chart.box.x0 + chart.box.x1) / 2


def test_a_narrow_screen_labels_at_most_six_years_always_the_latest():
    """On a phone the labels are drawn twice as large: the others are minor, and not shown there."""
    years = [f"{year}-{(year + 1) % 100:02d}" for year in range(2013, 2025)]
    chart = rate_trend("t", years, [("Council", [Rate(1, 2)] * len(years))])
    shown = [tick.label for tick in chart.x_ticks if not tick.minor]
    assert shown == ["2014-15", "2016-17", "2018-19", "2020-21", "2022-23", "2024-25"]
    assert [tick.label for tick in chart.x_ticks] == years  # all of them on a wider screen
    few = rate_trend("t", years[:6], [("Council", [Rate(1, 2)] * 6)])
    assert not any(tick.minor for tick in few.x_ticks)
    assert [tick.minor for tick in spaced(chart.x_ticks[:7])] == [False, True, False, True, False, True, False]


def test_funnel_plot_points_and_limits():
    plot = funnel_plot("f", Rate(80, 150), [("A", Rate(10, 20)), ("B", Rate(30, 30)), ("C", Rate(0, 0)),
                                            ("D", Rate(2, 20))])
    assert [point.name for point in plot.points] == ["A", "B", "D"]  # no investigations, no point
    a, b, d = plot.points
    assert (a.position_95, b.position_998, d.position_998) == (Position.WITHIN, Position.ABOVE, Position.BELOW)
    assert (a.marker, b.marker, d.marker) == (MARKERS["circle"], MARKERS["up"], MARKERS["down"])
    assert (a.style, b.style, d.style) == ("within", "beyond-998", "beyond-998")
    assert len(plot.limits) == 4 and {style for style, _ in plot.limits} == {"95", "998"}
    assert [tick.label for tick in plot.x_ticks] == ["0", "5", "10", "15", "20", "25", "30"]
    assert [tick.label for tick in plot.x_ticks if not tick.minor] == ["0", "10", "20", "30"]  # at most 5 on a phone
    assert b.x == plot.box.x1 and b.y == plot.box.y1


def test_nice_steps():
    assert [nice_step(n) for n in (1, 8, 9, 30, 98, 140, 1000, 4020)] == [1, 1, 2, 5, 20, 20, 200, 1000]
