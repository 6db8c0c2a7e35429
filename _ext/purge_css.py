"""Remove the theme's unused CSS after every HTML build, with PurgeCSS.

The book theme ships one stylesheet for every possible site (Bootstrap, version switchers, announcement
banners, MyST-NB and sphinx-design widgets): 397 kB on every page, most of it unused here. When the HTML
build has written every page, this module runs PurgeCSS (npm ``purgecss``, pinned in package.json) over the
vendor stylesheets of the output's ``_static/``: a rule is kept when a class, id, tag or attribute of its
selector occurs in a built page or a script that a page loads (theme, plotly.js, the edition's own), or when
``purge_css_assets/safelist.yml`` keeps it (classes and attributes that scripts put together at run time,
each with its reason). The edition's own stylesheets (any ``.css`` in ``_static/`` or ``_ext/`` of the
sources) are never touched.

PurgeCSS takes two seconds, and most rebuilds do not change its answer: it depends only on the stylesheets,
the safelist, PurgeCSS itself and which of the stylesheets' words the site uses (``site_tokens`` reads them,
only from files a build rewrote). Under the hash of those, the last answer is kept beside the output in
``purge-cache/`` and used again while they are the same.

The unpurged stylesheets are kept beside the output, in ``css-full/`` next to the ``html/`` folder (the
Makefile publishes it as ``_build/css-full``), with a manifest of both versions' hashes, so that the pixel
test (tests/browser/test_purged_css.py) can show every page with the full and with the purged CSS. The EPUB
is left alone: its theme's stylesheet is Sphinx's small ``epub.css``, and a reading system is no browser to
compare in.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import yaml
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from . import minify, site_tokens

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
ASSETS = HERE / "purge_css_assets"
SCRIPT = ASSETS / "purge.js"
SAFELIST = ASSETS / "safelist.yml"
FULL = "css-full"  # beside the HTML output: the stylesheets as the theme shipped them
MANIFEST = "manifest.json"
CACHE = "purge-cache"  # beside the HTML output: the last purge's stylesheets, under the hash of what they depend on
SIZES = "sizes.json"


def full_dir(outdir: Path) -> Path:
    """Where the unpurged stylesheets of the HTML output ``outdir`` are kept."""
    return Path(outdir).parent / FULL


def own_stylesheets(srcdir: Path) -> set[str]:
    """The file names of the edition's own stylesheets: every ``.css`` in the sources' _static/ and in _ext/."""
    return {name for name in minify.own_assets(srcdir) if name.endswith(".css")}


def vendor_stylesheets(outdir: Path, own: set[str]) -> list[Path]:
    return sorted(p for p in (Path(outdir) / "_static").rglob("*.css") if p.name not in own)


def load_safelist(path: Path = SAFELIST) -> dict:
    """The safelist's patterns, attributes and skipped files; an entry without a reason is refused."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for section in ("standard", "greedy", "attributes", "skip_content"):
        for n, entry in enumerate(data.get(section) or [], 1):
            if not str(entry.get("reason", "")).strip() or not (entry.get("pattern") or entry.get("name")):
                raise ExtensionError(f"{path}: {section} entry {n} needs a pattern (or name) and a reason")
            if "pattern" in entry and section != "skip_content":
                re.compile(entry["pattern"])
    return data


def used_variables(scans: list[site_tokens.Scan]) -> list[str]:
    """Custom properties named anywhere outside the vendor stylesheets (our CSS, pages, scripts): kept."""
    return sorted(set().union(*(s.variables for s in scans)))


def content_files(outdir: Path, safelist: dict | None = None) -> list[Path]:
    """The built pages and scripts whose words keep a rule: all but the safelist's ``skip_content`` (data as
    scripts: the citation styles, the search's passages, Sphinx's unused search index)."""
    outdir = Path(outdir)
    patterns = [e["pattern"] for e in (safelist or load_safelist()).get("skip_content") or []]
    # a pattern ending in "**" matches folders: everything below them is skipped
    skipped = {f for pattern in patterns for p in outdir.glob(pattern) for f in ([p] if p.is_file() else p.rglob("*"))}
    return [p for p in [*outdir.rglob("*.html"), *(outdir / "_static").rglob("*.js")] if p not in skipped]


