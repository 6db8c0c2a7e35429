"""The charts show their data: every figure, value and label; text from the data is escaped; `make charts` is safe."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from collections import Counter

import pytest

from edition import ROOT, charts, data, essays
from edition_ext import charts as charts_ext

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def tables() -> dict:
    return data.load()


def _points(trace) -> list[tuple]:
    return [(x, y) for x, y in zip(trace.x, trace.y) if x is not None]


def test_trade_main_view_is_the_yearly_series_with_gaps_for_missing_years(tables):
    from edition import trade

    fig = charts.trade_figure(tables)
    totals = trade.totals(tables["trade_us_annual"])
    main = [t for t in fig.data if t.meta["view"] == "main"]
    assert [t.meta["flow"] for t in main] == ["us_exports_to_ussr", "us_imports_from_ussr"]
    for trace in main:
        assert trace.visible is not False and trace.connectgaps is False
        for x, y in zip(trace.x, trace.y):
            total = totals.get((int(x[:4]), trace.meta["flow"]))
            assert (y is None) if total is None else y == pytest.approx(total.million), x
    # 1925 exports: RICardo has only special trade, so the year is a gap, and the chart says so.
    assert next(y for x, y in zip(main[0].x, main[0].y) if x.startswith("1925")) is None
    assert any("1925" in a.text and "no exports" in a.text for a in fig.layout.annotations)


def test_other_sources_are_a_labelled_comparison_the_reader_switches_on(tables):
    fig = charts.trade_figure(tables)
    others = [t for t in fig.data if t.meta["view"] == "comparison"]
    for row in tables["trade_1913_1947"]:
        if row["flow"] == "lend_lease_to_ussr":
            continue
        trace = next(t for t in others if (t.meta["series"], t.meta["flow"]) == (row["series"], row["flow"]))
        value = row["value"] * data.UNITS[row["unit"]] / 1e6
        assert (row["period_start"], value) in _points(trace) and (row["period_end"], value) in _points(trace)
        assert charts.PERIODS[row["period_kind"]].split(" (")[0] in trace.name.replace("<br>", " ")
    assert all(t.visible is False for t in others)
    (menu,) = fig.layout.updatemenus
    shown = {b.label: b.args[0]["visible"] for b in menu.buttons}
    views = [t.meta["view"] for t in fig.data]
    assert [v for v, on in zip(views, shown["U.S. yearly series"]) if on] == [v for v in views if v != "comparison"]
    assert all(shown["Add other sources"])


def test_lend_lease_is_one_total_on_its_own_scale(tables):
    fig = charts.trade_figure(tables)
    (trace,) = [t for t in fig.data if t.meta["flow"] == "lend_lease_to_ussr"]
    assert trace.yaxis == "y2"
    assert any("11,300 million dollars in all" in a.text and "no yearly figures" in a.text
               for a in fig.layout.annotations)


def test_trade_events_come_from_data_and_are_marked(tables):
    labels = [a.text for a in charts.trade_figure(tables).layout.annotations]
    for event in tables["trade_events"]:
        assert charts.esc(event["label"]) in labels
    code = (ROOT / "edition" / "charts.py").read_text(encoding="utf-8")
    assert not any(r["claim_id"] in code for r in tables["essay_claims"])


def test_conference_figure_has_every_event_with_its_paragraphs(tables):
    fig = charts.conference_figure(tables)
    markers = [t for t in fig.data if t.mode == "markers"]
    points = {y: (x, cd) for t in markers for x, y, cd in zip(t.x, t.y, t.customdata)}
    rows = tables["conferences_1919_1947"]
    assert len(points) == len(rows)
    for row in rows:
        x, cd = points[charts._event_label(row)]
        assert x == data.partial_date(row["start"])[0].isoformat()
        # The event's rows of data/links.csv: each work's paragraphs in the registry's order, each once.
        links = [r for r in tables["links"] if (r["table"], r["row_id"]) == ("conferences_1919_1947", row["event_id"])]
        pids = [p for w in essays.works() for p in dict.fromkeys(r["paragraph"] for r in links if r["essay"] == w.key)]
        assert cd[-1] == " ".join(charts.para_href(p) for p in pids)  # charts.js offers each on a click
        assert cd[5] == "; ".join(charts.para_label(p) for p in pids)
    assert {t.meta["kind"] for t in markers} == {r["kind"] for r in rows}


def test_linked_tables_have_a_column_per_work_and_depend_on_the_links(tables):
    labels = [w.label for w in essays.works()]
    (events,) = charts.conference_tables(tables)
    offices = charts.offices_tables(tables)[0]
    for table, stem in ((events, "conferences_1919_1947"), (offices, "litvinov_offices")):
        assert [c for c in table.columns if c in labels] == labels, stem
        assert "links" in charts.CHARTS[stem].csvs, stem


def test_citation_figure_counts_every_citation(tables):
    fig = charts.citation_figure(tables)
    for essay in essays.keys():
        rows = [r for r in tables["citations"] if r["essay"] == essay]
        bars = [t for t in fig.data if t.meta["essay"] == essay]
        assert sum(sum(t.x) for t in bars) == len(rows)
        counts = Counter(r["bibkey"] for r in rows)
        for t in bars:
            for n, cd in zip(t.x, t.customdata):
                assert counts[cd[0]] == n
                assert t.meta["kind"] == next(r["kind"] for r in rows if r["bibkey"] == cd[0])


def test_offices_figure_has_every_office_and_milestone(tables):
    fig = charts.offices_figure(tables)
    offices, milestones = fig.data
    assert len(_points(offices)) == 2 * len(tables["litvinov_offices"])
    assert list(milestones.x) == [m["date"] for m in tables["milestones"]]


def test_figures_are_deterministic(tables):
    for spec in charts.CHARTS.values():
        assert spec.figure(tables).to_json() == spec.figure(tables).to_json()


def test_text_from_data_is_escaped_in_figures_and_tables(tables):
    bad = copy.deepcopy(tables)
    bad["conferences_1919_1947"][0]["name"] = XSS
    bad["milestones"][0]["event"] = XSS
    bad["trade_1913_1947"][0]["period_label"] = XSS
    for stem, spec in charts.CHARTS.items():
        text = spec.figure(bad).to_json()
        assert "<img" not in text, stem
    assert "&lt;img src=x onerror=alert(1)&gt;" in charts.offices_figure(bad).to_json()
    assert charts_ext._render_cell(XSS, "") == "&lt;img src=x onerror=alert(1)&gt;"
    assert "<img" not in charts_ext._render_cell([(XSS, "chapters/wesser.html#wesser-1")], "../")


def test_built_page_shows_the_charts_and_escapes_nothing_twice():
    page = ROOT / "_build" / "html" / "chapters" / "data.html"
    if not page.exists():
        pytest.fail("run `make html` first")
    html = page.read_text(encoding="utf-8")
    for stem in charts.CHARTS:
        assert f'id="fig-{stem}"' in html and f'id="chart-{stem}"' in html
    assert "&amp;lt;" not in html


def _run(*args):
    return subprocess.run([sys.executable, "-m", "edition.build_charts", *args], cwd=ROOT, capture_output=True,
                          text=True)


def test_make_charts_refuses_bad_data_and_keeps_the_last_good_charts(tmp_path):
    out = tmp_path / "charts"
    assert _run("--out", str(out), "--no-svg").returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = tmp_path / "data"
    shutil.copytree(ROOT / "data", bad, ignore=shutil.ignore_patterns("sources"))
    shutil.copy(ROOT / "tests" / "fixtures" / "data" / "conferences_end_before_start.csv", bad / "conferences_1919_1947.csv")
    run = _run("--data", str(bad), "--out", str(out), "--no-svg")
    assert run.returncode == 1
    assert "conferences_1919_1947.csv, row 3, column end: end '1919-01-02' is before start" in run.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_make_charts_writes_html_json_and_svg_for_every_chart(tmp_path):
    out = tmp_path / "charts"
    run = _run("--out", str(out))
    assert run.returncode == 0, run.stderr
    for stem in charts.CHARTS:
        assert json.loads((out / f"{stem}.json").read_text())["data"]
        assert (out / f"{stem}.svg").read_text().lstrip().startswith("<svg")
        assert 'src="plotly.min.js"' in (out / f"{stem}.html").read_text()


def test_paragraphs_link_to_the_figures_that_illustrate_them(tables):
    from bs4 import BeautifulSoup

    expected = {}
    for stem, spec in charts.CHARTS.items():
        for pid in spec.paragraphs(tables):
            expected.setdefault(pid, set()).add(f"data.html#fig-{stem}")
    assert expected
    for work in essays.works():
        soup = BeautifulSoup((ROOT / "_build" / "html" / work.page).read_text(encoding="utf-8"), "html.parser")
        for para in soup.select(f"div.para[id^='{work.key}-']"):
            links = {a["href"] for a in para.select(".ed.fig-link a")}
            assert links == expected.get(para["id"], set()), para["id"]
