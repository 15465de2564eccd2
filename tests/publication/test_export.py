"""`upheld publish`: a released year's public site as static files that work from disk."""

import datetime
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.publication.datasets import Y2017, build_released_years
from upheld.publication.export import MARKER, NOT_EXPORTED, Exporter, ExportError, file_for, relative
from upheld.releases.freezing import schedule_release
from upheld.years import ReportingYear

LINK = re.compile(r"""\b(?:href|src|action)=["']([^"']*)["']""")


@pytest.fixture
def released(db):
    return build_released_years(scale=0.02)


def publish(year, out):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("publish", "--year", year, "--out", str(out), "--no-progress", stdout=stdout, stderr=stderr)
    assert stderr.getvalue() == ""  # every page, and every file a page names, exported
    return stdout.getvalue()


def hashed(name: str) -> str:
    """A static file's collected name: `upheld/upheld.css` is `upheld/upheld.0123456789ab.css`."""
    stored = staticfiles_storage.stored_name(name)
    assert re.fullmatch(r".*\.[0-9a-f]{12}\.\w+", stored) and stored != name
    return stored


def local_links(root: Path):
    """(page, link) for every link of every exported page that stays on the site."""
    for page in root.rglob("*.html"):
        for link in LINK.findall(page.read_text(encoding="utf-8")):
            if link and not link.startswith(("#", "http:", "https:", "mailto:")):
                yield page, link


def test_file_names_and_relative_links():
    assert file_for("/") == "index.html"
    assert file_for("/councils/sefton/2017-18/") == "councils/sefton/2017-18/index.html"
    assert file_for("/data/2017-18/v1/upheld-2017-18-v1.csv") == "data/2017-18/v1/upheld-2017-18-v1.csv"
    assert file_for("/data/2017-18/table.csv?type=district&q=a b") == "data/2017-18/table--type-district-q-a-b.csv"
    assert relative("councils/sefton/2017-18/index.html", "data/2017-18/index.html") == (
        "../../../data/2017-18/index.html")
    assert relative("index.html", "static/upheld/upheld.css") == "static/upheld/upheld.css"


def test_export_writes_the_years_site_with_relative_links_and_the_same_figures(released, tmp_path):
    """One export of 2018-19 (a crawl of some 2,000 pages and files): 2017-18 comes with it, 2019-20 does not."""
    schedule_release(ReportingYear(2019))  # released, but after the exported year
    out = tmp_path / "site"
    summary = publish("2018-19", out)
    assert re.fullmatch(r"Exported 2018-19 and 1 earlier year: [\d,]+ files, [\d.]+ MB, to .* in [\d.]+ s"
                        r"(; 1 link not exported \(see above\))?\.\n", summary)
    for name in ["index.html", "data/index.html", "data/dictionary/index.html", "data/dictionary.csv",
                 "data/upheld-all-years.csv", "data/datapackage.json",
                 "data/2017-18/index.html", "data/2018-19/index.html", "data/2018-19/revisions.csv",
                 "favicon.ico", *(f"static/{hashed(name)}" for name in (
                     "upheld/upheld.css", "upheld/init.mjs", "upheld/govuk-frontend.min.js", "site/favicon.svg")),
                 *(f"data/{year}/v1/upheld-{year}-v1.{ext}" for ext in ("csv", "xlsx", "ods", "json")
                   for year in ("2017-18", "2018-19"))]:
        assert (out / name).is_file(), name
    assert not [path for path in out.rglob("*") if "2019-20" in str(path.relative_to(out))]
    for name in ("data/upheld-all-years.csv", "data/datapackage.json"):  # every year exported, and no later one
        assert "2017-18" in (out / name).read_text() and "2019-20" not in (out / name).read_text(), name
    for resource in json.loads((out / "data/datapackage.json").read_text())["resources"]:
        assert (out / "data" / resource["path"]).is_file(), resource["path"]  # paths relative to the package

    links = list(local_links(out))
    assert len(links) > 1000
    for page, link in links:
        assert "2019-20" not in link, (page, link)
        if link.startswith("/"):
            assert link.startswith(NOT_EXPORTED), (page, link)  # staff screens, forms and the hub stay live-only
            continue
        target = (page.parent / unquote(urlsplit(link).path)).resolve()
        assert target.is_file(), (page, link)
        assert out.resolve() in target.parents
    # The static files under the hashed names collectstatic gave them (upheld.site.static_storage).
    assert f'href="static/{hashed("upheld/upheld.css")}"' in (out / "index.html").read_text()
    assert f'href="../../static/{hashed("upheld/upheld.css")}"' in (out / "data/2018-19/index.html").read_text()
    assert 'href="../../index.html"' in (out / "data/2018-19/index.html").read_text()

    for year in ("2017-18", "2018-19"):
        stats = io.StringIO()
        call_command("stats", "--year", year, "--json", stdout=stats)
        exported = json.loads((out / f"data/{year}/v1/upheld-{year}-v1.json").read_text())
        assert exported["councils"] == json.loads(stats.getvalue())
    assert (out / "data/2018-19/v1/upheld-2018-19-v1.csv").read_text().startswith("authority: gss,")


def test_only_released_years_are_exported(released, tmp_path):
    schedule_release(ReportingYear(2019), timezone.now() + datetime.timedelta(days=3))
    with pytest.raises(CommandError, match="2019-20 is not released"):
        publish("2019-20", tmp_path / "embargoed")
    assert not (tmp_path / "embargoed").exists()
    with pytest.raises(CommandError, match="not released"):
        publish("2012-13", tmp_path / "never")


def test_an_export_needs_the_static_files_collected_and_says_so(released, tmp_path, settings):
    settings.STATIC_ROOT = tmp_path / "static"  # never collected
    with pytest.raises(CommandError, match=r"the static files are not collected in .*static: run `upheld setup`"):
        publish("2017-18", tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_an_earlier_export_is_replaced_but_other_files_are_not(released, tmp_path):
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    (earlier / MARKER).write_text("2017-18\n")
    (earlier / "stale.html").write_text("old")
    Exporter(Y2017, earlier).check_folder()  # replaced, but only once the new export is whole
    assert (earlier / "stale.html").read_text() == "old"
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(ExportError, match="not empty"):
        Exporter(Y2017, tmp_path / "other").check_folder()
    assert (tmp_path / "other" / "notes.txt").read_text() == "mine"
