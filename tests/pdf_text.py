"""PDFs read back as text with poppler's pdftotext, the way a reader's tools see them.

`make dev` installs poppler-utils, so a missing pdftotext is a broken set-up:
the test fails and says so, rather than skipping and proving nothing.
"""

import io
import shutil
import subprocess

import pikepdf
import pytest


def pdf_text(pdf: bytes, *options: str) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is not installed: run `make dev` (installs poppler-utils)")
    return subprocess.run(["pdftotext", *options, "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, white space collapsed (pdftotext ends every page with a form feed)."""
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        count = len(opened.pages)
    pages = pdf_text(pdf).split("\f")[:count]
    assert len(pages) == count
    return [" ".join(page.split()) for page in pages]


def pdf_metadata(pdf: bytes) -> dict[str, str]:
    """The title, subject and keywords of the document information, and the XMP title and description."""
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        found = {name: str(opened.docinfo.get(f"/{name}", "")) for name in ("Title", "Subject", "Keywords")}
        with opened.open_metadata() as xmp:
            found["dc:title"], found["dc:description"] = xmp.get("dc:title", ""), xmp.get("dc:description", "")
    return found
