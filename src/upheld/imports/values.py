"""Cell text to values, one column at a time.

A parser takes the trimmed text of one cell and returns the value, or raises
`ValueError` whose message is what the user reads after `FILE:ROW: column:`.
Parsers see only their own cell; rules across columns or against the
database are the importers' `check`. Everything here is a dictionary lookup,
a regular expression or a constructor call, because it runs once per cell of
files that can have millions of rows.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from upheld.authorities.models import Authority, AuthorityCode, ContactRole
from upheld.casework.vocabulary import parse_category
from upheld.years import ReportingYear

Parser = Callable[[str], Any]

REQUIRED = "a value is required"
MOST_RESIDENTS = 10_000_000  # no English council comes near; a larger figure is a typing slip

ISO_DATE = "YYYY-MM-DD"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A date in another common layout: day, month and year (or year, month and day) as digits between separators.
_OTHER_DATE = re.compile(r"([0-9]{1,4})([^0-9A-Za-z\s]|\s+)([0-9]{1,2})([^0-9A-Za-z\s]|\s+)([0-9]{1,4})")
_WHOLE_NUMBER = re.compile(r"[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+")


class WrongFormat(ValueError):
    """A value written in another format than the column's. `seen` names that format (`DD/MM/YYYY`), so
    that a column whose every value is written the same wrong way can be told once, for the whole column."""

    def __init__(self, message: str, *, value: str, seen: str, expected: str):
        super().__init__(message)
        self.value, self.seen, self.expected = value, seen, expected


def memo(parse: Parser, size: int = 10_000) -> Parser:
    """`parse`, remembering the values of up to `size` distinct texts: a
    file repeats the same few categories and dates a million times. Failures
    are not remembered; they are rare and each is reported anyway."""
    cache: dict[str, Any] = {}
    missing = object()

    def parse_remembered(text: str):
        value = cache.get(text, missing)
        if value is missing:
            value = parse(text)
            if len(cache) < size:
                cache[text] = value
        return value

    return parse_remembered


def required(parse: Parser) -> Parser:
    """`parse`, refusing an empty cell with one message for every column."""

    def parse_required(text: str):
        if not text:
            raise ValueError(REQUIRED)
        return parse(text)

    return parse_required


def text(max_length: int, *, optional: bool = False) -> Parser:
    """Free text that fits the database column."""

    def parse_text(value: str) -> str:
        if not value and not optional:
            raise ValueError(REQUIRED)
        if len(value) > max_length:
            raise ValueError(f"too long: {len(value)} characters, at most {max_length}")
        return value

    return parse_text


def text_of(model, field_name: str) -> Parser:
    """Text for `model.field_name`, as long as that field allows."""
    return text(model._meta.get_field(field_name).max_length)


def canonical_reference(value: str) -> str:
    """A case reference in its one written form: capitals, and single spaces between its parts.
    `x1-902`, `X1-902` and ` X1-902 ` are one reference; so are `22 000 114` and `22  000 114`."""
    value = value.upper()
    if "  " in value or not value.isascii() or value != value.strip():  # seldom: a million rows pass by
        return " ".join(value.split())
    return value


def reference_of(model, field_name: str = "reference") -> Parser:
    """A reference for `model.field_name`, in its canonical form (`canonical_reference`)."""
    parse = text(model._meta.get_field(field_name).max_length)
    return lambda value: parse(canonical_reference(value))


def date_until(last: datetime.date) -> Parser:
    """An ISO date (YYYY-MM-DD, nothing else: 01/02/2018 means different days
    in different countries) no later than `last`, normally today."""

    def parse_date(value: str) -> datetime.date:
        if not value:
            raise ValueError("a date is required, as YYYY-MM-DD")
        if not _ISO_DATE.fullmatch(value):
            message = f"{value!r} is not a date in the form {ISO_DATE}"
            if seen := date_format(value):
                raise WrongFormat(message, value=value, seen=seen, expected=ISO_DATE)
            raise ValueError(message)
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a real date") from None
        if day > last:
            raise ValueError(f"{value} is in the future")
        return day

    return memo(parse_date)


def date_format(value: str) -> str | None:
    """The layout of a date written other than YYYY-MM-DD, if it is a common one: `01/05/2017` and
    `1/5/2017` → `DD/MM/YYYY`, `2017.05.01` → `YYYY.MM.DD`, `01-05-17` → `DD-MM-YY`. None otherwise
    (a date and time, a month name, text that is no date)."""
    match = _OTHER_DATE.fullmatch(value)
    if match is None:
        return None
    first, separator, _, second_separator, last = match.groups()
    if len(first) == 4 and len(last) <= 2:
        parts = ("YYYY", "MM", "DD")
    elif len(first) <= 2 and len(last) in (2, 4):
        parts = ("DD", "MM", "YYYY" if len(last) == 4 else "YY")
    else:
        return None
    seen = f"{parts[0]}{separator}{parts[1]}{second_separator}{parts[2]}"
    return None if seen == ISO_DATE else seen


def category(max_subcategory: int) -> Parser:
    """`Housing > Homelessness` → ("housing", "Homelessness")."""

    def parse(value: str) -> tuple[str, str]:
        code, subcategory = parse_category(value)
        if len(subcategory) > max_subcategory:
            raise ValueError(f"subcategory too long: {len(subcategory)} characters, at most {max_subcategory}")
        return code, subcategory

    return memo(required(parse))


def reporting_year(value: str) -> int:
    """`2023-24` → 2023, the way `Population.year` stores it."""
    if not value:
        raise ValueError(REQUIRED)
    return ReportingYear.parse(value).start_year


def population(value: str) -> int:
    """A head count: digits, optionally with thousands separators."""
    if not value:
        raise ValueError(REQUIRED)
    if not _WHOLE_NUMBER.fullmatch(value):
        raise ValueError(f"{value!r} is not a whole number")
    number = int(value.replace(",", ""))
    if number <= 0:
        raise ValueError("must be more than 0")
    if number > MOST_RESIDENTS:
        raise ValueError(f"{value} is more than {MOST_RESIDENTS:,}: no council is that large")
    return number


_ROLES = {name.casefold(): role for role, label in ContactRole.choices for name in (role, label)}


def contact_role(value: str) -> str:
    if not value:
        raise ValueError(REQUIRED)
    try:
        return _ROLES[" ".join(value.split()).casefold()]
    except KeyError:
        expected = "; ".join(ContactRole.values)
        raise ValueError(f"unknown role {value!r}; expected one of: {expected}") from None


def email(max_length: int) -> Parser:
    """An email address, or nothing (the model allows a contact without one)."""

    def parse_email(value: str) -> str:
        if not value:
            return ""
        if len(value) > max_length:
            raise ValueError(f"too long: {len(value)} characters, at most {max_length}")
        try:
            validate_email(value)
        except ValidationError:
            raise ValueError(f"{value!r} is not an email address") from None
        return value

    return parse_email


class Council(NamedTuple):
    """What a row needs to know about its council: enough for the rules."""

    id: int
    name: str
    start_date: datetime.date | None
    end_date: datetime.date | None


class Councils:
    """Every code by which a council can be named (GSS codes, former GSS codes
    of recoded councils, register codes), loaded once per import so that each
    row costs a dictionary lookup rather than a query."""

    def __init__(self) -> None:
        fields = ("id", "name", "start_date", "end_date")
        self.by_id = {row[0]: Council(*row) for row in Authority.objects.values_list(*fields)}
        self.by_code = {gss.upper(): self.by_id[pk] for pk, gss in Authority.objects.values_list("id", "gss")}
        for code, pk in AuthorityCode.objects.values_list("code", "authority_id"):
            self.by_code[code.upper()] = self.by_id[pk]

    def parse(self, value: str) -> Council:
        council = self.by_code.get(value) or self.by_code.get(value.upper())
        if council is None:
            if not value:
                raise ValueError(REQUIRED)
            raise ValueError(f"unknown council {value!r}: not a GSS code (such as E08000014) in the register")
        return council
