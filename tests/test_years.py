import datetime

import pytest

from upheld.years import ReportingYear


def test_parse_and_bounds():
    year = ReportingYear.parse("2017-18")
    assert year.first_day == datetime.date(2017, 4, 1)
    assert year.last_day == datetime.date(2018, 3, 31)
    assert year.label == "2017-18"
    assert ReportingYear.parse("1999-00").last_day == datetime.date(2000, 3, 31)


@pytest.mark.parametrize("label", ["2017-19", "2017", "17-18", "2017/18", "", "abcd-ef"])
def test_parse_rejects(label):
    with pytest.raises(ValueError, match="reporting year"):
        ReportingYear.parse(label)


@pytest.mark.parametrize(("day", "label"), [
    (datetime.date(2017, 4, 1), "2017-18"),
    (datetime.date(2018, 3, 31), "2017-18"),
    (datetime.date(2017, 3, 31), "2016-17"),
    (datetime.date(2018, 4, 1), "2018-19"),
])
def test_containing_is_inclusive_at_both_ends(day, label):
    assert ReportingYear.containing(day).label == label
    assert day in ReportingYear.parse(label)
