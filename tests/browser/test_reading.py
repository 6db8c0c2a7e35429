"""Reading the essays in a real browser: permalinks land on their paragraph; notes go and come back."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("essay,para", [("wesser", 12), ("phillips", 30)])
def test_permalink_lands_on_its_paragraph(page, base_url, essay, para):
    page.goto(f"{base_url}chapters/{essay}.html#{essay}-{para}")
    target = page.locator(f"#{essay}-{para}")
    assert target.evaluate("el => el.matches(':target')")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    assert target.locator("a.para-num").inner_text() == f"¶ {para}"


def test_footnote_link_goes_and_comes_back(page, base_url):
    page.goto(f"{base_url}chapters/phillips.html")
    page.click("#phillips-n41-ref")
    assert page.evaluate("location.hash") == "#phillips-n41"
    assert "Harriman" in page.locator("#phillips-n41").inner_text()
    page.click('#phillips-n41 a[role="doc-backlink"]')
    assert page.evaluate("location.hash") == "#phillips-n41-ref"
