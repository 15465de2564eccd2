"""How public pages print figures, counts, years and dates: the wording of `upheld.stats.wording` (which the
letters use too), so a page and a letter write the same figure the same way."""

from django import template

from upheld.publication import comparisons
from upheld.stats import registry, wording

register = template.Library()


@register.filter
def count(value: int) -> str:
    """1,234."""
    return wording.number(value)


@register.filter
def in_words(value: int) -> str:
    """"four" for 4: a small count as prose writes it."""
    return wording.in_words(value)


@register.filter
def counted(value: int, noun: str) -> str:
    """`{{ n|counted:"detailed investigation" }}`: "1 detailed investigation", "2 detailed investigations".
    An irregular plural is given after a comma: `{{ n|counted:"complaint received,complaints received" }}`."""
    singular, _, plural = noun.partition(",")
    return wording.counted(value, (singular, plural) if plural else wording.plural(singular))


@register.filter
def per_100k(value: float | None) -> str:
    """3.3 (1,234.5), or "-" where the population is not known."""
    return wording.one_decimal(value)


@register.filter
def long_date(value) -> str:
    """18 July 2018."""
    return wording.long_date(value)


@register.filter
def year(value) -> str:
    """A reporting year (or its label) that never breaks at the hyphen."""
    return wording.year_html(value)


@register.filter
def years(text: str) -> str:
    """Text whose reporting years never break at the hyphen."""
    return wording.years_html(text)


@register.filter
def remedy(code: str) -> str:
    """A stored remedy code as a reader's name, capitalised like the outcome beside it."""
    return wording.remedy_name(code)


@register.simple_tag
def figure_notes(tables_layout: bool = False) -> str:
    """What the dash and the marks beside figures mean (a tables year has no measure without an interval)."""
    notes = [registry.NOT_APPLICABLE_NOTE, registry.TOO_FEW_NOTE]
    if not tables_layout:
        notes.insert(1, registry.NO_INTERVAL_NOTE)
    return " ".join(notes)


@register.filter
def sort_value(value: float | None) -> str:
    """A number as a sortable table's `data-sort-value`: unrounded and unformatted, empty where not applicable."""
    return "" if value is None else repr(value)


@register.simple_tag
def comparison_rows(comparison: comparisons.Comparison, year) -> str:
    """The rows of a comparison table, each rendered once per process for its figures."""
    return comparisons.rendered_rows(comparison, year)
