"""The charts' plotly.js: bundled from npm's plotly.js at the version the Python package writes figures for,
with every trace type and component the charts use, and a chart that needs more is refused.

That the bundle draws each chart exactly as Plotly's own basic bundle does is
tests/browser/test_plotly_bundle_pixels.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest
from plotly.offline import get_plotlyjs_version

from edition import charts, data
from edition_ext import charts as chart_ext

ROOT = Path(__file__).resolve().parent.parent
SITE_BUNDLE = ROOT / "_build" / "html" / "_static" / "charts" / "plotly.min.js"


def test_sources_match_the_python_packages_plotly_js():
    package = chart_ext.PLOTLY_SOURCES / "package.json"
    if not package.exists():
        pytest.fail(f"{package} is missing: `make html` installs it (npm ci)")
    assert json.loads(package.read_text(encoding="utf-8"))["version"] == get_plotlyjs_version()


def test_the_site_carries_the_bundle_with_its_version_and_licence():
    if not SITE_BUNDLE.exists():
        pytest.fail(f"{SITE_BUNDLE} is missing: run `make html`")
    header = SITE_BUNDLE.read_text(encoding="utf-8")[:300]
    assert re.search(r"plotly\.js v(\S+),", header).group(1) == get_plotlyjs_version()
    assert "MIT licence" in header
    assert SITE_BUNDLE.read_bytes() == chart_ext.plotly_bundle().read_bytes()
    basic = ROOT / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
    assert SITE_BUNDLE.stat().st_size < 0.95 * basic.stat().st_size


def test_every_chart_needs_only_what_the_bundle_holds():
    modules = chart_ext.bundled_modules()
    assert {"scatter", "bar", "annotations", "shapes", "updatemenus", "legend", "fx", "modebar"} <= modules
    assert not {"pie", "calendars", "sliders", "rangeslider"} & modules
    tables = data.load()
    for stem, spec in charts.specs(tables).items():
        assert chart_ext.unbundled(spec.figure(tables).to_plotly_json(), modules) == [], stem


def test_what_a_figure_needs_beyond_the_bundle_is_named():
    modules = chart_ext.bundled_modules()
    fig = go.Figure([go.Pie(values=[1, 2]), go.Scatter(x=[1], y=[1], error_y={"array": [0.1]})])
    fig.update_layout(sliders=[{"steps": [{"label": "a"}]}], xaxis={"rangeslider": {"visible": True}})
    assert chart_ext.unbundled(fig.to_plotly_json(), modules) == ["errorbars", "pie", "rangeslider", "sliders"]
    plain = go.Figure([go.Bar(x=[1], y=[2])], layout={"annotations": [{"text": "a"}]})
    assert chart_ext.unbundled(plain.to_plotly_json(), modules) == []
