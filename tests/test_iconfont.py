"""The theme's icon fonts in the built site hold every icon its pages use, and little else."""

from __future__ import annotations

import re

from fontTools.ttLib import TTFont

from conftest import HTML, ROOT

from edition_ext import iconfont

FONTS = HTML / iconfont.FONTS


def test_css_strings_give_their_characters():
    assert iconfont._codepoint("\\f0c9") == 0xF0C9
    assert iconfont._codepoint("\\@") == ord("@")
    assert iconfont._codepoint("\uf05a") == 0xF05A
    assert iconfont.icon_classes('.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}') == {
        "fa-bars": 0xF0C9, "fa-navicon": 0xF0C9}


def test_every_icon_a_page_shows_is_in_the_solid_font():
    css = (HTML / "_static/styles/pydata-sphinx-theme.css").read_text(encoding="utf-8")
    classes = iconfont.icon_classes(css)
    shown = {c for page in HTML.rglob("*.html") for c in re.findall(r"\bfa-[a-z0-9-]+", page.read_text(encoding="utf-8"))}
    icons = {classes[c] for c in shown if c in classes}
    assert {classes["fa-magnifying-glass"], classes["fa-bars"], classes["fa-circle-half-stroke"]} <= icons
    kept = set(TTFont(FONTS / "fa-solid-900.woff2").getBestCmap())
    assert icons - kept == set(), sorted(hex(c) for c in icons - kept)


def test_the_fonts_are_cut_down():
    for font in FONTS.glob("*.woff2"):
        assert font.stat().st_size < 10_000, font.name
