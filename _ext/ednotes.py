"""The ``ednote`` role: the letter of an editors' note at its place in the author's text.

    ... the October 1941 conference{ednote}`W-a` ...

The letter (class ``ed``, set apart from the authors' numerals) links to the note, which the generator prints
after the paragraph with the label ``ednote-w-a``; the letter's own id, ``ednote-w-a-ref``, is a label the
note links back to. The letter is its own node, so that LaTeX, whose superscripts carry no labels, gets the
back-link's target too.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from edition import essays, ids

logger = logging.getLogger(__name__)


class ednote_mark(nodes.superscript):
    """The letter of an editors' note; its id is the target of the note's back-link."""


class EditorialNoteRole(SphinxRole):
    def run(self):
        m = ids.EDNOTE.fullmatch(self.text)
        letters = [w.letter for w in essays.works()]
        if m is None or m["letter"] not in letters:
            logger.warning("editors' note id %r is not a work's letter (%s), a hyphen and one or two small letters, "
                           "as in %s", self.text, ", ".join(letters), ids.ednote(letters[0], "a"),
                           location=self.get_location())
            return [], []
        target = ids.ednote_target(self.text)
        letter = m["mark"]
        mark = ednote_mark("", "", ids=[f"{target}-ref"], names=[f"{target}-ref"], classes=["ed", "ednote-mark"])
        # aria_label: the name a screen reader says (written by _ext/link_names.py), not the bare letter
        mark += nodes.reference("", letter, refid=target, internal=True, reftitle=f"Editors' note {letter}",
                                aria_label=f"Editors' note {letter}")
        self.set_source_info(mark)
        self.inliner.document.note_explicit_target(mark)
        return [mark], []


def visit_mark(self, node: ednote_mark) -> None:
    self.visit_superscript(node)


def depart_mark(self, node: ednote_mark) -> None:
    self.depart_superscript(node)


def visit_mark_latex(self, node: ednote_mark) -> None:
    self.body.append(self.hypertarget_to(node, anchor=True))
    self.visit_superscript(node)


def setup(app: Sphinx) -> dict:
    app.add_node(ednote_mark, html=(visit_mark, depart_mark), epub=(visit_mark, depart_mark),
                 latex=(visit_mark_latex, depart_mark), text=(visit_mark, depart_mark))
    app.add_role("ednote", EditorialNoteRole())
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
