"""Public pages are cached and shared, so the staff navigation must appear only on staff pages:
a caseworker's visit to a council page must not leave "Casework" in the page the next visitor gets."""

from django.test import Client

from tests.accounts.signing_in import sign_in, staff_user
from upheld.accounts.roles import StaffRole

CASEWORK_LINK = 'href="/casework/"'
DASHBOARD_LINK = 'href="/staff/"'


def test_staff_links_only_on_staff_pages(db, released_2017_18):
    caseworker = sign_in(Client(), staff_user("cw", StaffRole.CASEWORKER))
    for url in ("/councils/sefton/2017-18/", "/", "/national/2017-18/"):
        html = caseworker.get(url).content.decode()
        assert CASEWORK_LINK not in html and DASHBOARD_LINK not in html, url
        anonymous = Client().get(url).content.decode()
        assert CASEWORK_LINK not in anonymous and DASHBOARD_LINK not in anonymous, url
    staff_page = caseworker.get("/casework/").content.decode()
    assert CASEWORK_LINK in staff_page and DASHBOARD_LINK in staff_page
