"""Every hint and error a form field's `aria-describedby` names is on the page, so screen readers announce it:
the forms that use the shared field partial (`accounts/_field.html`), each shown with errors."""

from html.parser import HTMLParser

from django.urls import reverse

from tests.accounts.signing_in import sign_in, staff_user
from upheld.accounts.roles import StaffRole


class Descriptions(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.described: dict[str, list[str]] = {}  # a control's name → the ids it is described by

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described[attrs.get("name") or tag] = attrs["aria-describedby"].split()


def described(response) -> dict[str, list[str]]:
    """The page's described controls, after checking that each id they name is on it exactly once."""
    page = Descriptions()
    page.feed(response.content.decode())
    for name, ids in page.described.items():
        for id_ in ids:
            assert page.ids.count(id_) == 1, f"{name} is described by #{id_}, which the page has {page.ids.count(id_)}"
    return page.described


def test_sign_in_with_errors(db, client):
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})
    assert "There is a problem" in response.content.decode()
    assert described(response) == {"username": ["id_username_error"], "password": ["id_password_error"]}


def test_password_forms_with_hints_and_errors(db, client):
    sign_in(client, staff_user("petra", StaffRole.PUBLISHER))
    response = client.post(reverse("accounts:password"), {"old_password": "wrong", "new_password1": "short",
                                                          "new_password2": "other"})
    found = described(response)
    assert found["old_password"] == ["id_old_password_error"]
    assert found["new_password1"] == ["id_new_password1_helptext"]  # the password rules
    assert found["new_password2"] == ["id_new_password2_error"]
    assert 'id="id_new_password1_helptext" class="govuk-hint"' in response.content.decode()

    client.logout()
    response = client.post(reverse("accounts:reset"), {"email": "not an address"})
    assert described(response) == {"email": ["id_email_error"]}


def test_staff_filters_with_errors(db, client):
    sign_in(client, staff_user("tess", StaffRole.PUBLISHER))
    response = client.get(reverse("training:link-officers"), {"region": "nowhere", "council": "x" * 121})
    assert described(response) == {"region": ["id_region_error"], "council": ["id_council_error"]}
