"""The editors' own chapters: every footnote is defined and used, every paragraph link has a target.

Sphinx neither warns about a footnote reference without a definition (it prints `[^x]` literally) nor about
an unused definition (it drops it), so both are checked here, on the source and on the built page.
"""

from __future__ import annotations

import csv
import posixpath
import re

import pytest
from bs4 import BeautifulSoup

from edition import ROOT, essays

HTML = ROOT / "_build" / "html"
CHAPTERS = ["introduction", "comparison"]
FOOTREF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTDEF = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)
REF = re.compile(r"\{ref\}`[^`<]*<([^>`]+)>`")


def source(name: str) -> str:
    return (ROOT / "chapters" / f"{name}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_footnote_is_both_referenced_and_defined(name):
    text = source(name)
    refs, defs = set(FOOTREF.findall(text)), FOOTDEF.findall(text)
    assert len(defs) == len(set(defs)), f"chapters/{name}.md: a footnote is defined twice"
    assert refs - set(defs) == set(), f"chapters/{name}.md: footnotes used but not defined"
    assert set(defs) - refs == set(), f"chapters/{name}.md: footnotes defined but never used"


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_footnote_gives_a_url(name):
    for block in re.split(r"\n(?=\[\^[^\]]+\]:)", source(name))[1:]:
        assert re.search(r"<https?://[^>]+>", block), f"chapters/{name}.md: footnote without a URL: {block[:60]!r}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_paragraph_links_name_registered_paragraphs(name):
    with open(ROOT / "data" / "paragraphs.csv", newline="", encoding="utf-8") as fh:
        known = {row["id"] for row in csv.DictReader(fh)} | set(essays.keys())
    targets = REF.findall(source(name))
    assert targets, f"chapters/{name}.md links to no paragraph"
    assert [t for t in targets if t not in known] == []
    assert "{cite" not in source(name), "cite works in plain text until the bibliography is rendered"


@pytest.mark.parametrize("name", CHAPTERS)
def test_built_page_shows_no_raw_footnote_marks_and_links_into_the_essays(name):
    page = HTML / "chapters" / f"{name}.html"
    if not page.exists():
        pytest.fail(f"{page} is missing: run `make html`")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("article.bd-article") or soup.select_one("main")
    assert "[^" not in body.get_text()
    hrefs = [a["href"] for a in body.select("a[href]")]
    for work in essays.works():
        page = re.escape(posixpath.relpath(work.page, "chapters"))
        assert any(re.search(rf"(?:^|/){page}#{work.key}-\d+$", h) for h in hrefs), work.key
