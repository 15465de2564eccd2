"""What the map shows for one published year: every council's figure for each measure, with its base, and
the shape that draws it.

The server formats every figure ("57% of 21 detailed investigations") and
the browser only places them, so the map, its table view (rendered here for
readers without JavaScript, re-rendered in the browser from the same data)
and the open data cannot disagree. The measures, their words and their
small-base rule are those of `upheld.stats.registry`; rates come from
`upheld.stats` only.

Councils are drawn on two maps: the district map (districts, unitary
councils, metropolitan and London boroughs, which cover England between
them) and the county map (county councils, over the districts of their
area). Which hex map and which boundaries draw a council depends on the year:
see `upheld.publication.geometry` for the shapes and `shapes_for` below for
the choice.
"""

from __future__ import annotations

from functools import lru_cache

from django.urls import reverse

from upheld.authorities.models import AuthorityCode, AuthorityType
from upheld.publication import geometry
from upheld.stats import registry
from upheld.stats.annual import CouncilYear, YearStatistics
from upheld.stats.measures import Rate
from upheld.stats.registry import Measure
from upheld.stats.wording import TOO_FEW, number
from upheld.years import ReportingYear

DISTRICT, COUNTY = "district", "county"
TIERS = {
    DISTRICT: "Districts, unitary councils, metropolitan and London boroughs",
    COUNTY: "County councils",
}
BOUNDARY_LAYERS = {DISTRICT: "ltla", COUNTY: "cty"}
UPPER_TIER_HEXMAP = "uk-upper-tier-local-authorities"
DISTRICT_HEXMAP_PREFIX = "uk-local-authority-districts-"
# Councils the hex maps do not place, drawn where the council that took over their area is:
# Dorset County Council (to March 2019) where the upper-tier map puts Dorset Council.
HEX_STAND_INS = {"E10000009": "E06000059"}


MEASURES = registry.MEASURES
# The colour bands of each rate: fixed limits (whole percentages), the same every year so that years compare.
# A count per residents has none here: its bands are the year's quintiles.
BREAKS = {
    registry.UPHOLD_RATE.key: (20, 40, 60, 80),
    registry.COMPLIANCE_RATE.key: (80, 90, 95, 100),
    registry.SATISFACTORY_REMEDY_RATE.key: (10, 20, 30, 40),
}
MEASURES_BY_KEY = registry.BY_KEY
DEFAULT_MEASURE = MEASURES[0].key
# One council of each type, as the map names it beside the council.
TYPE_NAMES = {
    AuthorityType.COUNTY: "County council",
    AuthorityType.DISTRICT: "District council",
    AuthorityType.METROPOLITAN: "Metropolitan borough",
    AuthorityType.UNITARY: "Unitary council",
    AuthorityType.LONDON: "London borough",
}


def tier(council: CouncilYear) -> str:
    return COUNTY if council.authority.type == AuthorityType.COUNTY else DISTRICT


def figure(measure: Measure, council: CouncilYear) -> dict:
    """One council's figure for `measure`: the number, how it is shown, the base it stands on (with the
    number the base starts with, `base_count`, that the table sorts the base by, and the population estimate
    a figure per residents uses), and whether that base is too small to compare (`small_base`, the rule of
    every page and download; the base and the text say so where there is a figure)."""
    reading = measure.read(council)
    value, display = measure.value(council), measure.display(council)
    if isinstance(reading, Rate):
        numerator, denominator = reading.numerator, reading.denominator
        base, base_count = measure.counted(denominator), denominator
        text = f"{display} of {base}" if value is not None else measure.not_applicable
    else:
        numerator, denominator = reading.count, reading.population
        counted, base_count = measure.counted(numerator), numerator
        base = (f"{counted}; population {number(denominator)}, {council.population_estimate}" if denominator
                else f"{counted}; population not known")
        text = (measure.not_applicable if value is None
                else f"{display} per {number(measure.residents)} residents ({base})")
    if measure.marked_too_few(council):
        base += f" ({TOO_FEW.lower()})"
        text += f"; {TOO_FEW.lower()}"
    return {"value": value, "display": display, "numerator": numerator, "denominator": denominator,
            "base": base, "base_count": base_count, "text": text, "small_base": measure.small_base(council)}


def _band_label(low, high, measure: Measure) -> str:
    if measure.is_rate:  # whole percentages from 0% to 100%
        low = low or 0
        if high is None:
            return "100%" if low == 100 else f"{low}% to 100%"
        return f"{low}% to {high - 1}%"
    low_text, high_text = f"{low or 0:,.1f}", None if high is None else f"{high - 0.1:,.1f}"
    if high_text is None:
        return f"{low_text} or more"
    return low_text if high_text == low_text else f"{low_text} to {high_text}"


