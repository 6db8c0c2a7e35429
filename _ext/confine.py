"""Nothing outside the project is read: no file insertion, no raw output, no path that leaves the book.

The edition's pages never include files or pass raw HTML or LaTeX through, so this extension turns both
off for every page (docutils' ``file_insertion_enabled`` and ``raw_enabled``): ``{include}``,
``{literalinclude}``, ``{csv-table}`` with a file and ``{raw}`` become warnings, and ``-W`` fails the build
naming the page and line. Every image and ``{download}`` target must resolve inside the source tree; one
that does not (``../../etc/passwd``, an absolute path, a symlink out of the tree) is refused the same way.
Data text can carry no directive at all (``edition.safe_text``); this is the second wall, for the chapters.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _disable_insertion(app: Sphinx, env, docnames) -> None:
    env.settings["file_insertion_enabled"] = False
    env.settings["raw_enabled"] = False


def _inside(app: Sphinx, target: str, docname: str) -> bool:
    if "://" in target or target.startswith("data:"):
        return True  # not a file; links are checked where they are made
    root = Path(app.srcdir).resolve()
    _, path = app.env.relfn2path(target, docname)
    # Sphinx may already have made an image's uri relative to the source folder: both readings must stay inside.
    return all(Path(p).resolve().is_relative_to(root) for p in (path, root / target.lstrip("/")))


def check_paths(app: Sphinx, doctree: nodes.document) -> None:
    """Warn (an error under -W) for any image or download whose file lies outside the source tree."""
    docname = app.env.docname
    for node in doctree.findall(lambda n: isinstance(n, (nodes.image, addnodes.download_reference))):
        target = node.get("reftarget") or node.get("uri") or ""
        if target and not _inside(app, target, docname):
            logger.warning("%s points outside the project (%s): only files inside the book's folder may be "
                           "shown or offered for download", type(node).__name__, target, location=node)
            node.replace_self(nodes.Text(node.astext()))  # dropped before Sphinx's collectors copy the file


def setup(app: Sphinx) -> dict:
    app.connect("env-before-read-docs", _disable_insertion)
    app.connect("doctree-read", check_paths, priority=100)  # before the image and download collectors (500)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
