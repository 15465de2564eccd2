"""A caseworker's part in the fault tests, each step its own process against the database of DATABASE_URL:

    python -m tests.imports.fault_steps set-up             # `upheld setup`, a caseworker signed in: prints the cookie
    python -m tests.imports.fault_steps work COOKIE REF    # the caseload, then a new case REF: prints JSON

`work` answers for each request its status, Retry-After and whether the page is the styled busy page. The
caseload reads only, but saving the session afterwards writes (a middleware's write, not the view's); the
new case is the view's own write.
"""

import io
import json
import sys
import time

BUSY_HEADING = "Busy: try again in a moment"


def set_up() -> str:
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from tests.accounts.signing_in import sign_in, staff_user
    from upheld.accounts.roles import StaffRole

    call_command("setup", stdout=io.StringIO())
    client = sign_in(Client(HTTP_HOST="localhost"), staff_user("caseworker", StaffRole.CASEWORKER))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def work(cookie: str, reference: str) -> dict:
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from upheld.authorities.models import Authority

    # As a browser sees it: a server error is a response, not an exception raised into this process.
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    sefton = Authority.objects.get(gss="E08000014").pk
    answers = {}
    for name, send in [
        ("caseload", lambda: client.get(reverse("casework:caseload"))),
        ("new case", lambda: client.post(reverse("casework:intake"), {
            "reference": reference, "authority": sefton, "received": "2023-06-01", "category": "housing",
            "subcategory": "", "complainant_name": "Ada Brown", "complainant_email": "", "complainant_phone": "",
            "complainant_address": "", "version": 0})),
    ]:
        started = time.perf_counter()
        response = send()
        page = response.content.decode()
        answers[name] = {"status": response.status_code, "retry_after": response.get("Retry-After"),
                         "busy_page": BUSY_HEADING in page and 'rel="stylesheet"' in page,
                         "seconds": round(time.perf_counter() - started, 1)}
    return answers


if __name__ == "__main__":
    import django

    django.setup()
    step, *arguments = sys.argv[1:]
    print(json.dumps(set_up() if step == "set-up" else work(*arguments)))
