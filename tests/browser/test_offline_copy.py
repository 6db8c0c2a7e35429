"""The offline copy as a teacher would use it: the zip from the landing page, unzipped, opened from file://.

The chart draws, the search finds a passage, the links between pages lead where they say, and nothing is
asked of the network.
"""

from __future__ import annotations

import zipfile

import pytest

from edition import essays, metadata
from edition_ext import offline

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unzipped(site_dir, tmp_path_factory):
    path, folder = offline.names(metadata.version())
    archive = site_dir / path
    if not archive.is_file():
        pytest.fail(f"{archive} is missing: `make html` writes it")
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as z:
        z.extractall(target)
    return target / folder


def test_the_landing_page_opens_and_says_it_is_the_offline_copy(page, unzipped):
    page.goto((unzipped / "index.html").as_uri(), wait_until="networkidle")
    assert "offline copy of version" in page.locator(".offline-copy").inner_text()
    assert page.console_errors == [] and page.external_requests == []


def test_links_between_pages_work(page, unzipped):
    work = essays.works()[-1]
    page.goto((unzipped / "index.html").as_uri(), wait_until="networkidle")
    page.locator(f"article a[href='{work.page}']").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == (unzipped / work.page).as_uri()
    assert page.locator("h1").first.inner_text().startswith(work.title[:20])
    # and back through the sidebar to another chapter
    page.locator("nav.bd-links a[href$='principles.html']").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == (unzipped / "chapters" / "principles.html").as_uri()
    assert page.console_errors == [] and page.external_requests == []


def test_a_chart_draws(page, unzipped):
    page.goto((unzipped / "chapters" / "data.html").as_uri())
    page.wait_for_function("document.querySelectorAll('.chart-plot .main-svg').length >= 1", timeout=30_000)
    assert page.console_errors == [] and page.external_requests == []


def test_the_search_finds_a_passage_and_leads_to_it(page, unzipped):
    page.goto((unzipped / "search.html").as_uri() + "?q=Litvinov")
    result = page.locator(".passage-search__results li a").first
    result.wait_for(timeout=20_000)
    result.click()
    page.wait_for_load_state()
    assert page.url.startswith(unzipped.as_uri() + "/chapters/") and "#" in page.url
    assert page.console_errors == [] and page.external_requests == []