def legend(measure: Measure, values: list) -> list[dict]:
    """The colour bands: `from` ≤ value < `to` (null: unbounded). Rates have fixed bands; counts per
    residents have the year's quintiles, so that each band holds about a fifth of the councils."""
    present = sorted(value for value in values if value is not None)
    if measure.is_rate:
        breaks = list(BREAKS[measure.key])
    else:
        breaks = []
        # Quintiles; where many councils tie, the next value up, so that no band is empty.
        for k in range(1, 5 if present else 1):
            floor = breaks[-1] if breaks else present[0]
            above = next((value for value in present[len(present) * k // 5:] if value > floor), None)
            if above is not None:
                breaks.append(above)
    limits = [None, *breaks, None]
    return [{"from": low, "to": high, "label": _band_label(low, high, measure)}
            for low, high in zip(limits, limits[1:], strict=False)]


@lru_cache(maxsize=1)
def _geometry_index() -> tuple[dict[str, set[str]], dict[str, list[tuple[str, int | None, int | None]]]]:
    """Which codes each hex map places, and each boundary layer's areas with their years."""
    hexes = {name: set(layout) for name, layout in geometry.load("hexes.json")["layouts"].items()}
    areas = {layer: [(code, first, last) for code, first, last, _ in entries]
             for layer, entries in geometry.load("boundaries.json")["areas"].items()}
    return hexes, areas


def _codes(councils: list[CouncilYear]) -> dict[int, list[str]]:
    """Every GSS code each council has carried, its current one first (shapes may carry a former one)."""
    codes = {c.authority.id: [c.authority.gss] for c in councils}
    for authority_id, code in AuthorityCode.objects.filter(authority_id__in=codes).values_list("authority_id", "code"):
        if code[:1] == "E" and code not in codes[authority_id]:
            codes[authority_id].append(code)
    return codes


def shapes_for(year: ReportingYear, councils: list[CouncilYear]) -> tuple[dict[str, str], dict[int, dict]]:
    """The hex map of each tier, and each council's hex and boundary code.

    The district hex map is the one that places every district-tier council of
    the year (the fewest missing, the newest on a tie), not the one whose name
    has the year: the files' names do not say which councils they hold.
    """
    hexmaps, areas = _geometry_index()
    codes = _codes(councils)

    def placed(layout: str, council: CouncilYear) -> str | None:
        candidates = codes[council.authority.id] + [HEX_STAND_INS.get(council.authority.gss, "")]
        return next((code for code in candidates if code in hexmaps[layout]), None)

    district_councils = [c for c in councils if tier(c) == DISTRICT]
    district_maps = sorted(name for name in hexmaps if name.startswith(DISTRICT_HEXMAP_PREFIX))
    chosen = {
        DISTRICT: min(reversed(district_maps),
                      key=lambda name: sum(placed(name, c) is None for c in district_councils)),
        COUNTY: UPPER_TIER_HEXMAP,
    }
    found = {}
    for council in councils:
        layer = areas[BOUNDARY_LAYERS[tier(council)]]
        council_codes = codes[council.authority.id]
        shape = next((code for code, first, last in layer if code in council_codes
                      and (first is None or first <= year.start_year) and (last is None or year.start_year <= last)),
                     None)
        found[council.authority.id] = {"hex": placed(chosen[tier(council)], council), "shape": shape}
    return chosen, found


def council_url(slug: str, year: ReportingYear) -> str:
    return reverse("council-year", kwargs={"slug": slug, "year": year.label})


def map_data(statistics: YearStatistics, version: int) -> dict:
    """The data the map and its table view are drawn from, for one published year (JSON-ready)."""
    year = statistics.year
    councils = sorted(statistics.councils, key=lambda c: (c.authority.short_name, c.authority.gss))
    hexmaps, shapes = shapes_for(year, councils)
    figures = {c.authority.id: {m.key: figure(m, c) for m in MEASURES} for c in councils}
    return {
        "year": year.label,
        "version": version,
        "hexmaps": hexmaps,
        "layers": BOUNDARY_LAYERS,
        "tiers": TIERS,
        # A type as it reads inside a sentence ("Haringey, London borough: …").
        "type_phrases": {value: name[0].lower() + name[1:] if not name.startswith("London") else name
                         for value, name in TYPE_NAMES.items()},
        "measures": [{"key": m.key, "label": m.label, "description": m.description,
                      "not_applicable": m.not_applicable,
                      "legend": legend(m, [figures[c.authority.id][m.key]["value"] for c in councils])}
                     for m in MEASURES],
        "councils": [{
            "gss": c.authority.gss,
            "name": c.authority.short_name,
            "official_name": c.authority.name,
            "slug": c.authority.slug,
            "type": c.authority.type,
            "type_label": TYPE_NAMES[c.authority.type],
            "tier": tier(c),
            "url": council_url(c.authority.slug, year),
            **shapes[c.authority.id],
            "figures": figures[c.authority.id],
        } for c in councils],
    }
