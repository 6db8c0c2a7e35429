"""After a data table changes, `make html` shows the change on every page that draws on it: the chart's
page, and the essay pages whose paragraphs link to the chart ("Fig." links), though those pages' own
sources did not change.
"""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup

from builds import copy_sources, make_html

LINKS = "data/links.csv"


def _fig_links(tree, essay: str, pid: str) -> list[str]:
    soup = BeautifulSoup((tree / "_build/html/chapters" / f"{essay}.html").read_text(encoding="utf-8"), "html.parser")
    return [a["href"] for a in soup.find(id=pid).select("span.fig-link a")]


@pytest.mark.slow
def test_editing_a_csv_updates_the_essay_pages_that_link_to_its_chart(tmp_path):
    tree = copy_sources(tmp_path, "book")
    make_html(tree)
    path = tree / LINKS
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    linked = {r["paragraph"] for r in rows if r["table"] == "conferences_1919_1947"}
    pid = next(f"phillips-{n}" for n in range(1, 100) if f"phillips-{n}" not in linked)
    assert not any("fig-conferences" in h for h in _fig_links(tree, "phillips", pid))
    event = next(r["row_id"] for r in rows if r["table"] == "conferences_1919_1947")
    rows.append({"table": "conferences_1919_1947", "row_id": event, "essay": "phillips", "paragraph": pid, "locator": ""})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    make_html(tree)
    assert any("fig-conferences_1919_1947" in h for h in _fig_links(tree, "phillips", pid)), pid
