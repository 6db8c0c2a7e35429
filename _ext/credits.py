"""The ``credits`` directive: who edits and who publishes the edition, and where it lives, from CITATION.cff.

    :::{credits}
    :::

The sentences are ``edition.metadata.credits()``: "Edited by …" once CITATION.cff names the editors as
persons, otherwise a plain statement that their names are not yet set; "Published by …" once it has a
``preferred-citation.publisher``, otherwise that there is no publisher yet; and the public address once
``edition.metadata.address()`` knows it. The PDF's title page and colophon print the same sentences
(``_ext/printedition.py``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from edition import metadata


def address_sentence(ed: metadata.Edition) -> str:
    return f"Online at {ed.url}" if ed.url else "The edition has no public address yet."


class CreditsDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(metadata.CFF))
        ed = metadata.edition()
        edited, published = metadata.credits(ed)
        para = nodes.paragraph("", "", classes=["edition-credits"])
        para += nodes.Text(f"{edited} {published} Version {ed.version}, released {ed.released.isoformat()}. ")
        if ed.url:
            para += nodes.Text("Online at ")
            para += nodes.reference(ed.url, ed.url, refuri=ed.url)
            para += nodes.Text(".")
        else:
            para += nodes.Text(address_sentence(ed))
        self.set_source_info(para)
        return [para]


def set_names(app: Sphinx, config) -> None:
    """The theme's "By …" footer, the EPUB's creator and publisher and the LaTeX author, from CITATION.cff."""
    ed = metadata.edition()
    names = " and ".join(p.full.strip() for p in ed.editors) or ", ".join(ed.authors)
    config.author = config.epub_author = names
    config.epub_publisher = ed.publisher or names  # an EPUB needs a publisher: its editors, until one is set
    config.latex_documents = [(*doc[:3], names, *doc[4:]) for doc in config.latex_documents]


def setup(app: Sphinx) -> dict:
    app.add_directive("credits", CreditsDirective)
    app.connect("config-inited", set_names)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
