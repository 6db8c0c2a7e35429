"""Rebuilds do only the work an edit calls for: `make chapters` with unchanged inputs writes nothing, the data
are validated once per state of the files, and a `make html` after editing one CSV writes again only the
pages that read it (and those that link to what it draws), not every page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from builds import copy_sources
from edition import metadata
from edition_ext import offline

CHAPTERS = [sys.executable, "-m", "edition.make_chapters"]
VALIDATED = re.compile(r"^edition\.data: validated ", re.M)
# Pages that read neither the chart tables nor the links to the charts: an edit of a chart's CSV leaves them be.
UNRELATED = ["chapters/principles", "chapters/guide", "chapters/bibliography", "chapters/persons", "chapters/glossary",
             "chapters/comparison", "chapters/textual_notes", "chapters/introduction", "chapters/topics"]

# Written by every build: Sphinx's own pages (not documents), and the landing page, which states the offline
# zip's size (_ext/offline.py).
EVERY_BUILD = {"404", "genindex", "search", "index"}


def _mtimes(tree: Path, *folders: str) -> dict[str, int]:
    return {str(p.relative_to(tree)): p.stat().st_mtime_ns for f in folders for p in (tree / f).rglob("*") if p.is_file()}


def _chapters(tree: Path) -> subprocess.CompletedProcess:
    run = subprocess.run(CHAPTERS, cwd=tree, capture_output=True, text=True, env={**os.environ, "EDITION_ROOT": str(tree)})
    assert run.returncode == 0, run.stderr
    return run


def _make_html(tree: Path) -> subprocess.CompletedProcess:
    run = subprocess.run(["make", "html", f"VENV={sys.prefix}"], cwd=tree, capture_output=True, text=True,
                         env={**os.environ, "EDITION_ROOT": str(tree)})
    assert run.returncode == 0, f"{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    return run


def _pages(html: Path) -> dict[str, int]:
    """Each page's modification time. A page written again has a new one; Sphinx's log names each page only
    when it writes them one at a time, not in a parallel build."""
    return {p.relative_to(html).with_suffix("").as_posix(): p.stat().st_mtime_ns for p in html.rglob("*.html")
            if p.relative_to(html).parts[0] not in {"_static", "_sources"}}


def test_make_chapters_writes_nothing_when_its_inputs_are_unchanged(tmp_path):
    tree = copy_sources(tmp_path, "book")
    _chapters(tree)
    before = _mtimes(tree, "chapters", "data", "_build")
    second = _chapters(tree)
    assert "inputs unchanged" in second.stdout
    assert _mtimes(tree, "chapters", "data", "_build") == before, "the second run wrote a file"

    decisions = tree / "data" / "editorial" / "wesser.yml"
    decisions.write_text(decisions.read_text(encoding="utf-8") + "# an edit that changes no decision\n", encoding="utf-8")
    third = _chapters(tree)
    assert "inputs unchanged" not in third.stdout  # an edited input re-derives
    assert _mtimes(tree, "chapters") == {k: v for k, v in before.items() if k.startswith("chapters")}  # same texts

    (tree / "chapters" / "glossary.md").unlink()
    fourth = _chapters(tree)
    assert "wrote chapters/glossary.md" in fourth.stdout  # an output removed or edited by hand is written again
    assert "inputs unchanged" in _chapters(tree).stdout


@pytest.mark.slow
def test_one_validation_per_state_and_only_dependent_pages_written(tmp_path):
    tree = copy_sources(tmp_path, "book")
    cold = _make_html(tree)
    assert len(VALIDATED.findall(cold.stderr)) == 1, cold.stderr  # make chapters, edition.data and Sphinx share it

    again = _make_html(tree)
    assert "inputs unchanged" in again.stdout and not VALIDATED.findall(again.stderr)
    assert "new config" not in again.stdout  # nothing in the configuration changes from one build to the next
    assert "0 added, 0 changed, 0 removed" in again.stdout  # no page read again (a missing PDF used to force one)

    html = tree / "_build" / "html"
    stage = tree / "_build" / "stage" / "_build" / "html"  # where Sphinx writes; publishing keeps unchanged files
    before = _pages(stage)
    events = tree / "data" / "trade_events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace("1927 credits,", "1927 credits (edited),", 1),
                      encoding="utf-8")
    edited = _make_html(tree)
    assert len(VALIDATED.findall(edited.stderr)) == 1, edited.stderr
    written = {p for p, mtime in _pages(stage).items() if before.get(p) != mtime}
    assert "chapters/data" in written and "1927 credits (edited)" in (html / "chapters/data.html").read_text(encoding="utf-8")
    assert not written & set(UNRELATED), written
    # The essays link to the chart, but by its number and place, which the edit left as they were.
    assert written - EVERY_BUILD == {"chapters/data"}, written
    _, folder = offline.names(metadata.edition().version)
    with zipfile.ZipFile(next((html / "_downloads").glob("*-offline.zip"))) as archive:
        assert archive.read(f"{folder}/chapters/data.html") == (html / "chapters/data.html").read_bytes()

    pdf = tree / "_build" / "pdf" / "edition.pdf"  # a PDF built since: the landing page is read again to offer it
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-1.7 stand-in")
    before = _pages(stage)
    offered = _make_html(tree)
    log = re.sub(r"\x1b\[[0-9;]*m", "", offered.stdout)
    assert "0 added, 1 changed, 0 removed" in log and "reading sources... [100%] index" in log
    assert {p for p, mtime in _pages(stage).items() if before.get(p) != mtime} <= EVERY_BUILD
    assert "_downloads/edition.pdf" in (html / "index.html").read_text(encoding="utf-8")
