"""The ``pb`` role: where a page of the printed original ended, as inferred from the copy-text.

    ... American politicians {pb}`<key>-p2` and journalists ...

The mark is the edition's, not the author's: it carries the class ``ed`` and an anchor id
(``#<key>-p2``, the start of page 2 as counted in the editorial principles) that a reader can cite. Since
students cite these numbers, the mark says it is the edition's count, in its text ("‖ p. 2 (ed.)") and in its
accessible name (a DPUB-ARIA ``doc-pagebreak``, whose name screen readers announce).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from edition import ids

logger = logging.getLogger(__name__)


class pagebreak(nodes.Inline, nodes.TextElement):
    """The start of an original page."""


class PageBreakRole(SphinxRole):
    def run(self):
        match = ids.PAGE.fullmatch(self.text)
        if not match:
            logger.warning("page break %r is not of the form <essay>-p<n>", self.text, location=self.get_location())
            return [], []
        node = pagebreak("", match["number"], ids=[self.text], classes=["pb", "ed"])
        node["page"] = match["number"]
        self.set_source_info(node)
        return [node], []


def _mark(self, node: pagebreak, **role) -> None:
    page = node["page"]
    name = f"Page {page} of the original begins here, as the edition counts the pages (an inference; see the editorial principles)"
    self.body.append(
        self.starttag(node, "span", "", title=name, **role, **{"aria-label": name})
        + f'‖<span class="pb-n">p.&#8239;{page}<span class="pb-ed"> (ed.)</span></span></span>'
    )
    raise nodes.SkipNode


def visit_html(self, node: pagebreak) -> None:
    _mark(self, node, role="doc-pagebreak")


def visit_epub(self, node: pagebreak) -> None:
    # In an EPUB, doc-pagebreak promises pages of a print equivalent, listed in a page-list (DAISY Ace:
    # epub-pagelist-missing-pagebreak); these are the original's pages as the edition infers them, so the
    # mark keeps its name and title but claims no such role.
    _mark(self, node)


def visit_latex(self, node: pagebreak) -> None:
    self.body.append(self.hypertarget_to(node) + r"\edpagebreak{" + node["page"] + "}")
    raise nodes.SkipNode


def visit_text(self, node: pagebreak) -> None:
    self.body.append(f"[p. {node['page']}]")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict:
    app.add_node(pagebreak, html=(visit_html, None), epub=(visit_epub, None), latex=(visit_latex, None), text=(visit_text, None))
    app.add_role("pb", PageBreakRole())
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
