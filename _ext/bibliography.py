"""The authors' notes linked to the edition's bibliography, and each bibliography entry to where it is cited.

    [^6]: Ian Gray, *Stalin: Man of History* ... 216-19. {works}`grey1979`

The ``works`` role appends, after an author's note, the edition's link to the entries of ``references.bib``
that the note cites (through sphinxcontrib-bibtex's ``cite:p``, so the links resolve and are checked),
inside an element of class ``ed``. The generator places it from ``data/works.csv``
(``edition.works_cited``). On the bibliography page, every entry (an element with id ``bib-<key>``) gets a
line of class ``ed`` listing each note and paragraph of any essay that cites it, linked.

The entries themselves are set in Chicago notes-bibliography (18th edition) by citeproc-js
(``edition.bib_render``), in the style's order, without numbers; each entry's note field, which the style
does not print, follows it. sphinxcontrib-bibtex is kept for linking only: it makes the entries' targets
``bib-<key>`` and resolves the notes' "(Butler, 2015)" links in every format; its ``plain`` text of each
entry is replaced. citeproc-js's HTML becomes document nodes through an allowlist (``CslHtml``: italics,
bold, small capitals, links to http(s) addresses, super- and subscripts); any other markup stops the build.

Sphinx's LaTeX builder gathers every citation at the end of the book (``BibliographyTransform``); the
print edition puts them back in the bibliography chapter, after its introduction, so the contents list
one bibliography where the online edition has it (``sphinxthebibliography``: ``_latex/edition.sty``).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pybtex.plugin
from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from edition import bib_csl, bib_render, essays, ids, references, safe_text, works_cited
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


def start_rendering(app: Sphinx) -> None:
    # citeproc-js (Node) takes a second and a half on a cold build: it runs while the pages are read and written,
    # and the bibliography page takes its result when it is resolved.
    pool = ThreadPoolExecutor(max_workers=1)
    app.builder.__dict__["_edition_bibliography"] = pool.submit(bib_render.entries, Path(app.doctreedir) / "citeproc")
    pool.shutdown(wait=False)


def _rendered(app: Sphinx) -> list[tuple[str, str]]:
    return app.builder.__dict__["_edition_bibliography"].result()


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


class CslHtml(HTMLParser):
    """citeproc-js's HTML of one entry as docutils nodes; markup outside the allowlist is refused."""

    STYLES = {"font-style:italic": nodes.emphasis, "font-weight:bold": nodes.strong}

    def __init__(self, key: str):
        super().__init__(convert_charrefs=True)
        self.key = key
        self.stack: list[nodes.Element] = [nodes.paragraph("", "", classes=["csl-entry"])]
        self.opened: list[bool] = []

    def _refuse(self, what: str) -> None:
        raise ValueError(f"references.bib, entry {self.key}: citeproc-js wrote {what}, which the bibliography "
                         "does not print; remove the markup from the entry or add it to _ext/bibliography.py's CslHtml")

    def _node(self, tag: str, attrs: dict) -> nodes.Element | None:
        style = (attrs.get("style") or "").replace(" ", "").rstrip(";")
        if tag == "div" and attrs.get("class") == "csl-entry" and len(self.stack) == 1:
            return None
        if tag == "i" or (tag == "span" and style == "font-style:italic"):
            return nodes.emphasis()
        if tag == "b" or (tag == "span" and style == "font-weight:bold"):
            return nodes.strong()
        if tag == "span" and style == "font-variant:small-caps":
            return nodes.inline(classes=["small-caps"])
        if tag == "span" and style == "font-style:normal":
            return nodes.inline(classes=["roman"])
        if tag == "span" and attrs.get("class") == "nocase" and not style:
            return None
        if tag == "sup":
            return nodes.superscript()
        if tag == "sub":
            return nodes.subscript()
        if tag == "a" and not safe_text.url_problems(attrs.get("href") or ""):
            return nodes.reference(refuri=attrs["href"])
        self._refuse(f"<{tag} {attrs}>" if attrs else f"<{tag}>")
        return None

    def handle_starttag(self, tag, attrs):
        node = self._node(tag, dict(attrs))
        if node is not None:
            self.stack[-1] += node
            self.stack.append(node)
        self.opened.append(node is not None)

    def handle_endtag(self, tag):
        if self.opened.pop():
            self.stack.pop()

    def handle_data(self, data):
        self.stack[-1] += nodes.Text(data)

    @classmethod
    def paragraph(cls, key: str, html: str) -> nodes.paragraph:
        parser = cls(key)
        parser.feed(html)
        parser.close()
        return parser.stack[0]


def _entry(key: str, html: str, note: str | None) -> nodes.paragraph:
    para = CslHtml.paragraph(key, html)
    if note:
        para += nodes.Text(" ")
        para += nodes.inline("", note if note[-1] in ".?!" else note + ".", classes=["entry-note"])
    return para


class ChicagoEntries(SphinxPostTransform):
    """The bibliography's entries in citeproc-js's Chicago notes-bibliography, in its order, unnumbered."""

    default_priority = 6  # after sphinxcontrib-bibtex has made the entries (5), before references resolve (10)

    def run(self, **kwargs) -> None:
        mine = [c for c in self.document.findall(nodes.citation) if c.get("docname") == BIB_DOC]
        if not mine:
            return
        rendered = _rendered(self.app)
        notes = {i["id"]: i.get("note") for i in bib_csl.items()}
        by_key = {c["ids"][0][len(ID_PREFIX):]: c for c in mine}
        parent, at = mine[0].parent, mine[0].parent.index(mine[0])
        for citation in mine:
            citation.parent.remove(citation)
        for offset, (key, html) in enumerate(rendered):
            citation = by_key.pop(key)
            label = next(iter(citation.findall(nodes.label)), None)
            old = next(iter(citation.findall(nodes.paragraph)), None)
            citation.replace(old, _entry(key, html, notes.get(key)))
            if label is not None:
                if self.app.builder.format == "latex":
                    label.children = []  # \bibitem needs its label; edition.sty prints none
                else:
                    citation.remove(label)
            parent.insert(at + offset, citation)
        if by_key:
            raise ValueError(f"citeproc-js rendered no entry for {', '.join(sorted(by_key))}")


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
    # sphinxcontrib-bibtex looks pybtex's plain-text backend up for every citation it resolves, and each look-up
    # reads every installed package's metadata (3 s a build); registered once, the same class is found at once.
    plaintext = pybtex.plugin.find_plugin("pybtex.backends", "plaintext")
    pybtex.plugin.register_plugin("pybtex.backends", "plaintext", plaintext, force=True)
    app.add_post_transform(ChicagoEntries)
    app.add_post_transform(BibliographyInPlace)
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_role("works", WorksRole())
    app.connect("source-read", note_dependencies)
    app.connect("builder-inited", start_rendering)
    app.connect("doctree-resolved", add_cited_in)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
