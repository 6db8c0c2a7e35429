"""The build's CSS purge (_ext/purge_css.py): what it touches, what it keeps, and its safelist.

That no page looks different is tests/browser/test_purged_css.py; these checks read the built files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from sphinx.errors import ExtensionError

from edition_ext import minify, purge_css

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"


@pytest.fixture(scope="module")
def manifest() -> dict:
    path = purge_css.full_dir(SITE) / purge_css.MANIFEST
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make html`")
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_theme_css_is_purged_to_less_than_a_third(manifest):
    theme = manifest["_static/styles/pydata-sphinx-theme.css"]
    assert theme["purged_bytes"] < theme["full_bytes"] / 3, theme
    assert (SITE / "_static/styles/pydata-sphinx-theme.css").stat().st_size == theme["purged_bytes"]


def test_our_own_stylesheets_are_never_purged(manifest):
    own = purge_css.own_stylesheets(ROOT)
    assert {"edition.css", "reading.css", "how_to_cite.css", "charts.css"} <= own
    assert not [rel for rel in manifest if Path(rel).name in own]
    sources = {p.name: p for folder in (ROOT / "_static", ROOT / "_ext") for p in folder.rglob("*.css")}
    for built in (SITE / "_static").rglob("*.css"):
        if built.name in sources:
            # minified (_ext/minify.py), never purged: every rule of the source is there
            assert built.read_bytes() == minify.minified(sources[built.name]), f"{built} is not {sources[built.name]}"


def test_dark_mode_and_run_time_rules_are_kept():
    css = (SITE / "_static/styles/pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert 'html[data-theme=dark]' in css
    for kept in (".bs-tooltip-auto", ".tooltip-inner", "dialog"):
        assert kept in css, kept


def test_the_focus_ring_is_kept():
    """PurgeCSS drops a rule whose selector is a bare pseudo-class; purge.js marks them to be kept."""
    css = (SITE / "_static/styles/pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert re.search(r"(^|\})\:focus-visible\{[^}]*outline", css)


def test_unused_rules_are_gone():
    css = (SITE / "_static/styles/pydata-sphinx-theme.css").read_text(encoding="utf-8")
    for gone in (".accordion", ".placeholder-glow", ".ratio-16x9"):
        assert gone not in css, gone


def test_every_safelist_entry_has_a_reason_and_compiles():
    data = purge_css.load_safelist()
    assert data["standard"] and data["greedy"] and data["attributes"] and data["skip_content"]
    for section in ("standard", "greedy"):
        for entry in data[section]:
            re.compile(entry["pattern"])


def test_a_safelist_entry_without_a_reason_is_refused(tmp_path):
    bad = tmp_path / "safelist.yml"
    bad.write_text(yaml.safe_dump({"standard": [{"pattern": "^x-"}]}), encoding="utf-8")
    with pytest.raises(ExtensionError, match=r"safelist.yml: standard entry 1 needs a pattern \(or name\) and a reason"):
        purge_css.load_safelist(bad)


def test_pygments_rules_only_style_highlighted_code():
    """Pages without code skip pygments.css (_ext/lightweight.py): every one of its rules is inside .highlight."""
    css = (purge_css.full_dir(SITE) / "_static/pygments.css").read_text(encoding="utf-8")
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{", re.sub(r"/\*.*?\*/", "", css, flags=re.S))
                 for s in block.split(",")]
    assert selectors and all(".highlight" in s for s in selectors), [s for s in selectors if ".highlight" not in s][:5]


def _tiny_site(tmp_path: Path) -> tuple[Path, Path]:
    src, out = tmp_path / "src", tmp_path / "build" / "html"
    (src / "_static").mkdir(parents=True)
    (out / "_static").mkdir(parents=True)
    (out / "_static" / "vendor.css").write_text(".used{color:red}.spare{color:blue}\n", encoding="utf-8")
    (out / "index.html").write_text('<p class="used">a page</p>\n', encoding="utf-8")
    return src, out


def test_a_rebuild_that_uses_no_new_selector_word_reuses_the_last_purge(tmp_path, monkeypatch):
    src, out = _tiny_site(tmp_path)
    calls = []
    run = purge_css.subprocess.run
    monkeypatch.setattr(purge_css.subprocess, "run", lambda *a, **k: calls.append(a) or run(*a, **k))
    purge_css.purge(out, src)
    assert calls and ".spare" not in (out / "_static" / "vendor.css").read_text(encoding="utf-8")

    # the build copies the theme's stylesheet again and rewrites the page with new words, none of them the CSS's
    (out / "_static" / "vendor.css").write_text(".used{color:red}.spare{color:blue}\n", encoding="utf-8")
    (out / "index.html").write_text('<p class="used">a page with a new sentence</p>\n', encoding="utf-8")
    calls.clear()
    purge_css.purge(out, src)
    assert not calls, "PurgeCSS ran again for words no selector has"
    assert (out / "_static" / "vendor.css").read_text(encoding="utf-8").strip() == ".used{color:red}"
    assert json.loads((purge_css.full_dir(out) / purge_css.MANIFEST).read_text())["_static/vendor.css"]["full_bytes"] > 0

    # a page that uses the spare class: the answer changes, so PurgeCSS runs, on the theme's stylesheet kept in
    # css-full, since the build left the purged one in place (Sphinx copies it again only on a full read)
    (out / "other.html").write_text('<p class="spare">another page</p>\n', encoding="utf-8")
    purge_css.purge(out, src)
    assert calls and ".spare" in (out / "_static" / "vendor.css").read_text(encoding="utf-8")
