"""How a letter writes numbers and dates: the site's wording (`upheld.stats.wording`), so the HTML, the PDF,
the merge fields and the public pages agree."""

from upheld.stats.wording import in_words, long_date, number, period
from upheld.stats.wording import one_decimal as per_100k

__all__ = ["Count", "in_words", "long_date", "number", "per_100k", "period"]


class Count(int):
    """A count for a merge field: prints as 1,234 and is false when zero, so `{% if upheld %}` reads naturally."""

    def __str__(self) -> str:
        return number(self)
