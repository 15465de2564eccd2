"""`upheld publish`: a released year's public site as static files that work from disk."""

import datetime
import filecmp
import io
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.publication.datasets import Y2017, Y2018, build_few_councils, remove_committed
from upheld.authorities.models import Authority
from upheld.casework.models import Case
from upheld.letters import batch
from upheld.publication import export
from upheld.publication.export import MANIFEST, MARKER, NOT_EXPORTED, Exporter, ExportError, file_for, relative
from upheld.releases.freezing import revise, schedule_release
from upheld.years import ReportingYear

LINK = re.compile(r"""\b(?:href|src|action)=["']([^"']*)["']""")
# A council of each type, one of them abolished in 2019 (Christchurch): the whole site of a few councils, so that
# an export takes seconds.
COUNCILS = ("E08000014", "E10000016", "E09000007", "E06000023", "E07000078", "E07000048")


@pytest.fixture(scope="module")
def released(django_db_setup, django_db_blocker):
    """Two years released, and a third after them, in a register of a few councils (`build_few_councils`):
    committed, because the export's workers are processes of their own, which see only what is committed;
    removed once the module's tests are done."""
    with django_db_blocker.unblock():
        undo = build_few_councils(COUNCILS)
        yield
        remove_committed(undo)


def publish(year, out):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("publish", "--year", year, "--out", str(out), "--no-progress", stdout=stdout, stderr=stderr)
    # GOV.UK Frontend's stylesheet names an image the branded build leaves out (no crown): nothing else may be missing.
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


def test_export_writes_the_years_site_with_relative_links_and_the_same_figures(released, db, tmp_path):
    """One export of 2018-19: 2017-18 comes with it, 2019-20 (released, but after the exported year) does not."""
    out = tmp_path / "site"
    summary = publish("2018-19", out)
    assert re.fullmatch(r"Exported 2018-19 and 1 earlier year: [\d,]+ files, [\d.]+ MB, to .* in [\d.]+ s"
                        r"(; 1 link not exported \(see above\))?\.\n", summary)
    for name in ["index.html", "data/index.html", "data/dictionary/index.html", "data/dictionary.csv",
                 "data/upheld-all-years.csv", "data/datapackage.json",
                 "data/2017-18/index.html", "data/2018-19/index.html", "data/2018-19/revisions.csv",
                 "favicon.ico", *(f"static/{hashed(name)}" for name in (
                     "upheld/upheld.css", "upheld/init.mjs", "upheld/govuk-frontend.min.js", "site/favicon.svg")),
                 "councils/sefton/2017-18/letter.pdf", "councils/sefton/2018-19/letter.html",
                 *(f"data/{year}/v1/upheld-{year}-v1.{ext}" for ext in ("csv", "xlsx", "ods", "json")
                   for year in ("2017-18", "2018-19"))]:
        assert (out / name).is_file(), name
    assert not [path for path in out.rglob("*") if "2019-20" in str(path.relative_to(out))]
    # Nor what stays on the live site, though the sitemap the crawl starts from lists the scrutiny hub's pages.
    assert not [path for path in out.rglob("*") if f"/{path.relative_to(out).as_posix()}".startswith(NOT_EXPORTED)]
    for name in ("data/upheld-all-years.csv", "data/datapackage.json"):  # every year exported, and no later one
        assert "2017-18" in (out / name).read_text() and "2019-20" not in (out / name).read_text(), name
    for resource in json.loads((out / "data/datapackage.json").read_text())["resources"]:
        assert (out / "data" / resource["path"]).is_file(), resource["path"]  # paths relative to the package

    links = list(local_links(out))
    assert len(links) > 500
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


def test_only_released_years_are_exported(released, db, tmp_path):
    schedule_release(ReportingYear(2020), timezone.now() + datetime.timedelta(days=3))
    with pytest.raises(CommandError, match="2020-21 is not released"):
        publish("2020-21", tmp_path / "embargoed")
    assert not (tmp_path / "embargoed").exists()
    with pytest.raises(CommandError, match="not released"):
        publish("2012-13", tmp_path / "never")


def test_an_earlier_export_is_replaced_but_other_files_are_not(released, db, tmp_path):
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


def same_files(one: Path, other: Path) -> None:
    names = sorted(str(path.relative_to(one)) for path in one.rglob("*") if path.is_file())
    assert names == sorted(str(path.relative_to(other)) for path in other.rglob("*") if path.is_file())
    assert filecmp.cmpfiles(one, other, names, shallow=False)[1:] == ([], [])


