"""The edition's own scripts and stylesheets minified in the HTML output, the sources left as they are.

Every page loads the edition's own JavaScript and CSS (tooltips, reading modes, how to cite, the charts'
and the search's scripts): written to be read, with comments and indentation, they weigh about twice what
a reader needs. When the HTML build has written every asset, esbuild (npm, pinned in package.json, already
used to minify citeproc-js) minifies each of them from its source into ``_static/``. A file counts as the
edition's own when a script or stylesheet of that name is in the sources' ``_static/`` or ``_ext/``. The
EPUB is left alone: its reading systems get readable files, and its size is not a page load.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
ESBUILD = HERE.parent / "node_modules" / ".bin" / "esbuild"
NODE_ONLY = {"purge.js"}  # scripts node runs at build time, never copied into the site


def own_assets(srcdir: Path) -> dict[str, Path]:
    """The edition's own scripts and stylesheets (in the sources' _static/ and _ext/), by file name."""
    return {p.name: p for folder in (HERE, Path(srcdir) / "_static") for suffix in ("*.js", "*.css")
            for p in folder.rglob(suffix) if p.name not in NODE_ONLY}


def minified(path: Path) -> bytes:
    """What the build writes for the source ``path``: esbuild's minified text of it."""
    result = subprocess.run([str(ESBUILD), str(path), "--minify", "--log-level=error"], capture_output=True)
    if result.returncode != 0:
        raise ExtensionError(f"minify: esbuild failed on {path}:\n{result.stderr.decode()[-2000:]}")
    return result.stdout


def minify(outdir: Path, srcdir: Path) -> tuple[int, int]:
    """Minify the edition's own assets under ``outdir/_static`` in place; return the bytes before and after."""
    static = Path(outdir) / "_static"
    own = own_assets(srcdir)
    files = sorted(p for p in static.rglob("*") if p.suffix in {".js", ".css"} and p.name in own)
    if not files:
        return 0, 0
    if not ESBUILD.exists():
        raise ExtensionError(f"minify: {ESBUILD} is missing: `make html` installs it (npm ci, from package.json)")
    before = sum(own[p.name].stat().st_size for p in files)
    with tempfile.TemporaryDirectory() as tmp:
        # From the sources, not the output: Sphinx copies a static file again only when it reads every page, so
        # the output may hold the last build's minified file. Each goes to its own folder (names may repeat).
        # ASCII output (esbuild's default) keeps CSS escapes such as the icon fonts' "\f00c" as they are.
        jobs = [(path, own[path.name], Path(tmp) / str(n) / path.name) for n, path in enumerate(files)]
        for _, source, target in jobs:
            target.parent.mkdir()
            shutil.copyfile(source, target)
        result = subprocess.run([str(ESBUILD), *(str(t) for _, _, t in jobs), "--minify", "--allow-overwrite",
                                 f"--outbase={tmp}", f"--outdir={tmp}", "--log-level=error"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise ExtensionError(f"minify: esbuild failed:\n{result.stderr[-2000:]}")
        for path, _, target in jobs:
            shutil.copyfile(target, path)
    return before, sum(p.stat().st_size for p in files)


def minify_build(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.name != "html":
        return
    before, after = minify(Path(app.outdir), Path(app.srcdir))
    logger.info("minify: the edition's scripts and stylesheets, %d bytes -> %d bytes", before, after)


def setup(app: Sphinx) -> dict:
    # After the handlers that copy assets (500), before PurgeCSS reads our stylesheets (800) and the zip (950).
    app.connect("build-finished", minify_build, priority=700)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
