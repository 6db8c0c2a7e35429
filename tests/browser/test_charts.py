"""The charts in Chromium: each one draws, hover shows a tooltip, and the page stays offline and error-free."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

STEMS = ["trade_1913_1947", "conferences_1919_1947", "citations", "litvinov_offices"]


@pytest.fixture
def data_page(page, base_url):
    page.goto(f"{base_url}chapters/data.html")
    page.wait_for_function(f"document.querySelectorAll('.chart-plot .main-svg').length >= {len(STEMS)}",
                           timeout=20000)
    return page


def _theme_errors(page, base_url) -> set[str]:
    """Console errors of a page without charts: the theme's own, which the charts must not add to."""
    page.goto(f"{base_url}chapters/principles.html")
    page.wait_for_load_state("load")
    return set(page.console_errors)


def test_every_chart_draws(data_page):
    for stem in STEMS:
        figure = data_page.locator(f"figure#fig-{stem}")
        assert figure.get_attribute("aria-label")
        assert figure.locator(".main-svg").count() >= 1
        assert figure.locator("figcaption .caption-number").inner_text().startswith("Fig.")
    assert data_page.external_requests == []


def test_charts_add_no_console_errors(page, base_url):
    baseline = _theme_errors(page, base_url)
    page.console_errors.clear()
    page.goto(f"{base_url}chapters/data.html")
    page.wait_for_function("document.querySelectorAll('.chart-plot .main-svg').length >= 4", timeout=20000)
    assert [e for e in page.console_errors if e not in baseline] == []
    assert [e for e in page.console_errors if "plotly" in e.lower() or "charts.js" in e] == []
    assert page.external_requests == []


def test_hover_shows_a_tooltip(data_page):
    for stem in STEMS:
        plot = data_page.locator(f"#chart-{stem}")
        point = plot.locator(".scatterlayer .point, .barlayer .point path").first
        point.scroll_into_view_if_needed()
        box = point.bounding_box()
        data_page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        tip = plot.locator(".hoverlayer .hovertext")
        tip.first.wait_for(timeout=5000)
        assert tip.first.text_content().strip(), stem


def test_pages_without_charts_load_no_plotly(page, http_url):
    page.goto(f"{http_url}chapters/wesser.html")
    assert page.locator("script[src*='plotly']").count() == 0
    page.goto(f"{http_url}chapters/data.html")
    assert page.locator("script[src*='plotly']").count() == 1
    assert page.external_requests == []


def test_essay_paragraph_links_to_its_figure_and_back(page, http_url):
    page.goto(f"{http_url}chapters/wesser.html#wesser-5")
    page.click("#wesser-5 .fig-link a[href$='#fig-trade_1913_1947']")
    assert page.evaluate("location.hash") == "#fig-trade_1913_1947"
    figure = page.locator("#fig-trade_1913_1947")
    figure.locator("summary").click()
    back = figure.locator("a[href$='wesser.html#wesser-5']").first
    back.click()
    assert page.evaluate("location.hash") == "#wesser-5"


def test_label_from_data_shows_as_text(data_page):
    import copy

    from edition import charts, data
    from edition_ext import charts as module

    xss = "<img src=x onerror=alert(1)>"
    tables = copy.deepcopy(data.load())
    tables["conferences_1919_1947"][0]["name"] = xss
    spec = charts.conference_figure(tables).to_json()
    cell = module._render_cell(xss, "")
    dialogs = []
    data_page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    shown = data_page.evaluate("""([spec, cell]) => {
        const el = document.createElement('div');
        document.body.appendChild(el);
        const td = document.createElement('td');
        td.innerHTML = cell;
        document.body.appendChild(td);
        const s = JSON.parse(spec);
        return Plotly.newPlot(el, s.data, s.layout).then(() => ({
            images: document.querySelectorAll('img[src="x"]').length,
            tick: Array.from(el.querySelectorAll('.ytick text')).map(t => t.textContent),
            cell: td.textContent,
        }));
    }""", [spec, cell])
    assert shown["images"] == 0
    assert any(xss in t for t in shown["tick"])
    assert shown["cell"] == xss
    assert dialogs == []


def test_a_click_on_an_event_both_essays_discuss_offers_both(data_page):
    plot_id = "chart-conferences_1919_1947"
    # The first marker whose event names paragraphs in both essays, and where it is drawn.
    where = data_page.evaluate("""(id) => {
        const gd = document.getElementById(id);
        const traces = gd.querySelectorAll('.scatterlayer .trace');
        for (let t = 0; t < gd.data.length; t++) {
            const cd = gd.data[t].customdata || [];
            for (let i = 0; i < cd.length; i++) {
                const hrefs = String(cd[i][cd[i].length - 1]).split(' ');
                if (hrefs.some(h => h.includes('wesser')) && hrefs.some(h => h.includes('phillips'))) {
                    traces[t].scrollIntoView({block: 'center'});
                    const box = traces[t].querySelectorAll('.point')[i].getBoundingClientRect();
                    return {x: box.x + box.width / 2, y: box.y + box.height / 2, hrefs: hrefs};
                }
            }
        }
        return null;
    }""", plot_id)
    assert where, "no event in the chronology is discussed in both essays"
    data_page.mouse.click(where["x"], where["y"])
    links = data_page.locator(f"#{plot_id} nav.chart-menu a")
    links.first.wait_for(timeout=5000)
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert [h.split("../", 1)[-1] for h in hrefs] == where["hrefs"]
    assert data_page.evaluate("document.activeElement.closest('nav.chart-menu') !== null")
    data_page.keyboard.press("Escape")
    assert links.count() == 0
