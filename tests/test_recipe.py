"""The data package as one download, and the "redraw this chart yourself" recipe run on it, outside the repository.

The built site's zip is unpacked into an empty folder; it must hold datapackage.json, every CSV it
describes, the README and the recipe, and validate there as a Frictionless package. The recipe, run there
with this Python, must write its chart, and draw each year's total exactly as the edition's chart does.
"""

from __future__ import annotations

import math
import runpy
import subprocess
import sys
import zipfile
from pathlib import Path

import frictionless
import pytest
from bs4 import BeautifulSoup

from edition import ROOT, data, trade

SITE = ROOT / "_build" / "html"
ZIP = SITE / "_static" / "charts" / "edition-data.zip"


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory) -> Path:
    if not ZIP.exists():
        pytest.fail(f"{ZIP} is missing: run `make html` first (`make test` does)")
    folder = tmp_path_factory.mktemp("download")
    with zipfile.ZipFile(ZIP) as zf:
        zf.extractall(folder)
    return folder / "edition-data"


def test_the_data_page_offers_the_whole_package():
    page = (SITE / "chapters" / "data.html").read_text(encoding="utf-8")
    assert 'href="../_static/charts/edition-data.zip"' in page
    assert "redraw_trade.py" not in page or "pivot_table" in page  # the recipe is shown in full


def test_the_zip_holds_the_package_and_validates_on_its_own(unpacked):
    names = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()}
    described = {r["path"] for r in data.descriptor()["resources"]}
    assert names == described | {"datapackage.json", "README.md", "redraw_trade.py"}
    report = frictionless.Package(str(unpacked / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])[:5]


def test_the_zip_is_the_same_on_every_build():
    with zipfile.ZipFile(ZIP) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_recipe_redraws_the_main_view_from_the_download(unpacked):
    run = subprocess.run([sys.executable, "redraw_trade.py"], cwd=unpacked, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (unpacked / "trade_chart.html").stat().st_size > 1000
    cwd = Path.cwd()
    try:
        import os

        os.chdir(unpacked)
        fig = runpy.run_path("redraw_trade.py")["fig"]
    finally:
        os.chdir(cwd)
    totals = trade.totals(data.load()["trade_us_annual"])
    drawn = 0
    for flow, scatter in zip(("us_exports_to_ussr", "us_imports_from_ussr"), fig.data):
        for year, y in zip(scatter.x, scatter.y):
            t = totals.get((int(year), flow))
            if t is None:
                assert math.isnan(y), f"{year} {flow}: the recipe draws a value the data do not have"
            else:
                assert y == pytest.approx(t.million), (year, flow)
                drawn += 1
    assert drawn == len(totals)


def test_the_data_chapter_prints_the_recipe_the_zip_carries():
    # The page prints the script from its one file (edition_ext.recipe): the words on the page are the file's.
    from edition import ROOT

    chapter = (ROOT / "chapters" / "data.md").read_text(encoding="utf-8")
    assert ":::{recipe} redraw_trade.py" in chapter and "import plotly" not in chapter
    block = BeautifulSoup((SITE / "chapters" / "data.html").read_text(encoding="utf-8"), "html.parser") \
        .select_one("div.edition-recipe pre")
    script = (ROOT / "data" / "redraw_trade.py").read_text(encoding="utf-8")
    assert block.get_text() == script
