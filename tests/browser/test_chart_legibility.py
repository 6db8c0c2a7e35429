"""Every chart reads without hovering, on a 1280-pixel screen and on a 390-pixel phone, measured from the SVG.

From the bounding boxes Chromium gives every SVG text, annotation, button, legend and marker: no text
leaves the figure or covers another, no label is cut short with "…", no annotation or button covers another, no marker is
clipped at the edge of its plot area, the legend covers no plot area and no annotation. The caption's
colour passes 4.5:1 against its background. A chart the chart list (data/charts.csv) gives to phones as a
table is hidden there, and its lists show every row of its tables instead, no wider than the screen.
"""

from __future__ import annotations

import pytest

from edition import charts, data

pytestmark = pytest.mark.browser

WIDTHS = [1280, 390]

MEASURE = """(id) => {
  const el = document.getElementById(id);
  const box = r => ({x0: r.left, y0: r.top, x1: r.right, y1: r.bottom});
  const visible = n => { const r = n.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const fig = box(el.getBoundingClientRect());
  const texts = Array.from(el.querySelectorAll('svg text')).filter(t => !t.closest('.hoverlayer'))
      .filter(t => t.textContent.trim() && visible(t))
      .map(t => ({text: t.textContent, ...box(t.getBoundingClientRect())}));
  const annotations = Array.from(el.querySelectorAll('g.annotation')).filter(visible)
      .map(a => ({text: a.textContent, ...box((a.querySelector('.annotation-text-g') || a).getBoundingClientRect())}));
  const buttons = Array.from(el.querySelectorAll('.updatemenu-button')).filter(visible)
      .map(b => ({text: b.textContent, ...box(b.getBoundingClientRect())}));
  const areas = Array.from(el.querySelectorAll('.draglayer .nsewdrag')).map(d => box(d.getBoundingClientRect()));
  const markers = Array.from(el.querySelectorAll('.scatterlayer .trace')).filter(visible).flatMap(t =>
      Array.from(t.querySelectorAll('.point')).filter(visible).map(p => box(p.getBoundingClientRect())));
  const legend = el.querySelector('.legend');
  return {fig, texts, annotations, buttons, areas, markers,
          legend: legend && visible(legend) ? box(legend.querySelector('.bg').getBoundingClientRect()) : null};
}"""

CONTRAST = """(fig) => {
  const cap = document.querySelector(fig + ' figcaption');
  const rgb = s => s.match(/[\\d.]+/g).map(Number);
  let node = cap, bg = null;
  while (node && !bg) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] > 0) { bg = c; }
    node = node.parentElement;
  }
  bg = bg || [255, 255, 255];
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const a = lum(rgb(getComputedStyle(cap).color)), b = lum(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def _overlap(a: dict, b: dict, slack: float = 1.0) -> bool:
    return min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > slack and min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > slack


def _inside(inner: dict, outer: dict, slack: float = 1.0) -> bool:
    return (inner["x0"] >= outer["x0"] - slack and inner["y0"] >= outer["y0"] - slack
            and inner["x1"] <= outer["x1"] + slack and inner["y1"] <= outer["y1"] + slack)


@pytest.fixture(scope="module")
def specs() -> dict:
    return charts.specs(data.load())


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("stem", [r["stem"] for r in data.load()["charts"]])
def test_chart_is_legible_without_hovering(browser, http_url, specs, stem, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{http_url}chapters/data.html")
    page.wait_for_function("document.querySelectorAll('.chart-plot .main-svg').length >= 4", timeout=30000)
    page.wait_for_timeout(500)  # Plotly redraws once after the responsive resize
    figure = page.locator(f"#fig-{stem}")
    contrast = page.evaluate(CONTRAST, f"#fig-{stem}")
    assert contrast >= 4.5, f"{stem}: caption contrast {contrast:.2f}:1"
    if width < 600 and specs[stem].phone == "table":
        assert not figure.locator(".chart-plot").is_visible()
        items = figure.locator(".chart-phone ol > li")
        assert items.count() == sum(len(t.rows) for t in specs[stem].tables(data.load())) > 0
        assert items.first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "the list is wider than the phone"
        page.close()
        return
    views = [page.evaluate(MEASURE, f"chart-{stem}")]
    # A chart with buttons (the trade chart's second view) is measured in every view a reader can choose.
    buttons = page.locator(f"#chart-{stem} .updatemenu-button")
    for i in range(1, buttons.count()):
        buttons.nth(i).click()
        page.wait_for_timeout(800)
        views.append(page.evaluate(MEASURE, f"chart-{stem}"))
    page.close()
    for n, m in enumerate(views):
        _check(m, f"{stem} at {width}px, view {n + 1}")


def _check(m: dict, where: str) -> None:
    assert m["texts"], where
    cut = [t["text"] for t in m["texts"] if "…" in t["text"]]
    assert not cut, f"{where}: labels cut short: {cut}"
    outside = [t["text"] for t in m["texts"] if not _inside(t, m["fig"])]
    assert not outside, f"{where}: text outside the figure: {outside}"
    over = [(a["text"], b["text"]) for i, a in enumerate(m["texts"]) for b in m["texts"][i + 1:] if _overlap(a, b, 2)]
    assert not over, f"{where}: text over text: {over[:3]}"
    boxes = m["annotations"] + m["buttons"]
    clashes = [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:] if _overlap(a, b)]
    assert not clashes, f"{where}: annotations over each other: {clashes}"
    clipped = [mk for mk in m["markers"] if not any(_inside(mk, area) for area in m["areas"])]
    assert not clipped, f"{where}: {len(clipped)} marker(s) clipped at an axis end: {clipped[:3]}"
    if m["legend"]:
        assert _inside(m["legend"], m["fig"]), f"{where}: legend outside the figure"
        covered = [a for a in m["areas"] if _overlap(m["legend"], a)]
        assert not covered, f"{where}: legend covers a plot area"
        over = [a["text"] for a in m["annotations"] if _overlap(m["legend"], a)]
        assert not over, f"{where}: legend covers annotations {over}"
