"""The PDF download link on the landing page gives the reader the PDF, served and from disk."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest

pytestmark = pytest.mark.browser


def test_pdf_download_link_works(page, base_url):
    page.goto(base_url + "index.html")
    link = page.locator("a[href$='.pdf']")
    if link.count() == 0:
        pytest.fail("the landing page offers no PDF: build it before the HTML (`make pdf html`)")
    href = link.first.evaluate("a => a.href")
    if href.startswith("file:"):
        # from disk the browser ignores `download` (another file is another origin) and opens the PDF itself
        link.first.click()
        page.wait_for_url(href)
        data = Path(url2pathname(urlparse(href).path)).read_bytes()
    else:
        with page.expect_download() as info:
            link.first.click()
        assert info.value.suggested_filename.endswith(".pdf")
        data = Path(info.value.path()).read_bytes()
    assert data[:5] == b"%PDF-"
