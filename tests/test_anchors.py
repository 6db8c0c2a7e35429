"""Paragraph anchors: unique, in order, and the same as the committed registry says."""

from __future__ import annotations

from collections import Counter

from conftest import HTML, chapter

from edition import essays, paragraphs


def test_paragraph_ids_follow_the_registry(essay):
    reg = [e for e in paragraphs.load().values() if e.essay == essay]
    ids = [div["id"] for div in chapter(essay).select("div.para")]
    assert ids == [e.id for e in reg]
    labels = [div.select_one("a.para-num").get_text() for div in chapter(essay).select("div.para")]
    assert labels == [f"¶ {e.id.split('-', 1)[1]}" for e in reg]


def test_paragraph_numbers_run_from_one_without_gaps(essay):
    numbers = [int(e.number) for e in paragraphs.load().values() if e.essay == essay and e.kind == "text"]
    assert numbers == list(range(1, len(numbers) + 1))


def test_every_permalink_points_at_its_own_paragraph(essay):
    for div in chapter(essay).select("div.para"):
        assert div.select_one("a.para-num")["href"] == f"#{div['id']}"


def test_ids_are_unique_across_the_site():
    ids = Counter()
    for page in HTML.rglob("*.html"):
        if "_static" in page.parts:
            continue
        ids.update(f"{page.name}#{i}" for i in __import__("re").findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))
    assert [k for k, v in ids.items() if v > 1] == []


def test_registry_matches_the_established_text():
    from edition.copytext import parse

    current = [e for name in essays.keys() for e in paragraphs.entries(parse(name))]
    problems, new = paragraphs.compare(current, paragraphs.load())
    assert problems == [] and new == []


def test_registry_detects_a_renumbered_paragraph():
    entries = list(paragraphs.load().values())
    shifted = {e.id: e for e in entries[1:]}
    moved = [paragraphs.Entry(e.id, e.essay, e.number, e.kind, entries[i + 1].opening) for i, e in enumerate(entries[:-1])]
    problems, _ = paragraphs.compare(moved, shifted | {entries[0].id: entries[0]})
    assert problems
