"""The cross-essay topics as a reader finds them, the page marks' labels and the numbered comparison chapter.

Read from the built HTML (``make html``): every topic has a side-by-side page reachable from the comparison
chapter (through the list of topics) and from every "Compare" line, holding every paragraph the data lists
for it, in full, with its ¶ number and the editors' contrast; topic names from the data are text, never markup.
"""

from __future__ import annotations

import copy
import functools
import re

import pytest
from bs4 import BeautifulSoup
from conftest import HTML, article, chapter, words

from edition import crosslinks, essays, ids

TOPICS = crosslinks.load()


@functools.cache
def page(name: str) -> BeautifulSoup:
    path = HTML / "chapters" / name
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make html`")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_comparison_chapter_leads_to_the_list_of_topics_and_the_list_to_every_view():
    assert page("comparison.html").select_one('a[href="topics.html"]') is not None
    listed = {a["href"] for a in page("topics.html").select(".topic-entry .topic-name a")}
    assert listed == {f"topic-{t.topic_id}.html" for t in TOPICS}
    for topic in TOPICS:
        entry = page("topics.html").find(id=f"topic-{topic.topic_id}")
        assert topic.summary in " ".join(entry.get_text(" ").split()), topic.topic_id


def test_every_compare_line_is_one_folded_line_linking_each_of_its_topics_side_by_side():
    for topic in TOPICS:
        for key, pids in topic.paragraphs.items():
            soup = chapter(key)
            for pid in pids:
                line = soup.find(id=pid).find_next_sibling(class_="compare")
                assert line is not None and line.name == "details", pid
                assert topic.topic in line.summary.get_text(), (pid, topic.topic_id)
                assert line.select_one(f'a[href="topic-{topic.topic_id}.html"]') is not None, (pid, topic.topic_id)
                assert topic.summary in " ".join(line.get_text(" ").split())


def test_a_paragraph_has_at_most_one_compare_line():
    for work in essays.works():
        for div in chapter(work.key).select("div.para"):
            lines = 0
            for sibling in div.find_next_siblings():
                if "para" in sibling.get("class", []) or sibling.name in ("section", "h2", "h3"):
                    break
                lines += "compare" in sibling.get("class", [])
            assert lines <= 1, div["id"]


def test_each_view_prints_every_paragraph_of_its_topic_in_full_with_its_number():
    for topic in TOPICS:
        soup = page(f"topic-{topic.topic_id}.html")
        body = article(soup)
        assert topic.summary in " ".join(body.select_one(".sbs-contrast").get_text(" ").split())
        columns = body.select(".sbs > .sbs-col")
        assert len(columns) == len(topic.paragraphs), topic.topic_id
        for column, (key, pids) in zip(columns, topic.paragraphs.items()):
            work = essays.get(key)
            assert [d["id"] for d in column.select("div.sbs-para")] == pids
            for pid in pids:
                copy_, original = copy.copy(column.find(id=pid)), copy.copy(chapter(key).find(id=pid))
                for tree in (copy_, original):
                    for el in tree.select(".ed, .footnote-reference, sup"):
                        el.decompose()
                assert words(copy_.get_text(" ")) == words(original.get_text(" ")), pid
            labels = [a.get_text() for a in column.select("a.sbs-num")]
            assert labels == [f"{work.label} ¶\u00a0{ids.label_of(p)}" for p in pids]
            assert all(a["href"].startswith(f"{key}.html#") for a in column.select("a.sbs-num"))
            # links that pointed inside the essay page now point at it
            assert not [a["href"] for a in column.select('a[href^="#"]')], topic.topic_id


def test_each_views_notes_are_the_authors_notes_of_its_paragraphs():
    topic = next(t for t in TOPICS if any(chapter(k).find(id=p).select(".footnote-reference")
                                          for k, ps in t.paragraphs.items() for p in ps))
    soup = page(f"topic-{topic.topic_id}.html")
    notes = soup.select(".sbs-note")
    assert notes
    for note in notes:
        href = note.select_one("a.sbs-notenum")["href"]
        key, anchor = href.split(".html#")
        note, original = copy.copy(note), copy.copy(chapter(key).find(id=anchor))
        for tree in (note, original):
            for el in tree.select(".ed, .label"):
                el.decompose()
        assert words(note.get_text(" ")) == words(original.get_text(" ")), href


def test_a_topic_name_from_the_data_stays_text():
    topic = crosslinks.Topic("x", "Bullitt *and* [House] & $1 #2", {}, "s")
    myst = crosslinks.pages([topic])[next(p for p in crosslinks.pages([topic]) if p.name == "topic-x.md")]
    title = next(line for line in myst.splitlines() if line.startswith("# "))
    assert "\\*and\\*" in title and "\\[House\\]" in title


def test_a_topic_name_carrying_myst_is_refused():
    from edition import safe_text

    topic = crosslinks.Topic("x", "Bullitt {ref}`y`", {}, "s")
    with pytest.raises(safe_text.UnsafeText, match="MyST role or directive"):
        crosslinks.pages([topic])


def test_page_marks_say_they_are_the_editions_count():
    for work in essays.works():
        marks = chapter(work.key).select("span.pb")
        assert marks, work.key
        for mark in marks:
            assert mark["role"] == "doc-pagebreak"
            assert "as the edition counts" in mark["aria-label"], mark["id"]
            assert re.fullmatch(r"‖p\.\u202f\d+ \(ed\.\)", mark.get_text()), mark.get_text()


def test_the_comparison_chapter_is_numbered_like_the_essays():
    paras = article(page("comparison.html")).select("div.para")
    assert len(paras) > 20
    assert [d["id"] for d in paras] == [f"comparison-{n}" for n in range(1, len(paras) + 1)]
    for n, div in enumerate(paras, start=1):
        num = div.select_one("a.para-num")
        assert num.get_text() == f"¶ {n}" and num["href"] == f"#comparison-{n}"
