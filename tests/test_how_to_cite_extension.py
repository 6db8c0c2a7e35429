"""The how-to-cite extension (with its neighbours) on a small fixture book: a withdrawn paragraph's stub anchor, and a bad
``how-to-cite`` argument reported with its file and line."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from edition import ROOT, essays, metadata, paragraphs

CONF = """
extensions = ["edition_ext.how_to_cite", "edition_ext.retired", "edition_ext.edition_meta"]
html_theme = "basic"
"""


def build(tmp_path, pages: dict[str, str], book=None) -> tuple[str, dict[str, BeautifulSoup]]:
    """Build ``pages`` with the installed extensions, in a fresh process reading the data of ``book``
    (a copy of the edition's data, through EDITION_ROOT) or, by default, of this checkout."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    for name, text in pages.items():
        (src / f"{name}.rst").parent.mkdir(parents=True, exist_ok=True)
        (src / f"{name}.rst").write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "EDITION_ROOT"}
    if book is not None:
        env["EDITION_ROOT"] = str(book)
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-E", "-q", "-N",
                             "-d", str(tmp_path / "doctrees"), str(src), str(tmp_path / "out")],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    out = {name: BeautifulSoup((tmp_path / "out" / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
           for name in pages}
    # A validation that ran logs its one line (edition.data); anything else on stderr is a warning.
    warnings = "".join(line for line in result.stderr.splitlines(keepends=True)
                       if not line.startswith("edition.data: validated "))
    return warnings, out


@pytest.fixture
def book(tmp_path):
    """A copy of the edition's data in which wesser-3 is retired (merged into wesser-4)."""
    root = tmp_path / "book"
    shutil.copytree(ROOT / "data", root / "data")
    for name in ("CITATION.cff", "references.bib"):
        shutil.copy2(ROOT / name, root / name)
    opening = paragraphs.load()["wesser-3"].opening
    retired = root / "data" / "paragraphs_retired.csv"
    retired.write_text("id,essay,opening,reason,replaced_by\n"
                       f'wesser-3,wesser,"{opening}",merged into the next paragraph,wesser-4\n', encoding="utf-8")
    return root


def test_a_withdrawn_paragraph_keeps_a_stub_anchor(tmp_path, book):
    page = essays.get("wesser").docname  # the stubs go on the page that prints the essay
    warnings, out = build(tmp_path, {"index": f"Index\n=====\n\n.. toctree::\n\n   {page}\n",
                                     page: "Wesser\n======\n\nSome text.\n\n.. how-to-cite:: wesser\n"}, book)
    assert warnings == ""
    stub = out[page].find(id="wesser-3")
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
        f"{stem}.{ext}" for stem in ("wesser", "phillips", "edition") for ext in ("bib", "ris", "json", "js"))


def test_once_published_the_meta_tags_give_the_page_s_address():
    from edition_ext.edition_meta import edition_tags, essay_tags

    ed_online = dataclasses.replace(metadata.edition(), url="https://example.org/edition/")
    tags = dict(essay_tags(ed_online, essays.get("phillips")))
    assert tags["citation_public_url"] == "https://example.org/edition/chapters/phillips.html"
    assert tags["citation_fulltext_html_url"] == "https://example.org/edition/chapters/phillips.html"
    assert dict(edition_tags(ed_online))["DC.identifier"] == "https://example.org/edition/"
