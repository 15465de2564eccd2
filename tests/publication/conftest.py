"""Fixtures of the public pages' tests (defined in `site_data`): the page cache emptied around every
test, and a released multi-council dataset."""

from tests.publication.site_data import dataset, fresh_page_cache  # noqa: F401 - fixtures
