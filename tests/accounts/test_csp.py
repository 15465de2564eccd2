"""A strict Content Security Policy on every response: nothing inline, nothing evaluated.

`policy_problems` is also applied to every response of the role × URL matrix
(`test_url_matrix.py`), so every page type of the site, as every role, is checked;
the tests here add the settings themselves, the admin, error pages, the
public-page fast path and the annual review letter, the one page allowed its
own `<style>` block, by hash.
"""

from __future__ import annotations

import base64
import hashlib
import re

from django.conf import settings

from tests.accounts.signing_in import sign_in
from upheld.letters.html import render_html

HEADER = "Content-Security-Policy"
UNSAFE = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "*")
INLINE_SCRIPT = re.compile(rb"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>",
                           re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(rb"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
STYLE_BLOCK = re.compile(rb"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)
EVENT_HANDLER = re.compile(rb"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def sha256_source(text: bytes) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text).digest()).decode()}'"


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


def policy_problems(response) -> list[str]:
    """What is wrong with a response's policy, and, for a page, what in it the policy would block."""
    policy = response.get(HEADER)
    if policy is None:
        return [f"no {HEADER} header"]
    problems = [f"the policy allows {source}" for values in directives(policy).values()
                for source in values if source in UNSAFE]
    if "text/html" not in response.get("Content-Type", "") or response.streaming:
        return problems
    page = response.content
    problems += [f"inline script {tag[:80]!r}" for tag in INLINE_SCRIPT.findall(page)]
    problems += [f"style attribute {match[:80]!r}" for match in STYLE_ATTRIBUTE.findall(page)]
    problems += [f"event handler attribute {match[:80]!r}" for match in EVENT_HANDLER.findall(page)]
    allowed_styles = directives(policy).get("style-src", [])
    problems += [f"<style> block not allowed by its hash {sha256_source(block)}"
                 for block in STYLE_BLOCK.findall(page) if sha256_source(block) not in allowed_styles]
    return problems


def test_the_settings_allow_nothing_inline_or_evaluated():
    for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"):
        policy = getattr(settings, name, None) or {}
        for directive, sources in policy.get("DIRECTIVES", {}).items():
            unsafe = [source for source in sources if source in UNSAFE or "unsafe" in source]
            assert not unsafe, f"{name} {directive}: {unsafe}"
    chosen = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert chosen["default-src"] == ["'self'"]
    assert "script-src" not in chosen and "style-src" not in chosen  # both fall back to 'self'
    assert chosen["object-src"] == ["'none'"] and chosen["frame-ancestors"] == ["'none'"]
    assert chosen["base-uri"] == ["'self'"] and chosen["form-action"] == ["'self'"]


def test_public_pages_served_again_from_memory_keep_the_policy(client, released_2017_18):
    for url in ("/", "/councils/sefton/2017-18/", "/national/2017-18/", "/data/2017-18/"):
        first, again = client.get(url), client.get(url)
        assert first.status_code == again.status_code == 200, url
        assert again[HEADER] == first[HEADER], url
        assert not policy_problems(again), (url, policy_problems(again))


def test_error_pages_and_redirects_carry_the_policy(client, db):
    for response in (client.get("/no-such-page/"), client.get("/audit/export.csv"),
                     client.get("/councils/sefton/1999-00/"), client.post("/accounts/logout/")):
        assert response.status_code in (302, 404), response.status_code
        assert not policy_problems(response), policy_problems(response)


def test_staff_screens_carry_the_policy_and_nothing_it_would_block(client, publisher, administrator):
    """The admin is not in the URL matrix: its main screens are checked here, as the roles that use them."""
    for user, urls in ((publisher, ("/admin/", "/admin/releases/release/", "/admin/releases/release/add/",
                                    "/admin/decisions/statement/", "/accounts/", "/accounts/password/")),
                       (administrator, ("/admin/auth/user/", "/admin/auth/user/add/", "/admin/audit/auditevent/"))):
        sign_in(client, user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert not policy_problems(response), (url, policy_problems(response))
            assert "style-src" not in response[HEADER], url  # no page but the letter has any style of its own


def test_the_letter_alone_has_its_style_block_allowed_by_its_exact_hash(client, released_2017_18):
    response = client.get("/councils/sefton/2017-18/letter.html")
    assert response.status_code == 200
    blocks = STYLE_BLOCK.findall(response.content)
    assert len(blocks) == 1 and b"@page" in blocks[0]
    style_src = directives(response[HEADER])["style-src"]
    assert style_src == ["'self'", sha256_source(blocks[0])]
    assert not policy_problems(response)
    # A letter with any other style (an edited template, say) would not match the hash.
    assert sha256_source(blocks[0] + b" ") not in style_src
    # Every other page keeps the plain policy, the council's own page included.
    for url in ("/councils/sefton/2017-18/", "/"):
        assert "style-src" not in client.get(url)[HEADER], url


def test_the_letter_is_one_self_contained_document_with_nothing_else_inline(released_2017_18):
    from upheld.letters.batch import letters_for

    (letter, _), = letters_for(released_2017_18.reporting_year, "E08000014")
    html = render_html(letter).encode()
    assert len(STYLE_BLOCK.findall(html)) == 1
    assert not INLINE_SCRIPT.findall(html) and not STYLE_ATTRIBUTE.findall(html) and b"<script" not in html
    assert b"<link" not in html  # nothing to fetch: it is also written to files and sent by email


def test_the_check_finds_what_the_policy_would_block():
    from django.http import HttpResponse

    page = HttpResponse(b'<p style="color:red" onclick="go()">x</p><script>go()</script><style>p{}</style>'
                        b'<script src="/static/a.js"></script><script type="application/json">{}</script>')
    page[HEADER] = "default-src 'self'; script-src 'self' 'unsafe-inline'"
    problems = policy_problems(page)
    assert [problem.split(" ")[0] for problem in problems] == ["the", "inline", "style", "event", "<style>"]
    assert policy_problems(HttpResponse(b"<p>plain</p>")) == [f"no {HEADER} header"]
