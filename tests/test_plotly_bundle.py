"""The charts' plotly.js (npm's basic bundle) is the version the Python package writes figures for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs_version

BUNDLE = Path(__file__).resolve().parent.parent / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"


def test_bundle_matches_the_python_packages_plotly_js():
    if not BUNDLE.exists():
        pytest.fail(f"{BUNDLE} is missing: `make html` installs it (npm ci)")
    header = BUNDLE.read_text(encoding="utf-8")[:300]
    assert re.search(r"plotly\.js \(basic - minified\) v(\S+)", header).group(1) == get_plotlyjs_version()