def _key(css: list[Path], outdir: Path, content: list[site_tokens.Scan], variables: list[str]) -> str:
    """What PurgeCSS's result depends on: the stylesheets, the settings, and which of their words the site uses."""
    css_words = set()
    for path in css:
        css_words |= set(site_tokens.WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    used = set().union(*(s.words & css_words for s in content))
    version = json.loads((HERE.parent / "node_modules" / "purgecss" / "package.json").read_text(encoding="utf-8"))
    inputs = {"css": {p.relative_to(outdir).as_posix(): _sha256(p) for p in css}, "safelist": _sha256(SAFELIST),
              "script": _sha256(SCRIPT), "purgecss": version["version"], "variables": variables,
              "words": sorted(used)}
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def purge(outdir: Path, srcdir: Path) -> dict[str, tuple[int, int]]:
    """Purge the vendor stylesheets of ``outdir`` in place, keeping the originals in ``full_dir(outdir)``."""
    outdir = Path(outdir)
    node = shutil.which("node")
    if node is None:
        raise ExtensionError("purge_css: `node` is not on PATH: run `make system-node-deps` (Debian's nodejs)")
    safelist = load_safelist()
    own = own_stylesheets(srcdir)
    css = vendor_stylesheets(outdir, own)
    skip = [str(outdir / e["pattern"]) for e in safelist.get("skip_content") or []]
    content = content_files(outdir, safelist)
    ours = [p for p in (outdir / "_static").rglob("*.css") if p.name in own]
    full = full_dir(outdir)
    originals = _originals(outdir, css, full)
    shutil.rmtree(full, ignore_errors=True)
    for path in css:
        target = full / path.relative_to(outdir)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(originals[path])
        path.write_bytes(originals[path])  # PurgeCSS reads the theme's stylesheet, not last build's answer
    scans = site_tokens.scan(outdir, [*content, *ours])
    variables = used_variables(list(scans.values()))
    key = _key(css, outdir, [scans[p] for p in content], variables)
    cache = Path(outdir).parent / CACHE
    done = cache / key
    if (done / SIZES).exists():  # the same stylesheets, settings and used words: PurgeCSS's answer is known
        sizes = {rel: tuple(v) for rel, v in json.loads((done / SIZES).read_text(encoding="utf-8")).items()}
        for rel in sizes:
            shutil.copyfile(done / rel, outdir / rel)
    else:
        job = {
            "content": [str(p) for p in content], "skip": skip, "css": [str(p) for p in css],
            "safelist": {k: [e["pattern"] for e in safelist.get(k) or []] for k in ("standard", "greedy")},
            "attributes": [e["name"] for e in safelist.get("attributes") or []],
            "variables": variables,
        }
        result = subprocess.run([node, str(SCRIPT)], input=json.dumps(job), capture_output=True, text=True, cwd=HERE)
        if result.returncode != 0:
            for path in css:  # publish nothing half-purged: the originals go back
                shutil.copy2(full / path.relative_to(outdir), path)
            raise ExtensionError(f"purge_css: PurgeCSS failed ({SCRIPT}):\n{result.stderr[-2000:]}\n"
                                 "Is node_modules installed? `make html` runs `npm ci` from package-lock.json.")
        sizes = {Path(f).relative_to(outdir).as_posix(): tuple(v) for f, v in json.loads(result.stdout).items()}
        shutil.rmtree(cache, ignore_errors=True)  # one answer kept: the last
        for rel in sizes:
            (done / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(outdir / rel, done / rel)
        (done / SIZES).write_text(json.dumps(sizes), encoding="utf-8")  # last: its presence says the rest is whole
    manifest = {rel: {"full_sha256": _sha256(full / rel), "purged_sha256": _sha256(outdir / rel),
                      "full_bytes": before, "purged_bytes": after} for rel, (before, after) in sorted(sizes.items())}
    (full / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return sizes


def _originals(outdir: Path, css: list[Path], full: Path) -> dict[Path, bytes]:
    """Each vendor stylesheet as the theme ships it. Sphinx copies the theme's files again only when it reads
    every page, so after an incremental build a stylesheet may still be the last build's purged one: the
    manifest says so, and the original is the one kept in ``full``."""
    try:
        manifest = json.loads((full / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    out = {}
    for path in css:
        rel = path.relative_to(outdir).as_posix()
        entry, kept = manifest.get(rel), full / rel
        if entry and _sha256(path) == entry["purged_sha256"] and kept.is_file() and _sha256(kept) == entry["full_sha256"]:
            out[path] = kept.read_bytes()
        else:
            out[path] = path.read_bytes()
    return out


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def purge_build(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name == "epub":
        return
    sizes = purge(Path(app.outdir), Path(app.srcdir))
    before, after = sum(b for b, _ in sizes.values()), sum(a for _, a in sizes.values())
    logger.info("purge_css: %d stylesheets, %d bytes -> %d bytes", len(sizes), before, after)


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", purge_build, priority=800)  # after MyST-NB copies its CSS (500), before the icon fonts (850)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
