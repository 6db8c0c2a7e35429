"""After a data table changes, `make html` shows the change on every page that draws on it: the chart's
page, and the essay pages whose paragraphs link to the chart ("Fig." links), though those pages' own
sources did not change.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from test_reproducible import NOT_SOURCES, ROOT

CONFERENCES = "data/conferences_1919_1947.csv"


def _make_html(tree) -> None:
    result = subprocess.run(["make", "html", f"VENV={sys.prefix}"], cwd=tree, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"build in {tree} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def _fig_links(tree, essay: str, pid: str) -> list[str]:
    soup = BeautifulSoup((tree / "_build/html/chapters" / f"{essay}.html").read_text(encoding="utf-8"), "html.parser")
    return [a["href"] for a in soup.find(id=pid).select("span.fig-link a")]


@pytest.mark.slow
def test_editing_a_csv_updates_the_essay_pages_that_link_to_its_chart(tmp_path):
    tree = tmp_path / "book"
    shutil.copytree(ROOT, tree, ignore=NOT_SOURCES)
    if (ROOT / "node_modules").exists():
        (tree / "node_modules").symlink_to(ROOT / "node_modules")
    _make_html(tree)
    path = tree / CONFERENCES
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    linked = {p for r in rows for p in r["phillips_paragraphs"].split()}
    pid = next(f"phillips-{n}" for n in range(1, 100) if f"phillips-{n}" not in linked)
    assert not any("fig-conferences" in h for h in _fig_links(tree, "phillips", pid))
    rows[0]["phillips_paragraphs"] = f"{rows[0]['phillips_paragraphs']} {pid}".strip()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    _make_html(tree)
    assert any("fig-conferences_1919_1947" in h for h in _fig_links(tree, "phillips", pid)), pid
