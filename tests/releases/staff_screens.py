"""Filling in an admin form as a member of staff would: open it, change some fields, send it.

The leak test's statements are entered and published this way rather than written to the database, so
that they become public (or not) by exactly the steps staff take.
"""

from __future__ import annotations

import html
import re

from django.test import Client

from tests.accounts.signing_in import sign_in

_FORM = re.compile(r'<form\b[^>]*\bid="[a-z0-9]+_form"[^>]*>')  # the change form, not the sign-out form
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
_TEXTAREA = re.compile(r'<textarea\b[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', re.DOTALL)
_SELECT = re.compile(r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', re.DOTALL)
_ERRORS = re.compile(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.DOTALL)


def submit(user, url: str, changes: dict, unticked: tuple[str, ...] = ()):
    """Send the admin form at `url`, signed in as `user`, as it stands but for `changes` (a ticked box is
    "on") and the boxes named in `unticked`; asserts that the admin accepted it (a redirect)."""
    client = sign_in(Client(), user)
    page = client.get(url)
    assert page.status_code == 200, f"{user} cannot open {url}: {page.status_code}"
    fields = {name: value for name, value in current_values(page.content.decode()).items() if name not in unticked}
    response = client.post(url, {**fields, **changes})
    assert response.status_code == 302, f"{url} refused {user}'s form: {errors(response)}"
    return response


def current_values(page: str) -> dict[str, str]:
    """What the page's admin form would send as it stands: every field's value, hidden ones included."""
    form = _FORM.split(page, 1)[1].split("</form>", 1)[0]
    values = {}
    for tag in re.finditer(r"<input\b[^>]*>", form):
        attributes = dict(_ATTRIBUTE.findall(tag[0]))
        name, kind = attributes.get("name"), attributes.get("type")
        if not name or kind in ("submit", "button") or (kind == "checkbox" and "checked" not in tag[0]):
            continue
        values[name] = "on" if kind == "checkbox" else html.unescape(attributes.get("value", ""))
    for name, text in _TEXTAREA.findall(form):
        values[name] = html.unescape(text).removeprefix("\n")
    for name, options in _SELECT.findall(form):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        values[name] = html.unescape(chosen[1]) if chosen else ""
    return values


def errors(response) -> str:
    content = response.content.decode(errors="replace")
    return "; ".join(_ERRORS.findall(content)) or f"HTTP {response.status_code}: {content[:300]}"
