"""Issue 14, item 9: the error pages are the site's, not Django's bare ones: each in the site's look, with a
<main>, a heading saying what happened and what to do next; a refusal says where the user may go instead."""

import re

from django.db import connection
from django.db.utils import OperationalError
from django.test import Client

from tests.accounts.signing_in import council_user, sign_in, staff_user
from upheld.accounts.models import CouncilRole
from upheld.accounts.roles import StaffRole


def styled(response, heading: str) -> str:
    """The page, once checked to be one of the site's: its stylesheet, its <main>, and `heading` as its h1."""
    page = response.content.decode()
    assert 'rel="stylesheet"' in page and 'class="govuk-header' in page
    main = re.search(r'<main class="govuk-main-wrapper" id="main-content">(.*)</main>', page, re.DOTALL)
    assert main, page
    assert re.search(rf'<h1 class="govuk-heading-l">{re.escape(heading)}</h1>', main[1]), main[1]
    return main[1]


def test_an_unknown_address_is_the_sites_404_with_where_to_go(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    main = styled(response, "Page not found")
    assert 'href="/councils/"' in main and 'href="/"' in main


def test_a_council_user_refused_a_staff_page_is_sent_to_their_councils_pages(client, authority):
    sign_in(client, council_user("officer", authority, CouncilRole.LINK_OFFICER))
    response = client.get("/staff/")
    assert response.status_code == 403
    main = styled(response, "You cannot see this page")
    assert f'<a class="govuk-link" href="/portal/">{authority.name}&#x27;s pages</a>' in main


def test_staff_refused_a_page_of_another_role_are_sent_to_their_dashboard(client, db):
    sign_in(client, staff_user("caseworker", StaffRole.CASEWORKER))
    response = client.get("/audit/export.csv")  # administrators only
    assert response.status_code == 403
    main = styled(response, "You cannot see this page")
    assert '<a class="govuk-link" href="/staff/">Staff home</a>' in main
    assert '<a class="govuk-link" href="/casework/">Casework</a>' in main and "/portal/" not in main


def test_a_form_sent_without_its_csrf_token_says_how_to_send_it_again(db):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    main = styled(response, "Your form could not be sent")
    assert "reload the page, and send it again" in main


def test_a_bad_request_is_the_sites_400(db):
    response = Client(HTTP_HOST="elsewhere.example").get("/")
    assert response.status_code == 400
    styled(response, "Sorry, we could not understand that request")


def test_a_server_error_is_the_sites_500_made_without_the_database(db):
    """The view fails because the database does; the page that says so asks the database nothing."""
    asked = []

    def unavailable(execute, sql, params, many, context):
        asked.append(sql)
        raise OperationalError("the database is unavailable")

    with connection.execute_wrapper(unavailable):
        response = Client(raise_request_exception=False).get("/")
    assert asked  # the home page did ask, and failed
    assert response.status_code == 500
    main = styled(response, "Sorry, there is a problem with the service")
    assert "Try again later" in main


def test_the_server_error_page_is_plain_should_even_it_fail(db, settings):
    """With no templates to be found (a broken installation), the failing page and the error page both fail:
    the answer is still a page that says what happened, not the web server's bare error."""
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [], "APP_DIRS": False}]
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "<main><h1>Sorry, there is a problem with the service</h1>" in response.content.decode()
