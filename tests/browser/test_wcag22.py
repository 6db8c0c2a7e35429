"""WCAG 2.2 AA as axe checks it: its one 2.2 AA rule, ``target-size`` (SC 2.5.8), which axe leaves off by default
and pa11y 9 cannot ask for (its standards stop at WCAG 2.1), on every built page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_targets_are_large_enough_or_spaced(page, axe, http_url, site_page):
    page.goto(http_url + site_page, wait_until="networkidle")
    assert axe(page, rules=["target-size"]) == []


def test_the_rule_runs_and_finds_small_crowded_targets(page, axe):
    page.set_content('<html lang="en"><body><main>' + '<button style="width:10px;height:10px;padding:0;border:0">'
                     'x</button>' * 2 + '</main></body></html>')
    assert [v["id"] for v in axe(page, rules=["target-size"])] == ["target-size"]
