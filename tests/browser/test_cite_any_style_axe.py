""""Cite in another style" checked by axe-core while open, in light and dark mode: the search with its list
of matches, then a citation rendered and its Copy button focused; no violation of any impact."""

from __future__ import annotations

import re

import pytest
from tests.browser.conftest import AXE

pytestmark = pytest.mark.browser


def _luminance(css: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+(?:\.\d+)?", css)[:3])
    return sum(w * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4) for w, c in zip((0.2126, 0.7152, 0.0722), (r, g, b)))


def contrast(fg: str, bg: str) -> float:
    """WCAG 2's contrast ratio of two opaque CSS rgb() colours."""
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_dialog_has_no_axe_violation(page, http_url, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{http_url}chapters/wesser.html")
    page.locator("details.how-to-cite summary").click()
    page.get_by_role("button", name="Cite in another style").click()
    search = page.get_by_role("combobox", name="Search the styles by name")
    search.fill("Chicago")
    page.keyboard.press("ArrowDown")
    page.add_script_tag(path=str(AXE))
    check = "async () => (await axe.run('dialog.cite-any')).violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target)])"
    assert page.evaluate(check) == []
    # The chosen option is coloured by the theme in each mode: its contrast is measured here as well.
    colours = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('#cite-any-list [aria-selected=true]'));
                                       return [s.color, s.backgroundColor]; }""")
    assert contrast(*colours) >= 4.5, colours
    page.keyboard.press("Enter")
    page.locator(".cite-any-citation").wait_for()
    assert page.evaluate(check) == []
