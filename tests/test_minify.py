"""The edition's own scripts and stylesheets are minified in the HTML output (_ext/minify.py), nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from edition_ext import minify

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"


def _sources() -> dict[str, Path]:
    return {p.name: p for folder in (ROOT / "_static", ROOT / "_ext") for suffix in ("*.js", "*.css")
            for p in folder.rglob(suffix) if p.name not in minify.NODE_ONLY}


def test_every_own_asset_in_the_site_is_its_source_minified():
    sources = _sources()
    assert {"tooltips.js", "reading.js", "how_to_cite.js", "charts.js", "edition.css", "reading.css"} <= set(sources)
    built = [p for p in (SITE / "_static").rglob("*") if p.name in sources]
    if not built:
        pytest.fail(f"{SITE} has none of the edition's assets: run `make html`")
    for path in built:
        source = sources[path.name]
        assert path.read_bytes() == minify.minified(source), f"{path} is not {source} minified"
        assert path.stat().st_size < source.stat().st_size, path


def test_vendor_files_are_left_alone():
    vendor = SITE / "_static" / "scripts" / "pydata-sphinx-theme.js"
    from pydata_sphinx_theme import __file__ as theme
    shipped = Path(theme).parent / "theme" / "pydata_sphinx_theme" / "static" / "scripts" / "pydata-sphinx-theme.js"
    assert vendor.read_bytes() == shipped.read_bytes()


def test_minify_in_place_and_its_failure(tmp_path):
    (tmp_path / "src" / "_static").mkdir(parents=True)
    (tmp_path / "src" / "_static" / "tooltips.js").write_text("var   answer = 1 + 1;  // a comment\n")
    out = tmp_path / "out" / "_static"
    out.mkdir(parents=True)
    (out / "tooltips.js").write_text("var   answer = 1 + 1;  // a comment\n")
    (out / "vendor.js").write_text("var   kept = 1;\n")
    before, after = minify.minify(tmp_path / "out", tmp_path / "src")
    assert after < before
    assert "comment" not in (out / "tooltips.js").read_text() and "   " not in (out / "tooltips.js").read_text()
    assert (out / "vendor.js").read_text() == "var   kept = 1;\n"
    # minified from the source, not from what the output holds (Sphinx may have left the last build's file)
    (out / "tooltips.js").write_text("stale", encoding="utf-8")
    minify.minify(tmp_path / "out", tmp_path / "src")
    assert "answer" in (out / "tooltips.js").read_text()
    (tmp_path / "src" / "_static" / "tooltips.js").write_text("var = ;\n")
    with pytest.raises(ExtensionError, match="esbuild failed"):
        minify.minify(tmp_path / "out", tmp_path / "src")
