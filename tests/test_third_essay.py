"""A third work is a data change: a fixture edition with three works builds from data files alone.

``tests/fixtures/third_essay/`` holds only what an editor adds for a new work (README, "Adding an essay"):
the copy-text and its checksum, its decisions, its entry in the registry, its place in the table of
contents and the review of its notes. The test lays those files over a copy of the book's data and
prose (no code is copied: the installed package builds it), registers the new paragraphs, builds the
HTML and reads the new chapter as a reader would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "third_essay"
CODE = {"edition", "_ext", "scripts", "tests", ".ci", ".github"}  # the installed package is the code
BIN = Path(sys.executable).parent


def _run(args: list[str], tree: Path) -> None:
    run = subprocess.run(args, cwd=tree, capture_output=True, text=True, env={**os.environ, "EDITION_ROOT": str(tree)})
    assert run.returncode == 0, f"{' '.join(args)} failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    tree = tmp_path_factory.mktemp("third") / "book"
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in tracked:
        if name.split("/", 1)[0] not in CODE:
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, tree / name)
    for path in FIXTURE.rglob("*"):
        if path.is_file() and path.name != "SOURCE.md":
            target = tree / path.relative_to(FIXTURE)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    (tree / "node_modules").symlink_to(ROOT / "node_modules")
    _run([sys.executable, "-m", "edition.make_chapters", "--add-new"], tree)
    _run([str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going"], tree)
    return tree


def test_the_fixture_touches_few_files():
    files = [p for p in FIXTURE.rglob("*") if p.is_file() and p.name != "SOURCE.md"]
    assert len(files) <= 8, files


@pytest.mark.slow
def test_the_third_work_is_registered_and_printed(book):
    registry = (book / "data" / "paragraphs.csv").read_text(encoding="utf-8")
    assert "hull-1,hull,1,text," in registry and "hull-3,hull,3,text," in registry
    soup = BeautifulSoup((book / "_build/html/chapters/hull.html").read_text(encoding="utf-8"), "html.parser")
    assert [d["id"] for d in soup.select("div.para")] == ["hull-1", "hull-2", "hull-3"]
    assert soup.select_one("#hull-1 a.para-num").get_text() == "¶ 1"
    text = " ".join(soup.select_one("#hull-1").get_text(" ").split())
    assert "194. Please take the earliest possible occasion" in text
    # The author's note has its stable anchor and links both ways.
    assert soup.select_one("#hull-n1") is not None and soup.select_one("#hull-n1-ref") is not None
    assert soup.select_one("#how-to-cite-hull") is not None
    tags = {m["name"]: m["content"] for m in soup.select("meta[name]")}
    assert tags["citation_author"] == "Hull, Cordell"
    # The page is the reprint (a book section of the edition): its date is the release, the original's is described.
    assert tags["citation_inbook_title"].startswith("Two Essays")
    assert "1939" in tags["DC.description"] and tags["citation_publication_date"] != "1939/10/11"


@pytest.mark.slow
def test_the_other_works_are_unchanged_by_the_third(book):
    for key in ("wesser", "phillips"):
        assert (book / "chapters" / f"{key}.md").read_bytes() == (ROOT / "chapters" / f"{key}.md").read_bytes()
    cite = (book / "_build/html/cite/hull.bib").read_text(encoding="utf-8")
    assert "Hull, Cordell" in cite


@pytest.mark.slow
def test_the_search_indexes_the_third_work_and_offers_it_as_a_filter(book):
    script = (book / "_build/html/_static/passage_search/passages.js").read_text(encoding="utf-8")
    index = json.loads(script[script.index("=") + 1:].rstrip().rstrip(";"))
    anchors = {p["u"] for p in index["passages"] if p["w"] == "hull"}
    assert {"chapters/hull.html#hull-1", "chapters/hull.html#hull-3", "chapters/hull.html#hull-n1"} <= anchors
    assert [w["key"] for w in index["works"]][-1] == "hull"
    soup = BeautifulSoup((book / "_build/html/search.html").read_text(encoding="utf-8"), "html.parser")
    assert "hull" in [o["value"] for o in soup.select("form[data-eager] select[name=work] option")]


@pytest.mark.slow
def test_the_landing_page_lists_the_third_work_from_the_registry(book):
    soup = BeautifulSoup((book / "_build/html/index.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("table.edition-works")
    assert [th.get_text(strip=True) for th in table.select("thead th")][-1] == "Hull (1939)"
    title = table.select("tbody tr")[0].select("td")[-1].select_one("a")
    assert title["href"].endswith("chapters/hull.html") and title.get_text(strip=True).startswith("The Secretary of State")
