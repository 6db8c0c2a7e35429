"""The chart directive on a one-page fixture book: good data make a numbered figure, bad data fail the build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from edition import ROOT

BOOK = ROOT / "tests" / "fixtures" / "chartbook"


def build(tmp_path: Path, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", "-D",
                           f"edition_data_dir={data_dir}", str(BOOK), str(tmp_path / "out")],
                          cwd=ROOT, capture_output=True, text=True)


def test_good_data_make_a_numbered_figure_with_table_and_downloads(tmp_path):
    run = build(tmp_path, ROOT / "data")
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<figure aria-label="Trade figures over time."' in html and 'id="fig-trade_1913_1947"' in html
    assert "Fig. 1" in html and "<details" in html
    assert 'href="_static/charts/trade_1913_1947.csv"' in html
    assert (tmp_path / "out" / "_static" / "charts" / "trade_1913_1947.csv").exists()
    assert (tmp_path / "out" / "_static" / "charts" / "plotly.min.js").exists()


def test_bad_data_fail_the_build_naming_file_row_and_column(tmp_path):
    bad = tmp_path / "data"
    shutil.copytree(ROOT / "data", bad, ignore=shutil.ignore_patterns("sources"))
    shutil.copy(ROOT / "tests" / "fixtures" / "data" / "trade_unknown_unit.csv", bad / "trade_1913_1947.csv")
    run = build(tmp_path, bad)
    assert run.returncode != 0
    assert "index.rst:4" in run.stderr
    assert "trade_1913_1947.csv, row 3, column unit: 'billion USD' is not allowed" in run.stderr


def test_pages_are_rewritten_only_when_the_figure_links_they_show_change():
    from types import SimpleNamespace

    from edition_ext import charts

    def env(paragraphs: list[str] | None, number: tuple[int, ...] = (1,)) -> SimpleNamespace:
        found = {"chapters/data": [("trade", "fig-trade", paragraphs)]} if paragraphs is not None else {}
        return SimpleNamespace(edition_charts=found,
                               toc_fignumbers={"chapters/data": {"figure": {"fig-trade": number}}},
                               all_docs={"chapters/data": 0, "chapters/wesser": 0, "chapters/phillips": 0,
                                         "chapters/topic-poland": 0, "chapters/topics": 0})

    def rewritten(before: SimpleNamespace, after: SimpleNamespace) -> list[str]:
        charts.note_links(None, before, set(), set(), set())
        after.edition_figure_links = before.edition_figure_links
        return charts.rewrite_linked_pages(None, after)

    view = "chapters/topic-poland"  # a side-by-side view copies the essays' paragraphs, links and all
    assert rewritten(env(["wesser-3"]), env(["wesser-3"])) == []  # the chart's numbers changed, not its links
    assert rewritten(env(["wesser-3"]), env(["wesser-3", "phillips-8"])) == ["chapters/phillips", view]
    assert rewritten(env(["wesser-3", "phillips-8"]), env(["phillips-8"])) == [view, "chapters/wesser"]
    assert rewritten(env(["wesser-3"]), env(["wesser-3"], (2,))) == [view, "chapters/wesser"]  # renumbered
    assert rewritten(env(["wesser-3"]), env(None)) == [view, "chapters/wesser"]  # the chart's page removed
