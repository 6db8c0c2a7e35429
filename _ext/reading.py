"""Reading modes for the essay pages, and the editors' notes set off the line of reading.

Each essay page (a document the registry names as a work's page) gets one control, "Show", that chooses what
the page shows: the reading text (the essay with its ¶ numbers and the authors' notes only), the text with
the editors' notes, or the full study apparatus. The choice is kept in ``localStorage`` and applied in the
page's head before it is drawn, so it holds across pages and visits; without JavaScript the control is
hidden and the full apparatus shows. The modes are classes in ``reading_assets/reading.css``; what each
hides is listed there.

For the HTML builder only, each editors' note box is moved to the start of its paragraph, so that the book
theme's ``margin`` class (``edition.ednotes``) floats it beside that paragraph on wide screens; on narrow
screens the script folds each note behind its letter and opens it in place. The print builders keep the
note after its paragraph. Web links whose text is not their address are marked so that a printed page
shows the address.
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from edition import essays

ASSETS = Path(__file__).resolve().parent / "reading_assets"
STORAGE_KEY = "edition-reading-mode"
MODES = (  # value, what the option says it shows; the first is the default, and what shows without script
    ("study", "the full study apparatus"),
    ("notes", "the text with the editors' notes"),
    ("text", "the reading text: ¶ numbers and the authors' notes"),
)
# Applied in the head, before the page is drawn, so a stored mode never flashes the other one.
# The class reading-js says the script will fold the notes; set here too, so a phone never shows them unfolded first.
HEAD = ("document.documentElement.classList.add('reading-js');"
        "try{var m=localStorage.getItem(%r);if(m)document.documentElement.dataset.reading=m;}catch(e){}"
        % STORAGE_KEY)


class reading_control(nodes.General, nodes.Element):
    """The mode control, written as HTML (hidden until the script shows it)."""


def _classes(node) -> list[str]:
    return node.get("classes", []) if isinstance(node, nodes.Element) else []


class AddControl(SphinxTransform):
    default_priority = 800

    def apply(self) -> None:
        if essays.by_docname(self.env.docname) is None:
            return
        section = self.document.next_node(nodes.section)
        if section is None:
            return
        block = next((n for n in section.children if "titleblock" in _classes(n)), None)
        anchor = block if block is not None else section.next_node(nodes.title)
        anchor.parent.insert(anchor.parent.index(anchor) + 1, reading_control())


class NotesBesideTheirParagraph(SphinxPostTransform):
    """Move each editors' note box from after its paragraph to its start, where a float stands beside it."""

    default_priority = 900
    builders = ("html",)

    def run(self, **kwargs) -> None:
        for box in list(self.document.findall(lambda n: "ednote" in _classes(n))):
            prev = box.previous_sibling()
            while prev is not None and "ednote" in _classes(prev):
                prev = prev.previous_sibling()
            if prev is None or "para" not in _classes(prev):
                continue
            box.parent.remove(box)
            done = [c for c in prev.children if "ednote" in _classes(c)]
            prev.insert(len(done), box)


class MarkPrintedAddresses(SphinxPostTransform):
    """Web links whose text is not their address get the class ``print-url``: print shows the address after them."""

    default_priority = 900
    builders = ("html",)

    def run(self, **kwargs) -> None:
        for ref in self.document.findall(nodes.reference):
            uri = ref.get("refuri", "")
            if uri.startswith(("http://", "https://")) and ref.astext().strip() != uri:
                ref["classes"].append("print-url")


def visit_control_html(self, node: reading_control) -> None:
    options = "".join(f'<option value="{value}">{self.encode(label)}</option>' for value, label in MODES)
    self.body.append(
        '<div class="ed reading-mode" hidden>'
        '<label for="reading-mode-select">Show</label> '
        f'<select id="reading-mode-select" data-storage="{STORAGE_KEY}">{options}</select>'
        "</div>\n"
    )
    raise nodes.SkipNode


def skip(self, node) -> None:
    raise nodes.SkipNode


def add_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is None or app.builder.format != "html" or app.builder.name != "html":
        return
    body = context.get("body", "")
    if essays.by_docname(pagename) is not None or "sbs-col" in body:
        app.add_js_file(None, body=HEAD, priority=100)
        app.add_js_file("reading.js", priority=810, defer="defer")
    app.add_css_file("reading.css")  # every page: print styles and the narrow-screen wrapping of long addresses


def add_static_path(app: Sphinx, config) -> None:
    # Not the book's _static/: Jupyter Book would put every script there on every page.
    config.html_static_path.append(os.path.relpath(ASSETS, app.confdir))


def setup(app: Sphinx) -> dict:
    app.add_node(reading_control, html=(visit_control_html, None), epub=(skip, None), latex=(skip, None),
                 text=(skip, None))
    app.add_transform(AddControl)
    app.add_post_transform(NotesBesideTheirParagraph)
    app.add_post_transform(MarkPrintedAddresses)
    app.connect("config-inited", add_static_path)
    app.connect("html-page-context", add_assets)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
