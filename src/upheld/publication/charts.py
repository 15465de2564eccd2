"""Charts as server-rendered SVG: the geometry here, the markup in `publication/charts/*.svg`.

Why on the server: every chart then works without JavaScript, prints, and is
in the page a screen reader gets, with its `<title>` as the text alternative
(and a table beside it with the same figures). Colours come from classes in
the stylesheet (the Content Security Policy forbids inline styles), and no
chart tells things apart by colour alone: series differ in dash pattern and
marker shape too.

Charts only place the figures `upheld.stats` computed (`Rate.percent`,
`Rate.interval`, `Rate.exact` for exact positions); nothing here computes a rate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from upheld.stats.funnel import LIMITS, TAIL_95, TAIL_998, Position, control_limits, described, position
from upheld.stats.measures import MINIMUM_BASE, Rate
from upheld.stats.registry import UPHOLD_RATE

# Shapes in a 10×10 box centred on the point, so the same marker reads the same everywhere.
MARKERS = {
    "circle": "M-4.5 0a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0-9 0z",
    "square": "M-4-4h8v8h-8z",
    "diamond": "M0-5.5L5.5 0L0 5.5L-5.5 0z",
    "up": "M0-5.5L5.5 4.5h-11z",
    "down": "M0 5.5L5.5-4.5h-11z",
    "dot": "M-2.5 0a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0-5 0z",
}


@dataclass(frozen=True)
class Tick:
    at: float  # position along its axis, in SVG units
    label: str
    minor: bool = False  # unlabelled on a narrow screen, where the labels are drawn larger (_publication.scss)


def spaced(ticks: Sequence[Tick], most: int = 6) -> tuple[Tick, ...]:
    """`ticks` with all but at most `most` of them, evenly spaced and always the last, marked minor: on a narrow
    screen a chart's labels are drawn up to 26 units high (a phone shows it at about half size), and only
    that many years fit along the horizontal axis at that size."""
    step = (len(ticks) - 1) // most + 1  # the smallest that leaves no more than `most`
    last = len(ticks) - 1
    return tuple(Tick(tick.at, tick.label, minor=(last - index) % step != 0) for index, tick in enumerate(ticks))


@dataclass(frozen=True)
class Box:
    """The plotting area inside the chart's margins, and the mapping of values onto it. The margins leave room
    for labels 26 units high, as on a narrow screen ("100%" on the left, a year centred under the last point)."""

    width: int
    height: int
    left: int = 88
    right: int = 24
    top: int = 20
    bottom: int = 44

    @property
    def x0(self) -> int:
        return self.left

    @property
    def x1(self) -> int:
        return self.width - self.right

    @property
    def y0(self) -> int:
        return self.height - self.bottom

    @property
    def y1(self) -> int:
        return self.top

    def x(self, value: float, maximum: float) -> float:
        return round(self.x0 + (self.x1 - self.x0) * value / maximum, 1)

    def y(self, percent: float) -> float:
        """A percentage (0–100) as a height: 0% at the bottom of the plot."""
        return round(self.y0 - (self.y0 - self.y1) * percent / 100, 1)

    @property
    def label_x(self) -> int:
        """Where the value labels of the vertical axis end."""
        return self.x0 - 8

    @property
    def label_y(self) -> int:
        """The top of the labels under the horizontal axis (their baseline is set in ems below it, axes.svg)."""
        return self.y0 + 8

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def mid_y(self) -> float:
        return (self.y0 + self.y1) / 2

    def percent_ticks(self) -> list[Tick]:
        return [Tick(self.y(value), f"{value}%") for value in range(0, 101, 20)]


# A single rate with its interval ----------------------------------------------------------------------------

@dataclass(frozen=True)
class IntervalBar:
    """A rate as a bar from 0%, its 95% interval as a line with end caps, optionally the average as a marker."""

    label: str  # the text alternative: everything the picture says, in words
    value: float
    low: float
    high: float
    average: float | None = None
    width: int = 320
    height: int = 34
    inset: int = 6  # room at each end for the caps of an interval reaching 0% or 100%

    def _x(self, percent: float) -> float:
        return round(self.inset + (self.width - 2 * self.inset) * percent / 100, 1)

    @property
    def bar_x(self) -> float:
        return self._x(0)

    @property
    def bar_width(self) -> float:
        return round(self._x(self.value) - self._x(0), 1)

    @property
    def track_width(self) -> float:
        return round(self._x(100) - self._x(0), 1)

    @property
    def mid_x(self) -> float:
        return self._x(50)

    @property
    def end_x(self) -> float:
        return self._x(100)

    @property
    def low_x(self) -> float:
        return self._x(self.low)

    @property
    def high_x(self) -> float:
        return self._x(self.high)

    @property
    def average_x(self) -> float | None:
        return None if self.average is None else self._x(self.average)


def interval_bar(rate: Rate, what: str, average: Rate | None = None, average_name: str = "") -> IntervalBar | None:
    """The bar for `rate` (None where it is not applicable), described in words for its text alternative."""
    if rate.percent is None:
        return None
    low, high = rate.interval
    label = f"{what}: {rate.display()}, 95% interval {rate.interval_display()}"
    comparison = average.percent if average is not None else None
    if comparison is not None:
        label += f"; {average_name or 'average'} {average.display()}"
    return IntervalBar(label=label, value=rate.percent, low=low, high=high, average=comparison)


# Rates over the years -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    low: float | None = None  # the interval, as heights, where the series shows one
    high: float | None = None

    @property
    def whisker(self) -> str:
        """The interval as a vertical line with caps ("" where the point has none)."""
        if self.low is None:
            return ""
        left = round(self.x - 4, 1)
        return f"M{self.x} {self.low}V{self.high}M{left} {self.low}h8M{left} {self.high}h8"


@dataclass(frozen=True)
class Series:
    name: str
    style: str  # a modifier of the stylesheet's `upheld-chart__series--…` classes: "1", "2", "3"
    marker: str  # a key of MARKERS
    points: tuple[Point | None, ...]  # None where the rate is not applicable: the line breaks there

    @property
    def marker_path(self) -> str:
        return MARKERS[self.marker]

    @property
    def path(self) -> str:
        """The line through the points, lifted over gaps."""
        parts, pen_down = [], False
        for point in self.points:
            if point is None:
                pen_down = False
                continue
            parts.append(f"{'L' if pen_down else 'M'}{point.x} {point.y}")
            pen_down = True
        return "".join(parts)

    @property
    def drawn(self) -> list[Point]:
        return [point for point in self.points if point is not None]


@dataclass(frozen=True)
class Chart:
    """What every chart has: a title (its text alternative), a size, a plotting box and the ticks of its axes."""

    title: str
    box: Box
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]

    @property
    def width(self) -> int:
        return self.box.width

    @property
    def height(self) -> int:
        return self.box.height


@dataclass(frozen=True)
class LineChart(Chart):
    series: tuple[Series, ...] = ()


SERIES_LOOK = (("1", "circle"), ("2", "square"), ("3", "diamond"))


def rate_trend(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[Rate]]],
               intervals: bool = True) -> LineChart:
    """Rates by year on a 0–100% scale: one line per (name, rates), the first with its 95% intervals.

    `labels` name the years, oldest first; each series has one rate per year.
    """
    box = Box(720, 320)
    first, last = box.x0 + 28, box.x1 - 28  # the first and last points stand off the axes
    if len(labels) == 1:
        xs = [round((first + last) / 2, 1)]
    else:
        xs = [round(first + (last - first) * index / (len(labels) - 1), 1) for index in range(len(labels))]
    drawn = []
    for number, (name, rates) in enumerate(series):
        style, marker = SERIES_LOOK[number]
        points = []
        for x, label, rate in zip(xs, labels, rates, strict=True):
            if rate.percent is None:
                points.append(None)
                continue
            low = high = None
            if intervals and number == 0:
                low, high = (box.y(bound) for bound in rate.interval)
            points.append(Point(x, box.y(rate.percent), f"{name}, {label}: {rate.display()}", low, high))
        drawn.append(Series(name, style, marker, tuple(points)))
    x_ticks = spaced([Tick(x, label) for x, label in zip(xs, labels, strict=True)])
    return LineChart(title, box, x_ticks, tuple(box.percent_ticks()), series=tuple(drawn))


# Funnel plot ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FunnelPoint:
    name: str
    rate: Rate
    position_95: Position | None  # None: too few cases to compare (`upheld.stats.funnel.position`)
    position_998: Position | None
    x: float
    y: float

    @property
    def too_few(self) -> bool:
        return self.position_95 is None

    @property
    def marker(self) -> str:
        """Too few cases: a small dot. Outside the 95% limits: a triangle pointing the way it lies (filled
        beyond 99.8%). Else a circle."""
        if self.too_few:
            return MARKERS["dot"]
        if self.position_95 is Position.WITHIN:
            return MARKERS["circle"]
        return MARKERS["up" if self.position_95 is Position.ABOVE else "down"]

    @property
    def style(self) -> str:
        if self.too_few:
            return "too-few"
        if self.position_998 is not Position.WITHIN:
            return "beyond-998"
        return "beyond-95" if self.position_95 is not Position.WITHIN else "within"

    @property
    def comparison(self) -> str:
        """Its place against the limits: "Above the 99.8% limit", "Too few cases to compare"."""
        return described(self.position_95, self.position_998)

    @property
    def label(self) -> str:
        rate = f"{self.name}: {self.rate.display()} of {UPHOLD_RATE.counted(self.rate.denominator)}"
        return f"{rate}; {self.comparison[:1].lower()}{self.comparison[1:]}"


@dataclass(frozen=True)
class FunnelPlot(Chart):
    target_y: float = 0
    limits: tuple[tuple[str, str], ...] = ()  # (style, path) for each limit line
    points: tuple[FunnelPoint, ...] = ()


def nice_step(maximum: float, most: int = 8) -> int:
    """A round step (1, 2 or 5 × a power of ten) that divides 0–maximum into at most `most` intervals."""
    raw = max(maximum, 1) / most
    power = 10 ** math.floor(math.log10(raw))
    return next(int(step * power) for step in (1, 2, 5, 10) if step * power >= raw) or 1


def funnel_plot(title: str, target: Rate, councils: Sequence[tuple[str, Rate]]) -> FunnelPlot:
    """Each council's rate against its base, with the 95% and 99.8% limits around `target`.

    Councils with no detailed investigations have no rate and are left out; those with too few to compare
    are drawn as dots, and the limits start at `MINIMUM_BASE`, for no council is judged below it.
    """
    box = Box(720, 440, left=120, right=40, bottom=64)  # room for the axes' titles, and "1,000" under the last tick
    judged = [(name, rate) for name, rate in councils if rate.denominator > 0]
    largest = max((rate.denominator for _, rate in judged), default=1)
    step = nice_step(largest)
    maximum = step * math.ceil(largest / step)
    points = tuple(
        FunnelPoint(name, rate, position(rate, target, TAIL_95), position(rate, target, TAIL_998),
                    box.x(rate.denominator, maximum), box.y(rate.exact))
        for name, rate in judged
    )
    limits = []
    if target.denominator and maximum >= MINIMUM_BASE:
        # Sample densely where the funnel bends (small n), sparsely where it is nearly flat.
        ns = sorted({max(MINIMUM_BASE, round(maximum * (i / 120) ** 2)) for i in range(121)})
        for _name, tail in LIMITS:
            style = "95" if tail == TAIL_95 else "998"
            bounds = [(n, control_limits(target, n, tail)) for n in ns]
            for side in (0, 1):
                path = "".join(f"{'L' if i else 'M'}{box.x(n, maximum)} {box.y(limit[side])}"
                               for i, (n, limit) in enumerate(bounds))
                limits.append((style, path))
    x_ticks = spaced([Tick(box.x(value, maximum), f"{value:,}") for value in range(0, maximum + 1, step)], most=5)
    return FunnelPlot(
        title, box, x_ticks,
        tuple(box.percent_ticks()), target_y=box.y(target.exact) if target.denominator else box.y0,
        limits=tuple(limits), points=points,
    )