def test_the_export_is_the_same_in_parallel_serially_and_after_a_revision_incrementally(
        released, django_db_blocker, tmp_path):
    """Forked workers, one process, or an earlier export brought up to date: the same files, byte for byte. Over
    an export of the same public state nothing is rendered again. After one council's revision the update renders
    what depends on it (not the letters of the year before) and links the rest from the earlier export."""
    with django_db_blocker.unblock():
        first = Exporter(Y2018, tmp_path / "serial", workers=1).run()
        Exporter(Y2018, tmp_path / "parallel", workers=2).run()
        again = Exporter(Y2018, tmp_path / "serial", workers=2).run()  # over the first, nothing having changed
    same_files(tmp_path / "serial", tmp_path / "parallel")
    assert first.rendered > 50 and first.unchanged == 0
    assert (again.rendered, again.unchanged, again.files) == (0, first.rendered, first.files)
    manifest = json.loads((tmp_path / "parallel" / MANIFEST).read_text())
    assert manifest["files"]["councils/sefton/2017-18/letter.pdf"] and "index.html" in manifest["files"]
    unrevised, revised = (tmp_path / "parallel" / f"councils/sefton/{label}/letter.pdf"
                          for label in ("2017-18", "2018-19"))
    before = {path: (path.stat().st_ino, path.read_bytes()) for path in (unrevised, revised)}

    with django_db_blocker.unblock():
        Case.objects.create(reference="REVISED-1", authority=Authority.objects.get(gss="E08000014"),
                            received=datetime.date(2018, 5, 1), category="housing", synthetic=True)
        assert revise(Y2018, "A complaint about Sefton was left out.") is not None
        update = Exporter(Y2018, tmp_path / "parallel", workers=2)  # the earlier export, brought up to date
        update.run()
        Exporter(Y2018, tmp_path / "afresh", workers=1).run()
    same_files(tmp_path / "parallel", tmp_path / "afresh")
    assert "/councils/sefton/2017-18/letter.html" in update.unchanged  # its key is its figures version's
    assert {f"/data/2017-18/v1/upheld-2017-18-v1.{extension}" for extension in ("csv", "xlsx", "ods", "json")} <= (
        update.unchanged.keys())  # the open data's, its edition's
    assert "/data/2018-19/v1/upheld-2018-19-v1.ods" not in update.unchanged  # it names the newest version
    assert "/councils/sefton/2018-19/letter.html" not in update.unchanged
    assert "/councils/sefton/2017-18/" not in update.unchanged  # its trend shows 2018-19
    assert unrevised.stat().st_ino == before[unrevised][0]  # linked from the earlier export, not written again
    assert revised.read_bytes() != before[revised][1]
    assert (tmp_path / "parallel" / "data/2018-19/v2/upheld-2018-19-v2.csv").is_file()


def test_a_letter_upheld_letters_typeset_is_exported_without_typesetting_it_again(released, db, tmp_path,
                                                                                  monkeypatch):
    batch.run(Y2018, "pdf", tmp_path / "letters", code="E08000014", progress=False)
    typeset = []
    monkeypatch.setattr(export, "render_pdf", lambda letter: typeset.append(letter.filename("pdf")) or b"%PDF-")
    Exporter(Y2018, tmp_path / "site", workers=1).run()
    written = tmp_path / "letters" / "E08000014-sefton-2018-19.pdf"
    assert (tmp_path / "site/councils/sefton/2018-19/letter.pdf").read_bytes() == written.read_bytes()
    assert written.name not in typeset and "E08000014-sefton-2017-18.pdf" in typeset


def test_an_export_needs_the_static_files_collected_and_says_so(released, db, tmp_path, settings):
    settings.STATIC_ROOT = tmp_path / "static"  # never collected
    with pytest.raises(CommandError, match=r"the static files are not collected in .*static: run `upheld setup`"):
        publish("2017-18", tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_workers_are_one_or_more(released, db, tmp_path):
    with pytest.raises(CommandError, match="--workers must be 1 or more"):
        call_command("publish", "--year", "2018-19", "--out", str(tmp_path / "site"), "--workers", "0")
    assert not (tmp_path / "site").exists()


def test_a_rendering_process_that_dies_stops_the_export_and_says_so(released, django_db_blocker, tmp_path,
                                                                    monkeypatch):
    """A process killed while it renders (out of memory, a signal) stops the export with one line, where it once
    waited for its pages for ever; nothing is written."""
    real = export.page_links

    def dying(exporter, url, content, kind):
        if url == "/guide/":
            os._exit(1)
        return real(exporter, url, content, kind)

    monkeypatch.setattr(export, "page_links", dying)
    with django_db_blocker.unblock(), pytest.raises(ExportError, match="a process of the export stopped before"):
        Exporter(Y2018, tmp_path / "site", workers=2).run()
    assert not (tmp_path / "site").exists()
