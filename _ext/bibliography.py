"""The authors' notes linked to the edition's bibliography, and each bibliography entry to where it is cited.

    [^6]: Ian Gray, *Stalin: Man of History* ... 216-19. {works}`grey1979`

The ``works`` role appends, after an author's note, the edition's link to the entries of ``references.bib``
that the note cites (through sphinxcontrib-bibtex's ``cite:p``, so the links resolve and are checked),
inside an element of class ``ed``. The generator places it from ``data/works.csv``
(``edition.works_cited``). On the bibliography page, every entry (an element with id ``bib-<key>``) gets a
line of class ``ed`` listing each note and paragraph of any essay that cites it, linked.

Sphinx's LaTeX builder gathers every citation at the end of the book (``BibliographyTransform``); the
print edition puts them back in the bibliography chapter, after its introduction, so the contents list
one bibliography where the online edition has it (``sphinxthebibliography``: ``_latex/edition.sty``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from edition import essays, ids, references, works_cited
from edition.copytext import parse

logger = logging.getLogger(__name__)
BIB_DOC = "chapters/bibliography"
ID_PREFIX = "bib-"


class WorksRole(SphinxRole):
    def run(self):
        keys = self.text.split()
        self.env.note_dependency(str(works_cited.WORKS))
        cite = self.env.get_domain("cite").role("p")
        refs, messages = cite("cite:p", self.rawtext, ",".join(keys), self.lineno, self.inliner, {}, [])
        node = nodes.inline("", "", classes=["ed", "works"])
        node += nodes.Text("Bibliography: ")
        node.extend(refs)
        return [node], messages


def _citations() -> dict[str, list[works_cited.Citation]]:
    works = works_cited.load_works()
    by_key: dict[str, list[works_cited.Citation]] = {}
    for key in essays.keys():
        for c in works_cited.derive(parse(key), works):
            by_key.setdefault(c.bibkey, []).append(c)
    return by_key


def note_dependencies(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname == BIB_DOC:
        for path in (works_cited.WORKS, references.BIBFILE):
            app.env.note_dependency(str(path))


def _link(app: Sphinx, docname: str, target: str, anchor: str, text: str) -> nodes.reference:
    uri = app.builder.get_relative_uri(docname, target) + "#" + anchor
    return nodes.reference("", text, refuri=uri, internal=True)


def add_cited_in(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if docname != BIB_DOC:
        return
    by_key = _citations()
    for entry in list(doctree.findall(nodes.Element)):
        anchors = [i for i in entry.get("ids", []) if i.startswith(ID_PREFIX)]
        if not anchors:
            continue
        cites = by_key.get(anchors[0][len(ID_PREFIX):], [])
        if not cites:
            logger.warning("bibliography entry %s is cited nowhere", anchors[0], location=entry)
            continue
        para = nodes.paragraph("", "", classes=["ed", "cited-in"])
        para += nodes.Text("Cited in ")
        for i, work in enumerate(w for w in essays.works() if any(c.essay == w.key for c in cites)):
            para += nodes.Text(("; " if i else "") + work.label + " ")
            for j, c in enumerate(c for c in cites if c.essay == work.key):
                if j:
                    para += nodes.Text(", ")
                if c.note:
                    para += _link(app, docname, work.docname, ids.note(work.key, c.note), f"n. {c.note}")
                    para += nodes.Text(" (")
                    para += _link(app, docname, work.docname, c.paragraph, "¶ " + ids.label_of(c.paragraph))
                    para += nodes.Text(")")
                else:
                    para += nodes.Text("bibliography ")
                    para += _link(app, docname, work.docname, c.paragraph, "¶ " + ids.label_of(c.paragraph))
        para += nodes.Text(".")
        entry += para


class BibliographyInPlace(SphinxPostTransform):
    """Move the citations that Sphinx's LaTeX builder gathered at the end into the bibliography chapter."""

    builders = ("latex",)
    default_priority = 760  # after sphinx.builders.latex.transforms.BibliographyTransform (750)

    def run(self, **kwargs) -> None:
        gathered = next(iter(self.document.findall(thebibliography)), None)
        chapter = next((f for f in self.document.findall(addnodes.start_of_file) if f["docname"] == BIB_DOC), None)
        section = next(iter(chapter.findall(nodes.section)), None) if chapter is not None else None
        if gathered is None or section is None:
            return
        gathered.parent.remove(gathered)
        section += gathered


def setup(app: Sphinx) -> dict:
    app.add_post_transform(BibliographyInPlace)
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_role("works", WorksRole())
    app.connect("source-read", note_dependencies)
    app.connect("doctree-resolved", add_cited_in)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
