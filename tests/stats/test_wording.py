"""How upheld writes numbers, counts, years and dates: one place for pages, letters and messages."""

import datetime

from django.template import Context, Template

from upheld.stats import wording
from upheld.years import ReportingYear


def test_counts_agree_with_their_nouns():
    assert wording.counted(1, wording.plural("detailed investigation")) == "1 detailed investigation"
    assert wording.counted(2, wording.plural("detailed investigation")) == "2 detailed investigations"
    assert wording.counted(0, wording.plural("upheld decision")) == "0 upheld decisions"
    assert wording.counted(188_379, ("complaint received", "complaints received")) == "188,379 complaints received"


def test_numbers_dates_and_years():
    assert wording.number(188379) == "188,379"
    assert wording.one_decimal(1234.5) == "1,234.5" and wording.one_decimal(3.0) == "3.0"
    assert wording.one_decimal(None) == wording.NOT_APPLICABLE == "-"
    assert wording.long_date(datetime.date(2026, 12, 5)) == "5 December 2026"
    assert wording.year_html(ReportingYear(2024)) == '<span class="upheld-year">2024-25</span>'
    assert wording.NO_INTERVAL != wording.NOT_APPLICABLE
    assert wording.years_html("Up from 73% in 2023-24 <b>") == \
        'Up from 73% in <span class="upheld-year">2023-24</span> &lt;b&gt;'


def test_template_filters():
    template = Template('{% load publication_format %}{{ n|counted:"council" }}; {{ m|counted:"council" }}; '
                        '{{ r|counted:"complaint received,complaints received" }}; {{ big|count }}; {{ year|year }}')
    text = template.render(Context({"n": 1, "m": 2, "r": 1, "big": 188379, "year": ReportingYear(2024)}))
    assert text == '1 council; 2 councils; 1 complaint received; 188,379; <span class="upheld-year">2024-25</span>'
