"""Subset the theme's icon fonts to the icons the edition shows.

The book theme draws its icons (menu, search, contents, light and dark mode, back to top, admonitions) from
Font Awesome's web fonts; the solid face alone is 156 kB, as much as the rest of an essay page's styles and
scripts. After an HTML build this module rewrites each ``.woff2`` font of the output with only the glyphs
the site can ask for: those of the ``fa-*`` classes in its pages and scripts, and those the theme's
stylesheets name directly. The fonts keep their original timestamp, so two builds stay identical.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from importlib.metadata import version
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from . import purge_css, site_tokens

logger = logging.getLogger(__name__)
FONTS = "_static/vendor/fontawesome/webfonts"
CACHE = "iconfont-cache"  # beside the HTML output
# `.fa-bars:before,.fa-navicon:before{content:"\f0c9"}` in Font Awesome's stylesheet
CLASS_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:{1,2}before,?)+)\{content:"([^"]+)"\}')
# icons the theme's own rules draw, as `content:"\f107"` or `--pst-icon-info-circle:""`
DIRECT = re.compile(r'(?:content|--[a-z0-9-]+)\s*:\s*"(\\[0-9a-fA-F]{4,6}|[\ue000-\uf8ff])"')


def _codepoint(text: str) -> int:
    """The character of a CSS string: ``\\f0c9``, an escaped character (``\\@``) or the character itself."""
    if text.startswith("\\"):
        return int(text[1:], 16) if re.fullmatch(r"[0-9a-fA-F]{1,6}", text[1:]) else ord(text[1])
    return ord(text[0])


def icon_classes(css: str) -> dict[str, int]:
    """Each ``fa-*`` class of the stylesheets and the code point of its icon."""
    return {name: _codepoint(m[2]) for m in CLASS_RULE.finditer(css) for name in re.findall(r"\.(fa-[a-z0-9-]+):", m[1])}


def needed_codepoints(outdir: Path) -> set[int]:
    static = outdir / "_static"
    css = "".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(static.rglob("*.css")))
    classes = icon_classes(css)
    # The pages and scripts PurgeCSS reads (not the citation styles or the search's text, which name no icon),
    # less the theme's icon script (dropped from every page), which names them all.
    files = [p for p in purge_css.content_files(outdir) if "fontawesome" not in p.name]
    used = set().union(*(s.icon_classes for s in site_tokens.scan(outdir, files).values()))
    return {classes[c] for c in used if c in classes} | {_codepoint(t) for t in DIRECT.findall(CLASS_RULE.sub("", css))}


def _original(app: Sphinx, outdir: Path, path: Path) -> Path:
    """The theme's font that ``path`` is a copy of: Sphinx copies the theme's files again only when it reads
    every page, so after an incremental build the output may hold the last build's cut font."""
    rel = path.relative_to(outdir / "_static")
    for folder in app.builder.theme.get_theme_dirs():  # the child theme first, as its files win
        candidate = Path(folder) / "static" / rel
        if candidate.is_file():
            return candidate
    return path


def subset_fonts(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name == "epub":
        return
    outdir = Path(app.outdir)
    fonts = sorted((outdir / FONTS).glob("*.woff2"))
    if not fonts:
        return
    codepoints = needed_codepoints(outdir)
    originals = {path: _original(app, outdir, path) for path in fonts}
    # The cut fonts depend on the theme's fonts, the code points and fontTools: the last cut is kept beside the
    # output under their hash and copied while they are the same (cutting takes a quarter of a second a build).
    digest = hashlib.sha256(f"{sorted(codepoints)} {version('fonttools')}".encode())
    for path in fonts:
        digest.update(path.name.encode() + hashlib.sha256(originals[path].read_bytes()).digest())
    cache = outdir.parent / CACHE
    done = cache / digest.hexdigest()
    if all((done / path.name).exists() for path in fonts):
        for path in fonts:
            shutil.copyfile(done / path.name, path)
        return
    from fontTools import subset  # a quarter of a second to import: only when the fonts are cut
    from fontTools.ttLib import TTFont

    options = subset.Options(flavor="woff2", layout_features=["*"], name_IDs=["*"], notdef_outline=True)
    shutil.rmtree(cache, ignore_errors=True)
    done.mkdir(parents=True)
    for path in fonts:
        font = TTFont(originals[path], recalcTimestamp=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints & set(font.getBestCmap()))
        subsetter.subset(font)
        font.flavor = "woff2"
        font.save(path)
        shutil.copyfile(path, done / path.name)
    logger.info("icon fonts: %d glyphs kept in %d fonts", len(codepoints), len(fonts))


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", subset_fonts, priority=850)  # after purge_css: only the icons of the CSS that stays
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
