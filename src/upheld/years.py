"""Reporting years: 1 April to 31 March, written `2017-18`."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

_LABEL = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class ReportingYear:
    """The year that starts on 1 April of `start_year`."""

    start_year: int

    @classmethod
    def parse(cls, label: str) -> ReportingYear:
        """`2017-18` → ReportingYear(2017); anything else is a ValueError."""
        match = _LABEL.match(label.strip())
        if not match:
            raise ValueError(f"{label!r} is not a reporting year like 2017-18")
        first, second = int(match[1]), int(match[2])
        if (first + 1) % 100 != second:
            raise ValueError(f"{label!r} is not a reporting year like 2017-18: the years must follow on")
        return cls(first)

    @classmethod
    def containing(cls, day: datetime.date) -> ReportingYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.start_year, 4, 1)

    @property
    def last_day(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def __contains__(self, day: datetime.date) -> bool:
        return self.first_day <= day <= self.last_day

    def __str__(self) -> str:
        return self.label
