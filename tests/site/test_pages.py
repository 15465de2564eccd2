from django.templatetags.static import static

from upheld.demo.models import DemoDataset


def test_home_page_with_security_headers(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b">365</dd>" in response.content
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert b"Demonstration data" not in response.content


def test_synthetic_data_is_marked_on_every_page(client, db):
    DemoDataset.objects.create(seed=1, first_year="2014-15", last_year="2024-25", cases=10)
    assert b"Demonstration data</strong>" in client.get("/").content


def test_staff_screens_require_sign_in(client, db):
    response = client.get("/admin/casework/case/")
    assert response.status_code == 302
    assert "/admin/login/" in response.headers["Location"]


def test_home_page_counts_have_thousands_separated(client, db):
    """Issue 14: "188379" without a separator. Every count on a public page is written 188,379."""
    import datetime

    from upheld.authorities.models import Authority
    from upheld.casework.models import Case

    sefton = Authority.objects.get(gss="E08000014")
    Case.objects.bulk_create(Case(reference=f"T{n}", authority=sefton, received=datetime.date(2024, 5, 1),
                                  category="housing") for n in range(1_001))
    assert b">1,001</dd>" in client.get("/").content


def test_the_home_page_finds_a_council_by_name_or_postcode(client, released_2017_18):
    """One search box (a plain form without JavaScript; its script is a module file, never inline), not a
    dropdown of council types."""
    page = client.get("/").content.decode()
    assert 'action="/councils/search/"' in page and 'name="q"' in page and 'data-find-url="/councils/find.json"' in page
    assert f'src="{static("publication/find.mjs")}"' in page and "<script>" not in page
    assert 'name="type"' not in page
