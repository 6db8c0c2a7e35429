"""The yearly U.S. trade series: totals computed, never typed; bad rows refused; claims decided by the data.

Bad input is tested as an editor would make it: a copy of data/ with one table changed, checked by the
one validation module, and by `make charts`, which must refuse it and leave the last good charts.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from edition import ROOT, charts, data, trade

ANNUAL = ROOT / "data" / "trade_us_annual.csv"


@pytest.fixture(scope="module")
def tables() -> dict:
    return data.load()


def _rows(path: Path = ANNUAL) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, rows: list[dict]) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def test_every_cell_comes_from_ricardo_with_volume_page_file_and_line(tables):
    for row in tables["trade_us_annual"]:
        assert row["source_title"] == "Foreign Commerce and Navigation of the United States"
        assert row["source_volume_year"] >= row["year"] and row["page"]
        assert re.fullmatch(r"data/flows/ForeignCommerceAndNavigationOfTheUnitedStates_\d{4}\.csv", row["ricardo_file"])
        assert row["ricardo_file"].endswith(f"_{row['source_volume_year']}.csv")
        assert len(row["ricardo_commit"]) == 40 and row["ricardo_line"] >= 2


def test_no_total_is_typed_and_parts_add_up_in_code(tables):
    rows = tables["trade_us_annual"]
    # A year is printed either as one line for the whole country or as European and Asiatic Russia, never both.
    by_year: dict = {}
    for r in rows:
        by_year.setdefault((r["year"], r["flow"]), set()).add(r["part"])
    assert set(map(frozenset, by_year.values())) <= {frozenset({"whole"}), frozenset({"european", "asiatic"})}
    totals = trade.totals(rows)
    t1930 = totals[(1930, "us_exports_to_ussr")]
    assert [r["part"] for r in t1930.rows] == ["european", "asiatic"]
    assert t1930.usd == (111362 + 3037) * 1000
    assert t1930.arithmetic() == "111,362 + 3,037 = 114,399 thousand USD"


def test_cells_filled(tables):
    totals = trade.totals(tables["trade_us_annual"])
    years = range(1914, 1939)
    missing = [(y, f) for y in years for f in ("us_exports_to_ussr", "us_imports_from_ussr") if (y, f) not in totals]
    assert missing == [(1925, "us_exports_to_ussr")]
    text = " ".join((ROOT / "chapters" / "data.md").read_text(encoding="utf-8").split())
    m = re.search(r"The yearly series fills (\d+) of the (\d+) cells \((\d+) years, two flows\)", text)
    assert m and (int(m[1]), int(m[2]), int(m[3])) == (len(totals), 2 * len(years), len(years)), m and m[0]


def test_the_licence_is_the_sources_own_with_its_attribution():
    res = data.resource("trade_us_annual")
    assert [lic["name"] for lic in res["licenses"]] == ["ODbL-1.0", "DbCL-1.0"]
    attribution = ("Béatrice Dedinger, & Paul Girard. (2017). RICardo dataset 2017.12 (Version 2017.12) [Data set]. "
                   "Zenodo. http://doi.org/10.5281/zenodo.1119592")
    assert any(src["title"] == attribution for src in res["sources"])
    assert attribution in res["description"]


def test_a_resource_without_its_licence_is_refused(tmp_path):
    desc = data.descriptor()
    for res in desc["resources"]:
        if res["name"] == "trade_us_annual":
            res["licenses"] = [{"name": "CC-BY-4.0", "path": data.LICENCES["CC-BY-4.0"], "title": "CC BY"}, {"name": "x"}]
    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps(desc), encoding="utf-8")
    problems = [str(p) for p in data.check_descriptor(path)]
    assert any("resource trade_us_annual has licences ['CC-BY-4.0', 'x']" in p and "ODbL-1.0, DbCL-1.0" in p
               for p in problems)


def _changed(tmp_path, change) -> list[str]:
    rows = _rows()
    change(rows)
    path = _write(tmp_path / "trade_us_annual.csv", rows)
    return [str(p) for p in data.check_table("trade_us_annual", path)]


def _at(rows, year, flow, part) -> dict:
    return next(r for r in rows if (r["year"], r["flow"], r["part"]) == (str(year), flow, part))


def test_a_year_out_of_range_is_refused(tmp_path):
    problems = _changed(tmp_path, lambda rows: _at(rows, 1914, "us_exports_to_ussr", "european").update(year="1950"))
    assert any("row 2, column year: '1950' is not allowed; expected a whole number, from 1913 to 1947" in p
               and "Fix: check the figure or date against its source" in p for p in problems), problems


def test_a_part_without_the_other_part_is_refused(tmp_path):
    problems = _changed(tmp_path, lambda rows: rows.remove(_at(rows, 1930, "us_exports_to_ussr", "asiatic")))
    assert any("trade_us_annual.csv, row " in p and "column part: 1930 us_exports_to_ussr has the part(s) european "
               "without asiatic" in p and "Fix: add the row for asiatic" in p for p in problems), problems


def test_a_unit_that_does_not_match_is_refused(tmp_path):
    problems = _changed(tmp_path, lambda rows: _at(rows, 1930, "us_exports_to_ussr", "asiatic").update(unit="USD"))
    assert any("column unit: 1930 us_exports_to_ussr: parts in different units ['USD', 'thousand USD']" in p
               and "Fix: give every part of one year in the unit the source prints it in" in p for p in problems)
    problems = _changed(tmp_path, lambda rows: _at(rows, 1930, "us_exports_to_ussr", "asiatic").update(unit="rubles"))
    assert any("column unit: 'rubles' is not allowed" in p and "Fix: use a known unit" in p for p in problems)


def test_a_year_and_flow_that_appear_twice_are_refused(tmp_path):
    def whole_and_parts(rows):
        rows.append(dict(_at(rows, 1930, "us_exports_to_ussr", "european"), part="whole", partner="ussr"))
    problems = _changed(tmp_path, whole_and_parts)
    assert any("column part: 1930 us_exports_to_ussr appears twice" in p and "Fix: keep one figure per year and flow"
               in p for p in problems), problems

    def same_row_twice(rows):
        rows.append(dict(_at(rows, 1934, "us_exports_to_ussr", "whole")))
    problems = _changed(tmp_path, same_row_twice)
    assert any("column year, flow, part: duplicate key" in p and "each row needs its own (year, flow, part)" in p
               for p in problems), problems


def test_bad_trade_data_publish_nothing_and_keep_the_last_good_charts(tmp_path):
    out = tmp_path / "charts"
    run = [sys.executable, "-m", "edition.build_charts", "--out", str(out), "--no-svg"]
    assert subprocess.run(run, cwd=ROOT, capture_output=True).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = tmp_path / "data"
    shutil.copytree(ROOT / "data", bad, ignore=shutil.ignore_patterns("sources"))
    rows = _rows()
    _at(rows, 1930, "us_exports_to_ussr", "asiatic").update(unit="USD")
    _write(bad / "trade_us_annual.csv", rows)
    done = subprocess.run(run + ["--data", str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert "trade_us_annual.csv, row " in done.stderr and "column unit" in done.stderr and "Fix:" in done.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_the_twentyfold_claim_is_decided_by_the_data_with_its_arithmetic(tables):
    check = next(c for c in tables["claim_checks"] if c["claim_id"] == "wesser-trade-02")
    verdict, sums = trade.verdict(check, tables["trade_us_annual"])
    claim = next(c for c in tables["essay_claims"] if c["claim_id"] == "wesser-trade-02")
    assert verdict == claim["verdict"] == "roughly_supported"
    assert "114,399 ÷ 7,617 = 15.0-fold" in sums and "25% off" in sums
    claims_table = charts.trade_tables(tables)[-1]
    assert any(sums in row for row in claims_table.rows)


def test_a_verdict_the_data_contradict_fails_the_check(tmp_path):
    bad = tmp_path / "data"
    shutil.copytree(ROOT / "data", bad, ignore=shutil.ignore_patterns("sources"))
    rows = _rows(bad / "essay_claims.csv")
    next(r for r in rows if r["claim_id"] == "wesser-trade-02")["verdict"] = "supported"
    _write(bad / "essay_claims.csv", rows)
    problems = [str(p) for p in data.validate(bad)]
    assert any("claim_checks.csv, row 2, column claim_id: data/essay_claims.csv gives wesser-trade-02 the verdict "
               "'supported', but the data give 'roughly_supported' (1930: 111,362 + 3,037" in p
               and "Fix: write verdict 'roughly_supported'" in p for p in problems), problems


def test_the_edition_s_other_figures_are_compared_and_their_measures_named(tables):
    compare = charts.trade_tables(tables)[1]
    by = {(r[0], r[2][:20], r[1]): r for r in compare.rows}
    kelley = next(r for k, r in by.items() if k[0] == "1934")
    assert kelley[3] == "14.867" and kelley[4] == "15.011" and kelley[5] == "-0.144"
    assert "does not say whether re-exports are included" in kelley[6] and "general trade" in kelley[6]
    battle = [r for r in compare.rows if r[0] == "1937" and r[2] == "U.S. Department of Commerce"]
    assert {r[5] for r in battle} == {"+0.000"}
    assert any("imports for consumption" in r[2] and r[0] == "1937" for r in compare.rows)


SNAKE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")


@pytest.mark.parametrize("stem", [r["stem"] for r in data.load()["charts"]])
def test_hover_texts_speak_the_readers_language(tables, stem):
    fig = charts.specs(tables)[stem].figure(tables)
    for trace in fig.data:
        template = trace.hovertemplate or ""
        shown = {int(i) for i in re.findall(r"customdata\[(\d+)\]", template)}  # what the reader sees
        texts = [re.sub(r"%\{[^}]*\}", "", template), trace.name or ""]
        texts += [str(cd[i]) for cd in (trace.customdata or []) for i in shown]
        found = sorted({m for t in texts for m in SNAKE.findall(t)})
        assert not found, f"{stem}: internal names in hover text: {found}"


def test_printed_captions_say_nothing_about_hovering_or_clicking():
    text = (ROOT / "chapters" / "data.md").read_text(encoding="utf-8")
    captions = re.findall(r"^:caption: (.*)$", text, flags=re.M)
    assert len(captions) == len(data.load()["charts"])
    for caption in captions:
        assert not re.search(r"\b(hover\w*|click\w*|tap\w*|mouse)\b", caption, flags=re.I), caption


def test_print_draws_the_main_view_without_buttons(tables):
    fig = charts.trade_figure(tables)
    printed = charts.static(fig)
    assert fig.layout.updatemenus and not printed.layout.updatemenus
    assert [t.visible for t in printed.data] == [t.visible for t in fig.data]
