"""The citing extensions on a small fixture book: a withdrawn paragraph's stub anchor, and a bad
``how-to-cite`` argument reported with its file and line."""

from __future__ import annotations

import io
import sys

import pytest
from bs4 import BeautifulSoup

from edition import metadata, registry

CONF = f"""
import sys
sys.path.insert(0, {str(metadata.ROOT / '_ext')!r})
extensions = ["citing", "retired", "edition_meta"]
html_theme = "basic"
"""


def build(tmp_path, pages: dict[str, str]) -> tuple[str, dict[str, BeautifulSoup]]:
    from sphinx.application import Sphinx

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    for name, text in pages.items():
        (src / f"{name}.rst").write_text(text, encoding="utf-8")
    warnings = io.StringIO()
    app = Sphinx(str(src), str(src), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html",
                 status=None, warning=warnings, freshenv=True)
    app.build()
    out = {name: BeautifulSoup((tmp_path / "out" / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
           for name in pages}
    return warnings.getvalue(), out


@pytest.fixture
def retired_csv(tmp_path, monkeypatch):
    opening = registry.load()["wesser-3"].opening
    path = tmp_path / "paragraphs_retired.csv"
    path.write_text("id,essay,opening,reason,replaced_by\n"
                    f'wesser-3,wesser,"{opening}",merged into the next paragraph,wesser-4\n', encoding="utf-8")
    monkeypatch.setattr(registry, "RETIRED", path)
    return path


def test_a_withdrawn_paragraph_keeps_a_stub_anchor(tmp_path, retired_csv):
    warnings, out = build(tmp_path, {"index": "Index\n=====\n\n.. toctree::\n\n   wesser\n",
                                     "wesser": "Wesser\n======\n\nSome text.\n\n.. how-to-cite:: wesser\n"})
    assert warnings == ""
    stub = out["wesser"].find(id="wesser-3")
    assert stub is not None and "retired-para" in stub["class"]
    assert stub.find_parent(class_="ed") is not None
    assert "has been withdrawn: merged into the next paragraph." in stub.get_text()
    assert stub.find("a")["href"] == "#wesser-4"
    assert out["index"].find(id="wesser-3") is None


def test_a_bad_how_to_cite_argument_names_file_and_line(tmp_path):
    warnings, _ = build(tmp_path, {"index": "Index\n=====\n\nText.\n\n.. how-to-cite:: wessre\n"})
    assert "index.rst:6" in warnings and "'wessre' is not one of wesser, phillips, edition" in warnings


def test_the_fixture_build_writes_the_downloads(tmp_path):
    build(tmp_path, {"index": "Index\n=====\n\n.. how-to-cite:: edition\n"})
    assert sorted(p.name for p in (tmp_path / "out" / "cite").iterdir()) == sorted(
        f"{stem}.{ext}" for stem in ("wesser", "phillips", "edition") for ext in ("bib", "ris", "json"))


@pytest.fixture(autouse=True)
def _restore_path():
    saved = list(sys.path)
    yield
    sys.path[:] = saved


def test_once_published_the_meta_tags_give_the_page_s_address():
    sys.path.insert(0, str(metadata.ROOT / "_ext"))
    from edition_meta import edition_tags, essay_tags

    from test_cite import ED_ONLINE, PHILLIPS

    tags = dict(essay_tags(ED_ONLINE, PHILLIPS))
    assert tags["citation_fulltext_html_url"] == "https://example.org/edition/chapters/phillips.html"
    assert tags["DC.relation"].endswith("https://example.org/edition/.")
    assert dict(edition_tags(ED_ONLINE))["DC.identifier"] == "https://example.org/edition/"
