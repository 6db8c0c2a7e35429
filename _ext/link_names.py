"""Names a screen reader can use: links printed as bare addresses, note references and their back-links.

What a reader sees never changes; only the accessible name (``aria-label``) is added, in the HTML and EPUB:

- a link whose visible text is a bare address is named by its source first, ``Los Angeles Times:
  https://latimes.com/…``: the name of the host's institution from ``data/editorial/hosts.csv``
  (``edition.hosts``), or the host where the editors have not named it;
- an author's note reference ``[12]`` is named ``Note 12``, its back-link ``Back to the text of note 12``;
- an editors' note's letter is named ``Editors' note a`` (``_ext/ednotes.py`` asks for it), its back-link
  ``↩ back to the text`` becomes ``Back to the text of editors' note a``.

Each name contains the link's visible text, as WCAG 2.2 SC 2.5.3 Label in Name asks, so a speech-input
reader can still say what is printed; brackets and the arrow are symbols, which the criterion does not
require in the name. Names are text from data: they are written as HTML text (``edition.safe_text.html``).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

from edition import hosts, safe_text

ATTRIBUTE = "aria_label"  # the node attribute the HTML visitors write as aria-label
BARE_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# The letter's label in the text, ``ids.ednote_target(note_id) + "-ref"``: ednote-w-a-ref.
_EDNOTE_BACKLINK = re.compile(r"ednote-[a-z]-(?P<mark>[a-z]{1,2})-ref")


def bare_address_name(text: str, url: str) -> str | None:
    """The accessible name of a link whose visible ``text`` is a bare address, else None."""
    text = " ".join(text.split())
    if not BARE_ADDRESS.fullmatch(text):
        return None
    return f"{hosts.source_name(url)}: {text}"


def _ednote_backlink(node: nodes.reference) -> str | None:
    m = _EDNOTE_BACKLINK.fullmatch(node.get("refid") or node.get("refuri", "").rpartition("#")[2])
    return f"Back to the text of editors' note {m['mark']}" if m else None


def name_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for ref in doctree.findall(nodes.reference):
        if ATTRIBUTE in ref:
            continue
        url = ref.get("refuri", "")
        if url.startswith(("http://", "https://")):
            name = bare_address_name(ref.astext(), url)
        else:
            name = _ednote_backlink(ref)
        if name:
            ref[ATTRIBUTE] = name


def _add_attribute(tag: str, name: str) -> str:
    """``tag`` (an opening tag the translator just wrote) with ``aria-label="name"``."""
    head, sep, tail = tag.rpartition(">")
    return f'{head} aria-label="{safe_text.html(name)}"{sep}{tail}'


def _last_tag(body: list[str], start: str) -> int:
    """The index of the last string in ``body`` that opens with ``start``."""
    return next(i for i in range(len(body) - 1, -1, -1) if body[i].startswith(start))


def visit_reference(self, node: nodes.reference) -> None:
    type(self).visit_reference(self, node)
    if node.get(ATTRIBUTE):
        i = _last_tag(self.body, "<a ")
        self.body[i] = _add_attribute(self.body[i], node[ATTRIBUTE])


def depart_reference(self, node: nodes.reference) -> None:
    type(self).depart_reference(self, node)


def visit_footnote_reference(self, node: nodes.footnote_reference) -> None:
    type(self).visit_footnote_reference(self, node)
    i = _last_tag(self.body, "<a ")
    self.body[i] = _add_attribute(self.body[i], f"Note {node.astext()}")


def depart_footnote_reference(self, node: nodes.footnote_reference) -> None:
    type(self).depart_footnote_reference(self, node)


_BACKLINK = re.compile(r'<a role="doc-backlink" href="#([^"]+)">')


def visit_label(self, node: nodes.label) -> None:
    type(self).visit_label(self, node)
    if isinstance(node.parent, nodes.footnote) and _BACKLINK.fullmatch(self.body[-1]):
        self.body[-1] = _add_attribute(self.body[-1], f"Back to the text of note {node.astext()}")


def depart_label(self, node: nodes.label) -> None:
    start = len(self.body)
    type(self).depart_label(self, node)
    if not isinstance(node.parent, nodes.footnote):
        return
    label = node.astext()
    for i in range(start, len(self.body)):  # a note referred to more than once: one back-link per reference
        counter = iter(range(1, 1000))
        self.body[i] = _BACKLINK.sub(lambda m: _add_attribute(
            m[0], f"Back to reference {next(counter)} of note {label}"), self.body[i])


def setup(app: Sphinx) -> dict:
    handlers = {"reference": (visit_reference, depart_reference),
                "footnote_reference": (visit_footnote_reference, depart_footnote_reference),
                "label": (visit_label, depart_label)}
    for node_name, visitors in handlers.items():
        app.add_node(getattr(nodes, node_name), override=True, html=visitors, epub=visitors)
    app.connect("doctree-resolved", name_links)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
