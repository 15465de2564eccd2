"""The public pages of decisions: search, statement, council links; only public statements, no inline script."""

import re

import pytest

from upheld.decisions.urls import council_links

from .conftest import D, make_statement


@pytest.fixture
def statement(db, sefton, on_today, figures_released):
    return make_statement(sefton, decided=D(2023, 2, 1), remedy="satisfactory_by_authority",
                          summary="Mrs X complained about damp in her council flat.",
                          service_improvements="Review the repairs procedure.")


def test_search_page(client, statement):
    response = client.get("/decisions/?q=damp&council=sefton")
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 decision" in page and statement.get_absolute_url() in page
    assert "<mark>damp</mark>" in page
    assert 'value="damp"' in page and '<option value="sefton" selected>' in page
    assert "/decisions/results.csv?q=damp&amp;council=sefton" in page
    _no_inline_script_or_style(page)


def test_search_page_reports_unusable_filters(client, statement):
    page = client.get("/decisions/?council=atlantis&from=yesterday").content.decode()
    assert "govuk-error-summary" in page and "There is no council &#x27;atlantis&#x27;" in page
    assert "1 decision" in page  # the rest of the search still runs


def test_search_page_filters_by_subcategory_without_script(client, statement, sefton):
    """Every category's subcategories in one select, grouped by category; a choice that does not fit is said so."""
    transport = make_statement(sefton, decided=D(2023, 3, 1), category="education_children",
                               subcategory="School transport", summary="Mrs X was refused a bus pass.")
    page = client.get("/decisions/?subcategory=School+transport").content.decode()
    assert '<optgroup label="Education and Children&#x27;s Services">' in page
    assert '<option value="School transport" selected>School transport</option>' in page
    assert "1 decision" in page and transport.get_absolute_url() in page
    assert statement.get_absolute_url() not in page
    assert transport.get_absolute_url() in client.get("/decisions/?q=school+transport").content.decode()
    response = client.get("/decisions/?category=housing&subcategory=School+transport")
    assert response.status_code == 200 and "Housing has no subcategory &#x27;School transport&#x27;" in \
        response.content.decode()


def test_council_page_links(client, statement, sefton):
    links = council_links(sefton)
    assert links == {"decisions": "/decisions/?council=sefton",
                     "upheld": "/decisions/?council=sefton&outcome=upheld",
                     "satisfactory_remedy": "/decisions/?council=sefton&outcome=upheld&remedy=satisfactory"}
    for url in links.values():
        assert statement.reference in client.get(url).content.decode()
    assert statement.reference not in client.get(links["upheld"].replace("upheld", "not_upheld")).content.decode()


def test_statement_page(client, statement):
    page = client.get(statement.get_absolute_url()).content.decode()
    for text in ("Sefton Metropolitan Borough Council", statement.reference, "Housing", "1 February 2023",
                 '<h2 class="govuk-heading-m">The complaint</h2>',
                 '<h2 class="govuk-heading-m">Final decision</h2>',
                 "Review the repairs procedure.", "Upheld. Put right by the council before we were involved"):
        assert text in page, text
    _no_inline_script_or_style(page)


@pytest.mark.parametrize("fields", [{"publish": False}, {"decided": D(2024, 5, 1)}, {"summary": "Mrs Smith said."}])
def test_unpublished_statements_are_not_found(client, db, on_today, fields):
    hidden = make_statement(**fields)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert hidden.reference not in client.get("/decisions/").content.decode()


def test_statement_text_is_escaped(client, db, on_today):
    statement = make_statement(summary="<script>alert(1)</script>", body="The complaint\n<img src=x onerror=alert(1)>")
    page = client.get(statement.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def _no_inline_script_or_style(page: str) -> None:
    """The Content Security Policy forbids inline scripts and style attributes."""
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert " style=" not in page
