"""The search finds a phrase from each essay and lands on the essay, from a served site and from disk."""

from __future__ import annotations

import re
from urllib.parse import quote_plus

import pytest

pytestmark = pytest.mark.browser

# (essay, words of a phrase found only in that essay)
PHRASES = [("wesser", "democracy across the ocean"), ("phillips", "world view that was apparently unclouded")]


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("essay,phrase", PHRASES)
def test_search_finds_the_phrase_and_lands_on_its_essay(page, base_url, essay, phrase):
    page.goto(f"{base_url}search.html?q={quote_plus(phrase)}")
    page.locator("#search-results ul.search li a").first.wait_for(timeout=10_000)
    # the edition's own chapters may quote the phrase too: the essay must be among the results
    hit = page.locator(f"#search-results ul.search li a[href^='chapters/{essay}.html']")
    assert hit.count() == 1, page.locator("#search-results").inner_text()
    hit.click()
    page.wait_for_load_state()
    assert re.search(rf"chapters/{essay}\.html(\?|#|$)", page.url), page.url
    assert phrase in _normalised(page.locator("article").inner_text())
    assert page.console_errors == []
