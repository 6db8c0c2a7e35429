"""Discovery on the built site (``_build/html``, built without a public address as ``make test`` builds it):
schema.org JSON-LD, robots.txt, the 404 page, no sitemap or OpenGraph without an address, and the offline
zip that the landing page offers. The same features with an address are tested on a fixture build in
tests/test_deploy.py."""

from __future__ import annotations

import json
import zipfile

import pytest
from bs4 import BeautifulSoup
from conftest import HTML

from edition import essays, metadata
from edition_ext import offline

ED = metadata.edition()
# A budget for the offline copy: what a school platform or a teacher's e-mail accepts without trouble.
ZIP_BUDGET = 40_000_000


def page(path: str) -> BeautifulSoup:
    file = HTML / path
    if not file.exists():
        pytest.fail(f"{file} is missing: run `make html`")
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def json_ld(soup: BeautifulSoup) -> dict:
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1, "one JSON-LD record per page"
    return json.loads(scripts[0].string)


def test_the_landing_page_describes_the_edition_as_a_book_with_every_work_as_a_chapter():
    record = json_ld(page("index.html"))
    assert record["@context"] == "https://schema.org" and record["@type"] == "Book"
    assert record["name"] == ED.title and record["version"] == ED.version
    assert record["datePublished"] == ED.released.isoformat()
    assert record["license"] == ED.license_url
    assert "editor" not in record and "publisher" not in record  # CITATION.cff names no one yet
    parts = {part.get("url"): part for part in record["hasPart"]}
    for work in essays.works():
        part = parts[work.page]
        assert part["@type"] == "Chapter" and part["name"] == work.title
        assert part["author"]["name"] == work.author.full
        original = part["isBasedOn"]
        assert original["name"] == work.title and original["datePublished"].startswith(work.year)
        if work.publisher:
            assert original["publisher"]["name"] == work.publisher
    # Every chapter of the book, in reading order, and each one a page that exists.
    assert [p["position"] for p in record["hasPart"]] == list(range(1, len(record["hasPart"]) + 1))
    for part in record["hasPart"]:
        assert (HTML / part["url"]).is_file(), part["url"]


@pytest.mark.parametrize("work", essays.works(), ids=lambda w: w.key)
def test_each_works_page_describes_it_as_a_chapter_based_on_the_original(work):
    record = json_ld(page(work.page))
    assert record["@type"] == "Chapter" and record["name"] == work.title
    assert record["isPartOf"]["@type"] == "Book" and record["isPartOf"]["name"] == ED.title
    assert record["isBasedOn"]["@type"] == ("Report" if work.kind == "report" else "CreativeWork")
    if work.series:
        assert record["isBasedOn"]["isPartOf"]["name"] == work.series
        assert record["isBasedOn"]["reportNumber"] == work.number


def test_json_ld_is_escaped_for_its_script_element():
    for path in ["index.html", *(w.page for w in essays.works())]:
        raw = (HTML / path).read_text(encoding="utf-8")
        body = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
        assert "<" not in body and "&" not in body, path


def test_robots_txt_allows_everything_and_names_no_sitemap_without_an_address():
    assert (HTML / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    assert not (HTML / "sitemap.xml").exists()


def test_without_an_address_no_page_claims_one():
    for path in ["index.html", *(w.page for w in essays.works())]:
        soup = page(path)
        assert soup.find("link", rel="canonical") is None, path
        assert soup.find("meta", property="og:url") is None, path


def test_the_404_page_links_absolutely_so_it_works_at_any_depth():
    soup = page("404.html")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.find("h1", string="Page not found") is not None
    links = [a["href"] for a in soup.select("article a[href]")]
    assert "/index.html" in links and "/search.html" in links
    assets = [t.get("href") or t.get("src") for t in soup.select("link[rel=stylesheet], script[src]")]
    assert assets and all(a.startswith("/_static/") for a in assets), assets


def test_the_landing_page_offers_the_offline_copy_with_its_size():
    path, _ = offline.names(ED.version)
    link = page("index.html").select_one(".offline-copy a")
    assert link["href"] == path and (HTML / path).is_file()
    size = (HTML / path).stat().st_size
    assert f"({size / 1e6:.1f} MB)" in link.parent.get_text()
    assert size < ZIP_BUDGET, f"the offline copy is {size / 1e6:.1f} MB, over its budget of {ZIP_BUDGET / 1e6:.0f} MB"


def test_the_offline_copy_holds_the_whole_site_and_says_what_it_is():
    path, folder = offline.names(ED.version)
    with zipfile.ZipFile(HTML / path) as archive:
        assert archive.testzip() is None  # every entry's CRC-32 holds
        names = set(archive.namelist())
        index = archive.read(f"{folder}/index.html").decode("utf-8")
        changed = [n for n in names if n != f"{folder}/index.html"
                   and archive.read(n) != (HTML / n.split("/", 1)[1]).read_bytes()]
    assert changed == [], "the offline copy differs from the site in these files"
    built = {p.relative_to(HTML).as_posix() for p in HTML.rglob("*") if p.is_file()}
    expected = {f"{folder}/{p}" for p in built - offline.SERVER_ONLY if not offline.OWN_ZIPS.fullmatch(p)}
    assert names == expected
    assert all(n.startswith(f"{folder}/") for n in names)
    assert "offline copy of version" in index and path not in index
