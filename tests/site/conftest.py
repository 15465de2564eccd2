import pytest

from tests.site.sites import installations


@pytest.fixture(scope="module")
def new_site(tmp_path_factory):
    """`new_site(name)`: an installation with an empty database of its own, dropped afterwards."""
    yield from installations(tmp_path_factory)
