"""The PDF download link on the landing page gives the reader the PDF, served and from disk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def _has_pdf_target() -> bool:
    return re.search(r"^pdf:", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M) is not None


def test_pdf_download_link_works(page, base_url):
    page.goto(base_url + "index.html")
    link = page.locator("a[href$='.pdf']")
    if link.count() == 0:
        if not _has_pdf_target():
            pytest.skip("the edition has no PDF yet (no `make pdf` target)")
        pytest.fail("the landing page offers no PDF: build it before the HTML (`make pdf html`)")
    with page.expect_download() as info:
        link.first.click()  # headless Chromium downloads a PDF it is sent to
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"
