"""Where the keyboard is, a reader sees it: Tab through a page, and every control it reaches shows a focus ring.

Each focused element must draw an outline or a box-shadow at least 2 CSS px thick whose colour has a contrast
of at least 3:1 with what is behind the element (WCAG 2.2 SC 2.4.7 Focus Visible; 3:1 and 2 px are the
measures of SC 2.4.13 Focus Appearance and SC 1.4.11 Non-text Contrast), in light and dark mode, at desktop
and phone widths (where the sidebar toggles are the way in), and inside the search dialog.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MAX_TABS = 2500
MIN_CONTRAST = 3.0
MIN_WIDTH = 2.0
# A ring is measured once drawn: the theme fades some in over 0.15 s.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

# Runs in the page: what the focused element draws, and the colour behind it.
FOCUS_RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  // the colour behind the element: the first opaque background among its ancestors, blended down to the page
  let behind = null, node = el.parentElement, layers = [];
  while (node) { const c = parse(getComputedStyle(node).backgroundColor); if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } node = node.parentElement; }
  behind = layers.length && layers[layers.length - 1][3] >= 1 ? layers.pop() : (document.documentElement.dataset.theme === 'dark' ? [18, 18, 18, 1] : [255, 255, 255, 1]);
  while (layers.length) { const c = layers.pop(); behind = [0, 1, 2].map(i => c[i] * c[3] + behind[i] * (1 - c[3])).concat([1]); }
  const cs = getComputedStyle(el);
  const rings = [];
  if (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) {
    const c = parse(cs.outlineColor); if (c && c[3] > 0) rings.push({kind: 'outline', width: parseFloat(cs.outlineWidth), contrast: contrast(c, behind)});
  }
  if (cs.boxShadow && cs.boxShadow !== 'none') {
    for (const part of cs.boxShadow.split(/,(?![^(]*\\))/)) {
      const c = parse(part); const lens = (part.replace(/rgba?\\([^)]*\\)/, '').match(/-?[\\d.]+px/g) || []).map(parseFloat);
      const width = Math.max(lens[3] || 0, (lens[2] || 0) / 2);
      if (c && c[3] > 0) rings.push({kind: 'box-shadow', width, contrast: contrast(c, behind)});
    }
  }
  const r = el.getBoundingClientRect();
  const id = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  return {id, visible: r.width > 0 && r.height > 0, rings, key: el.tagName + '|' + (el.getAttribute('class') || '') + '|' + (el.getAttribute('role') || '')};
}"""


def _tab_through(page, limit=MAX_TABS) -> list[dict]:
    """Tab from the top until focus comes round again; what each newly focused element draws."""
    seen, out, first = set(), [], None
    for _ in range(limit):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring is None:
            if first is not None:
                break  # focus left the document: the round is done
            continue
        handle = page.evaluate("() => document.activeElement.outerHTML.slice(0, 160)")
        if first is None:
            first = handle
        elif handle == first:
            break
        if handle not in seen:
            seen.add(handle)
            out.append(ring)
    return out


def _faults(rings: list[dict]) -> list[str]:
    faults = []
    for r in rings:
        good = [x for x in r["rings"] if x["width"] >= MIN_WIDTH and x["contrast"] >= MIN_CONTRAST]
        if not good:
            faults.append(f"{r['id']}: {r['rings'] or 'no outline or box-shadow'}")
    return sorted(set(faults))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("target", ["index.html", "chapters/wesser.html", "chapters/data.html"])
def test_every_focused_control_shows_a_ring(page, http_url, target, width, scheme):
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    page.goto(http_url + target, wait_until="networkidle")
    page.wait_for_function(f"document.documentElement.dataset.theme === '{scheme}'")
    page.add_style_tag(content=NO_TRANSITIONS)
    rings = _tab_through(page)
    assert len(rings) > 10, f"Tab reached only {len(rings)} elements on {target}"
    faults = _faults(rings)
    assert not faults, f"{len(faults)} controls show no focus ring:\n" + "\n".join(faults)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_dialog_shows_focus(page, http_url, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(http_url + "chapters/wesser.html", wait_until="networkidle")
    page.wait_for_function(f"document.documentElement.dataset.theme === '{scheme}'")
    page.add_style_tag(content=NO_TRANSITIONS)
    page.keyboard.press("Control+k")
    page.locator("#pst-search-dialog[open]").wait_for()
    page.keyboard.type("Litvinov")
    rings = [page.evaluate(FOCUS_RING)]
    for _ in range(6):
        page.keyboard.press("Tab")
        rings.append(page.evaluate(FOCUS_RING))
    faults = _faults([r for r in rings if r])
    assert not faults, "\n".join(faults)
