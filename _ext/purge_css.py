"""Remove the theme's unused CSS after every HTML build, with PurgeCSS.

The book theme ships one stylesheet for every possible site (Bootstrap, version switchers, announcement
banners, MyST-NB and sphinx-design widgets): 397 kB on every page, most of it unused here. When the HTML
build has written every page, this module runs PurgeCSS (npm ``purgecss``, pinned in package.json) over the
vendor stylesheets of the output's ``_static/``: a rule is kept when a class, id, tag or attribute of its
selector occurs in a built page or a script that a page loads (theme, plotly.js, the edition's own), or when
``purge_css_assets/safelist.yml`` keeps it (classes and attributes that scripts put together at run time,
each with its reason). The edition's own stylesheets (any ``.css`` in ``_static/`` or ``_ext/`` of the
sources) are never touched.

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

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
ASSETS = HERE / "purge_css_assets"
SCRIPT = ASSETS / "purge.js"
SAFELIST = ASSETS / "safelist.yml"
FULL = "css-full"  # beside the HTML output: the stylesheets as the theme shipped them
MANIFEST = "manifest.json"
VARIABLE = re.compile(r"--[A-Za-z0-9_-]+")


def full_dir(outdir: Path) -> Path:
    """Where the unpurged stylesheets of the HTML output ``outdir`` are kept."""
    return Path(outdir).parent / FULL


def own_stylesheets(srcdir: Path) -> set[str]:
    """The file names of the edition's own stylesheets: every ``.css`` in the sources' _static/ and in _ext/."""
    return {p.name for folder in (Path(srcdir) / "_static", HERE) for p in folder.rglob("*.css")}


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


def used_variables(files: list[Path]) -> list[str]:
    """Custom properties named anywhere outside the vendor stylesheets (our CSS, pages, scripts): kept."""
    names = set()
    for path in files:
        names |= set(VARIABLE.findall(path.read_text(encoding="utf-8", errors="replace")))
    return sorted(names)


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
    skipped = {p for pattern in (e["pattern"] for e in safelist.get("skip_content") or []) for p in outdir.glob(pattern)}
    content = [p for p in [*outdir.rglob("*.html"), *(outdir / "_static").rglob("*.js")] if p not in skipped]
    ours = [p for p in (outdir / "_static").rglob("*.css") if p.name in own]
    full = full_dir(outdir)
    shutil.rmtree(full, ignore_errors=True)
    for path in css:
        target = full / path.relative_to(outdir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    job = {
        "content": [str(p) for p in content], "skip": skip, "css": [str(p) for p in css],
        "safelist": {k: [e["pattern"] for e in safelist.get(k) or []] for k in ("standard", "greedy")},
        "attributes": [e["name"] for e in safelist.get("attributes") or []],
        "variables": used_variables([*content, *ours]),
    }
    result = subprocess.run([node, str(SCRIPT)], input=json.dumps(job), capture_output=True, text=True, cwd=HERE)
    if result.returncode != 0:
        for path in css:  # publish nothing half-purged: the originals go back
            shutil.copy2(full / path.relative_to(outdir), path)
        raise ExtensionError(f"purge_css: PurgeCSS failed ({SCRIPT}):\n{result.stderr[-2000:]}\n"
                             "Is node_modules installed? `make html` runs `npm ci` from package-lock.json.")
    sizes = {Path(f).relative_to(outdir).as_posix(): tuple(v) for f, v in json.loads(result.stdout).items()}
    manifest = {rel: {"full_sha256": _sha256(full / rel), "purged_sha256": _sha256(outdir / rel),
                      "full_bytes": before, "purged_bytes": after} for rel, (before, after) in sorted(sizes.items())}
    (full / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return sizes


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
