"""How public pages print figures: the letters' formats (`upheld.letters.formats`), so a page and a
letter write the same figure the same way."""

from django import template

from upheld.letters import formats

register = template.Library()


@register.filter
def count(value: int) -> str:
    """1,234."""
    return formats.number(value)


@register.filter
def per_100k(value: float | None) -> str:
    """3.3, or "-" where the population is not known."""
    return formats.per_100k(value)


@register.filter
def long_date(value) -> str:
    """18 July 2018."""
    return formats.long_date(value)


@register.filter
def sort_value(value: float | None) -> str:
    """A number as a sortable table's `data-sort-value`: unrounded and unformatted, empty where not applicable."""
    return "" if value is None else repr(value)
