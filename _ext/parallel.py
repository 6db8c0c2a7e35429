"""Sphinx's parallel build (``make html``, ``edition.build --jobs``) for the extensions the edition uses.

Sphinx reads and writes pages in several processes only when every extension declares itself safe for it.
sphinx-multitoc-numbering 0.1.3 declares nothing, so Sphinx would warn (an error under ``-W``) and build with
one process. It is safe: it replaces how the table of contents is numbered, which Sphinx does in the main
process after reading, and keeps no data of its own per page.

A rebuild that reads five pages or fewer (Sphinx reads in parallel only above five) also writes in one
process: starting the writing processes costs more than it saves on the handful of pages such an edit
rewrites. (A build that reads nothing but rewrites every page, after a template is edited, is then written
in one process too.)
"""

from __future__ import annotations

from sphinx.application import Sphinx

SAFE_UNDECLARED = ("sphinx_multitoc_numbering",)
FEW_PAGES = 5


def few_pages_in_one_process(app: Sphinx, env, docnames: list[str]) -> None:
    if len(docnames) <= FEW_PAGES:
        app.builder.allow_parallel = False


def setup(app: Sphinx) -> dict:
    for name in SAFE_UNDECLARED:
        app.setup_extension(name)
        extension = app.extensions[name]
        if extension.parallel_read_safe is None and extension.parallel_write_safe:
            extension.parallel_read_safe = True
    app.connect("env-before-read-docs", few_pages_in_one_process)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
