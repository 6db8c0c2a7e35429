"""The ``recipe`` directive: a script that the data package's zip carries, printed on the page from its one file.

    :::{recipe} redraw_trade.py
    :::

The chapters may include no file (``edition_ext.confine``), so this directive is the one way a page shows
a file's text, and it reads only the scripts the zip carries beside the tables (``charts.EXTRA_FILES``,
under ``data/``): the page and the download print the same bytes, and no other file can be named.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from edition import data
from edition_ext.charts import EXTRA_FILES

logger = logging.getLogger(__name__)
LANGUAGES = {".py": "python"}  # what a script's suffix is highlighted as


class RecipeDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        scripts = [n for n in EXTRA_FILES if Path(n).suffix in LANGUAGES]
        if name not in scripts:
            logger.warning("recipe %r: only the scripts the data package's zip carries can be printed (%s)",
                           name, ", ".join(scripts), location=self.get_location())
            return []
        path = data.DATA / name
        self.env.note_dependency(str(path))
        text = path.read_text(encoding="utf-8")
        block = nodes.literal_block(text, text, language=LANGUAGES[path.suffix])
        block["classes"].append("edition-recipe")
        return [block]


def setup(app: Sphinx) -> dict:
    app.add_directive("recipe", RecipeDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
