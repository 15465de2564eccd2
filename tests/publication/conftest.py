"""Fixtures of the public pages' tests (defined in `site_data`): a released multi-council dataset.
(The page cache is emptied around every test by the root conftest.)"""

from tests.publication.site_data import dataset  # noqa: F401 - fixture
