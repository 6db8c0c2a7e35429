"""The ``how-to-cite`` directive: how to cite an essay (as reprinted here and as first published) or the edition.

    :::{how-to-cite} <key>
    :::

The argument is an essay's stem, or ``edition`` for the edition as a whole. The citations come from
``edition.citation_styles`` and the files from ``edition.exports`` (so from CITATION.cff and
data/essays.yml); the section links the BibTeX, RIS and CSL-JSON files that the HTML build writes to
``cite/<stem>.{bib,ris,json}``. On pages with a how-to-cite section or numbered paragraphs, a small script
(``how_to_cite_assets/how_to_cite.js``) adds copy buttons and makes each ¶ number copy the paragraph's
address and a pinpoint citation; without JavaScript the citations are plain text and every ¶ number is an
ordinary link.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from edition import citation_styles as styles
from edition import csl_catalogue, essays, exports, ids, metadata

logger = logging.getLogger(__name__)
NO_ADDRESS = "the edition has no public address yet"
ASSETS = Path(__file__).resolve().parent / "how_to_cite_assets"
TARGETS = (*essays.keys(), "edition")


class how_to_cite(nodes.General, nodes.Element):
    """The whole section; HTML shows it as a disclosure widget that works without JavaScript."""


class cite_downloads(nodes.General, nodes.Element):
    """Links to the machine-readable files, which exist only in the HTML build."""


def _inline(text: str) -> list[nodes.Node]:
    """``*…*`` in edition.citation_styles' output becomes emphasis."""
    out = []
    for i, part in enumerate(text.split("*")):
        if part:
            out.append(nodes.emphasis(part, part) if i % 2 else nodes.Text(part))
    return out


def _group(heading: str, rows: list[tuple[str, str]]) -> list[nodes.Node]:
    items = nodes.definition_list(classes=["cite-list"])
    for label, text in rows:
        item = nodes.definition_list_item()
        item += nodes.term(label, label)
        item += nodes.definition("", nodes.paragraph("", "", *_inline(text), classes=["cite-text"]))
        items += item
    return [nodes.paragraph("", "", nodes.strong(heading, heading), classes=["cite-group"]), items]


class HowToCiteDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        target = self.arguments[0]
        if target not in TARGETS:
            logger.warning("how-to-cite: %r is not one of %s", target, ", ".join(TARGETS), location=self.get_location())
            return []
        try:
            ed = metadata.edition()
            work = None if target == "edition" else metadata.work(target)
        except (metadata.MetadataError, essays.RegistryError) as exc:
            logger.warning("how-to-cite: %s", exc, location=self.get_location())
            return []
        self.env.note_dependency(str(metadata.CFF))
        self.env.note_dependency(str(metadata.ESSAYS_YML))
        self.env.note_dependency(str(metadata.EDITION_YML))

        node = how_to_cite(classes=["ed", "how-to-cite"], ids=[f"how-to-cite-{target}"])
        node["summary"] = "How to cite this essay" if work else "How to cite this edition"
        if work is None:
            node.extend(_group(f"The edition (version {ed.version})", styles.styles(ed)))
        else:
            node.extend(_group(f"The essay in this edition (version {ed.version})", styles.styles(ed, work)))
            node.extend(_group("The essay in its original publication", styles.styles(ed, work, original=True)))
            tip = ("To cite a paragraph, add its number, as in this shortened note: "
                   f"{styles.chicago_short_note(ed, work, para='14')} Selecting a paragraph's ¶ number copies "
                   "its address and a citation of that paragraph.")
            node += nodes.paragraph("", "", *_inline(tip), classes=["cite-tip"])
            # The template a ¶ number fills in: the paragraph's label for {n}, its address for {url}.
            template = styles.plain(styles.pinpoint(ed, work, "{n}"))
            address = ed.address(f"{work.page}#{ids.paragraph(work.key, '{n}')}")
            # Never the reader's own file:/// path: the public address, or a plain statement that there is none.
            node["pinpoint"] = (template.replace(address, "{url}") if ed.url
                                else template.replace(f", {address}.", f" ({NO_ADDRESS})."))
            node["page_url"] = ed.url and ed.address(work.page)
            if not ed.url:
                # Served over http(s), the script fills in the address the reader sees (never a file:/// path).
                node["pinpoint_here"] = template.replace(address, "{url}")
        if not ed.url:
            node["relative_page"] = styles.url(ed, work)
        node += cite_downloads(stem=target, keys=", ".join(exports.keys(work)))
        self.set_source_info(node)
        return [node]


