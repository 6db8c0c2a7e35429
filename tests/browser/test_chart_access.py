"""Charts for every reader: each has a text alternative and a data table, and the table opens by keyboard."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PLOT = ".chart-plot, .plotly-graph-div"
SUMMARY = "figure details > summary"
MAX_TABS = 400


def test_every_chart_has_a_text_alternative_and_a_data_table(page, http_url, chart_page):
    page.goto(http_url + chart_page, wait_until="networkidle")
    plots = page.locator(PLOT)
    assert plots.count() > 0
    for i in range(plots.count()):
        figure = plots.nth(i).locator("xpath=ancestor::figure[1]")
        assert figure.count() == 1, f"chart {i} on {chart_page} is not inside a <figure>"
        name = figure.get_attribute("aria-label") or figure.locator("figcaption").inner_text()
        assert len(name.split()) >= 3, f"chart {i} on {chart_page} has no real text alternative: {name!r}"
        table = figure.locator("details table")
        assert table.count() >= 1, f"chart {i} on {chart_page} has no data table"
        assert table.first.locator("tbody tr").count() >= 1


def test_keyboard_opens_a_charts_data_table(page, http_url, chart_page):
    page.goto(http_url + chart_page, wait_until="networkidle")
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.activeElement.matches(sel)", SUMMARY):
            break
    else:
        pytest.fail(f"Tab never reaches a chart's data table on {chart_page}")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.parentElement.open")
    table = page.locator("figure details[open] table").first
    assert table.is_visible()
