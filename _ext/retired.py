"""Stub anchors for retired paragraphs: an id once published keeps answering, and says what happened.

A paragraph removed from an essay keeps its row in ``data/paragraphs.csv`` and gains one in
``data/paragraphs_retired.csv`` (id, essay, opening, reason, replaced_by). At the end of that essay's page
this transform adds, for each retired id, a short note of the edition's own carrying the old anchor
(``#<key>-14``): the paragraph's opening words, why it was withdrawn, and a link to the paragraph that
replaces it, if any. A link to a withdrawn paragraph therefore lands on an explanation, never on nothing.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from edition import essays, ids
from edition import paragraphs as registry

logger = logging.getLogger(__name__)


def stubs(rows: list[registry.Retired]) -> nodes.container:
    """The stubs for one essay's retired paragraphs, as an edition-marked block."""
    box = nodes.container(classes=["ed", "retired-paragraphs"])
    box += nodes.rubric("", "Paragraphs withdrawn from this text")
    for row in rows:
        label = ids.label_of(row.id)
        para = nodes.paragraph("", "", ids=[row.id], classes=["retired-para"])
        para += nodes.strong(f"¶ {label}", f"¶ {label}")
        para += nodes.Text(f" (it began “{row.opening} …”) has been withdrawn: {row.reason.rstrip('.')}.")
        if row.replaced_by:
            new = ids.label_of(row.replaced_by)
            para += nodes.Text(" Its text now stands at ")
            para += nodes.reference("", f"¶ {new}", refid=row.replaced_by, internal=True)
            para += nodes.Text(".")
        box += para
    return box


class RetiredParagraphStubs(SphinxTransform):
    default_priority = 800  # after the essay's own ids are in place

    def apply(self) -> None:
        work = essays.by_docname(self.env.docname)
        if work is None:
            return
        self.env.note_dependency(str(registry.RETIRED))
        rows = [r for r in registry.retired().values() if r.essay == work.key]
        clash = [r.id for r in rows if r.id in self.document.ids]
        if clash:
            logger.warning("retired paragraph ids still in the text: %s", ", ".join(clash), location=self.env.docname)
            return
        if rows:
            self.document += stubs(rows)


def setup(app: Sphinx) -> dict:
    app.add_transform(RetiredParagraphStubs)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
