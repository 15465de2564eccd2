"""The interpretation guide, the home page's links and the navigation every public page shares."""

from tests.publication.page_reader import get_page


def test_guide_explains_every_measure_and_policy(client, db):
    page = get_page(client, "/guide/")
    assert page.h1s() == ["How to read the figures"]
    assert page.title == "How to read the figures – upheld"
    headings = [heading for tag, heading in page.headings if tag == "h2"]
    for heading in ("Volume is not quality", "The measures", "Small numbers and intervals",
                    "Comparing with similar councils", "Funnel plots", "Comparing years",
                    "When figures are published", "Corrections and revisions"):
        assert heading in headings
    for words in ("Complaints upheld", "Upheld decisions per 100,000 residents", "Compliance with recommendations",
                  "Satisfactory remedy provided by the council", "Wilson score interval",
                  "the pooled rate of all Metropolitan Boroughs", "It never means zero"):
        assert words in page.text, words
    # The rule for small bases, and the methods behind the limits and the changes (issue 14).
    for words in ("fewer than 10 cases (detailed investigations for the uphold rate", "“too few cases to compare”",
                  "never listed as outside the limits", "binomial distribution", "Fisher's exact test",
                  "exact conditional test for two Poisson counts", "“Not calculated” means the measure has no "
                  "interval at all"):
        assert words in page.text, words
    for anchor in ("#volume", "#measures", "#small-numbers", "#similar", "#funnel", "#years", "#release",
                   "#revisions"):
        assert anchor in page.links and f'id="{anchor[1:]}"' in page.html


def test_home_links_to_the_latest_review_and_the_councils(client, dataset):
    page = get_page(client, "/")
    assert "National annual review 2019-20" in page.text
    assert "/national/" in page.links and "/councils/" in page.links and "/guide/" in page.links
    assert 'action="/councils/search/"' in page.html  # Find a council


def test_home_before_any_release(client, db):
    page = get_page(client, "/")
    assert "No figures have been published yet." in page.text


def test_every_page_type_has_one_h1_a_title_navigation_and_breadcrumbs(client, dataset):
    pages = {"/": None, "/councils/": "Councils", "/councils/sefton/": "Councils",
             "/councils/sefton/2018-19/": "Councils", "/national/": "National review",
             "/national/2017-18/": "National review", "/guide/": "Guide"}
    for url, section in pages.items():
        page = get_page(client, url)
        assert len(page.h1s()) == 1, url
        assert page.title.endswith(" – upheld") and len(page.title) > len(" – upheld"), url
        assert 'class="govuk-skip-link"' in page.html and 'id="main-content"' in page.html
        for link in ("/councils/", "/national/", "/guide/"):
            assert link in page.links, (url, link)
        if section:
            assert f'aria-current="true"><strong class="govuk-service-navigation__active-fallback">{section}</strong>' \
                in page.html, url
            assert '<nav class="govuk-breadcrumbs" aria-label="Breadcrumb">' in page.html, url
        assert page.html.count("aria-current=\"true\"") == (1 if section else 0), url


def test_breadcrumbs_lead_back_up(client, dataset):
    page = get_page(client, "/councils/sefton/2018-19/")
    crumbs = page.html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert 'href="/"' in crumbs and 'href="/councils/"' in crumbs and 'href="/councils/sefton/"' in crumbs
    assert 'aria-current="page">2018-19</li>' in crumbs
