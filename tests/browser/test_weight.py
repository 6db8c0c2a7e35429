"""What a reader downloads: any page at most 0.45 MB, a chart page at most 1.6 MB, plotly.js only with charts.

The budgets are issue 12's for an essay page and the chart page, held by every page; ``make bench`` reports
the same pages' weights beside a stock Jupyter Book's.

Bytes are counted as Chromium received them from the local server (no compression), so the figures
are an upper bound on what a web server would send.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE_BUDGET = 450_000
CHART_PAGE_BUDGET = 1_600_000
CHART = ".js-plotly-plot"


def test_page_weight_is_within_budget(page, http_url, site_page):
    page.goto(http_url + site_page, wait_until="networkidle")
    received = page.received_bytes
    total = sum(received.values())
    has_chart = page.locator(CHART).count() > 0
    budget = CHART_PAGE_BUDGET if has_chart else PAGE_BUDGET
    largest = sorted(received.items(), key=lambda item: -item[1])[:5]
    assert total <= budget, f"{site_page} requests {total:,} bytes (budget {budget:,}); largest: {largest}"
    if not has_chart:
        assert not [url for url in received if "plotly" in url.rsplit("/", 1)[-1]], f"{site_page} loads plotly.js without a chart"