def visit_html(self, node: how_to_cite) -> None:
    attrs = {}
    if node.get("pinpoint"):
        attrs["data-pinpoint"] = node["pinpoint"]
    if node.get("page_url"):
        attrs["data-page-url"] = node["page_url"]
    if node.get("pinpoint_here"):
        attrs["data-pinpoint-here"] = node["pinpoint_here"]
    if node.get("relative_page"):
        attrs["data-relative-page"] = node["relative_page"]
    self.body.append(self.starttag(node, "details", **attrs) + f"<summary>{self.encode(node['summary'])}</summary>\n")


def depart_html(self, node: how_to_cite) -> None:
    self.body.append("</details>\n")


def visit_latex(self, node: how_to_cite) -> None:
    # In the edition's voice (edcite in _latex/edition.sty), so print sets it apart from the author's text.
    self.body.append("\n\\begin{edcite}\\par\\noindent\\textbf{" + self.encode(node["summary"]) + "}\\par\n")


def depart_latex(self, node: how_to_cite) -> None:
    self.body.append("\\end{edcite}\n")


def visit_text(self, node: how_to_cite) -> None:
    self.add_text(node["summary"])
    self.new_state(0)


def depart_text(self, node: how_to_cite) -> None:
    self.end_state()



def visit_downloads_html(self, node: cite_downloads) -> None:
    here = self.builder.get_target_uri(self.builder.current_docname)
    stem = node["stem"]
    links = " · ".join(
        f'<a href="{relative_uri(here, f"cite/{stem}.{ext}")}" download>{label} (.{ext})</a>'
        for ext, label, _ in exports.FORMATS)
    self.body.append(f'<p class="cite-downloads">For reference managers ({self.encode(node["keys"])}): {links}</p>\n')
    raise nodes.SkipNode


def skip(self, node) -> None:
    raise nodes.SkipNode


def start_catalogue(app: Sphinx) -> None:
    # Packing 2,851 styles takes seconds and needs nothing from the pages: a process of its own does it while
    # Sphinx builds them (spawned, not forked, so that it shares no state with the build). The site's alone: the
    # EPUB's builder also writes HTML, but its book carries neither the catalogue nor the downloads.
    if app.builder.name != "html":
        return
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    app.builder.__dict__["_edition_catalogue"] = pool.submit(
        csl_catalogue.write, Path(app.outdir) / "_static", Path(app.doctreedir) / "csl-catalogue.key")
    pool.shutdown(wait=False)


def write_downloads(app: Sphinx, exception) -> None:
    if app.builder.name != "html":
        return
    catalogue = app.builder.__dict__["_edition_catalogue"]
    if exception is not None:
        catalogue.cancel()
        return
    ed = metadata.edition()
    out = Path(app.outdir) / "cite"
    out.mkdir(exist_ok=True)
    for target in TARGETS:
        work = None if target == "edition" else metadata.work(target)
        for ext, _, render in exports.FORMATS:
            (out / f"{target}.{ext}").write_text(render(ed, work), encoding="utf-8")
        # The same CSL-JSON as a script, which "Cite in another style" can load from file:// too.
        (out / f"{target}.js").write_text(
            csl_catalogue.PRELUDE + f"EditionCSL.items[{json.dumps(target)}]="
            + json.dumps(exports.csl_items(ed, work), ensure_ascii=False) + ";\n", encoding="utf-8")
    catalogue.result()


def add_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is None:
        return
    if doctree.next_node(how_to_cite) is not None or doctree.next_node(
            lambda n: isinstance(n, nodes.Element) and "para" in n.get("classes", [])) is not None:
        app.add_js_file("how_to_cite.js", priority=800)
        app.add_css_file("how_to_cite.css")


def add_static_path(app: Sphinx, config) -> None:
    # Not the book's _static/: Jupyter Book would put every script there on every page. Relative to the
    # book, so the configuration (and so the build) does not depend on where the checkout lies.
    config.html_static_path.append(os.path.relpath(ASSETS, app.confdir))


def setup(app: Sphinx) -> dict:
    app.add_node(how_to_cite, html=(visit_html, depart_html), epub=(visit_html, depart_html),
                 latex=(visit_latex, depart_latex), text=(visit_text, depart_text))
    app.add_node(cite_downloads, html=(visit_downloads_html, None), epub=(skip, None), latex=(skip, None),
                 text=(skip, None))
    app.add_directive("how-to-cite", HowToCiteDirective)
    app.connect("config-inited", add_static_path)
    app.connect("html-page-context", add_assets)
    app.connect("builder-inited", start_catalogue)
    app.connect("build-finished", write_downloads)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
