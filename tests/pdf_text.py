"""PDFs read back as text with poppler's pdftotext, the way a reader's tools see them.

`make dev` installs poppler-utils, so a missing pdftotext is a broken set-up:
the test fails and says so, rather than skipping and proving nothing.
"""

import shutil
import subprocess

import pytest


def pdf_text(pdf: bytes, *options: str) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is not installed: run `make dev` (installs poppler-utils)")
    return subprocess.run(["pdftotext", *options, "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
