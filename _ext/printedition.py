"""The print and e-book editions: their version, title page, and the ``downloads`` directive that offers them.

    :::{downloads}
    :::

The PDF's title page, running heads and colophon take the edition's title from CITATION.cff and its short
title from data/edition.yml (through ``edition.metadata``), the version from Sphinx's ``release`` (set from
CITATION.cff by ``edition_meta.py``), and the works from the registry ``data/essays.yml`` (``edition.essays``).

The ``downloads`` directive lists the formats named in the ``edition_downloads`` setting (a path under the
book and a label). Only files that exist when the page is read are listed, so ``make html`` on its own never
shows a dead link; each listed path is a dependency of the page, so building the PDF or EPUB and then
``make html`` again (as ``make test`` and ``make all`` do) re-reads the page and links the new file. The HTML
visitor copies each linked file into ``_downloads/`` of the output; other builders print nothing, since a
PDF has no use for a link to itself.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri
from sphinx.util import texescape

from edition import essays, metadata

logger = logging.getLogger(__name__)


def _tex(text: str) -> str:
    texescape.init()  # the preamble is made at config-inited, before the LaTeX builder has set up the tables
    return texescape.escape(text)


def _works_macro() -> str:
    """``\\edworks``: the title page's list of works, from the registry."""
    lines = []
    for work in essays.works():
        where = f"{work.series} #{work.number}, {work.year}" if work.series else work.year
        lines.append(
            f"{{\\large {_tex(work.author.full)}\\par}}"
            f"{{\\itshape {_tex(work.title)}\\par}}{{\\small {_tex(where)}\\par}}"
        )
    return "\\newcommand\\edworks{" + "\\vspace{1.5em}".join(lines) + "}\n"


def _rights_macro() -> str:
    """``\\edrights``: who holds the rights in each work, for the colophon, from the registry."""
    holders = [f"{_tex(w.rights_holder)} for “{_tex(w.title)}”" for w in essays.works()]
    listed = holders[0] if len(holders) == 1 else ", ".join(holders[:-1]) + ", and " + holders[-1]
    return "\\newcommand\\edrights{" + listed + "}\n"


def _credit_macros() -> str:
    """``\\edcredited``, ``\\edpublished``, ``\\edaddress``: who edits and publishes it, and where (CITATION.cff)."""
    ed = metadata.edition()
    edited, published = metadata.credits(ed)
    where = (f"Online edition: \\url{{{ed.url}}}." if ed.url else "The edition has no public address yet.")
    return (f"\\newcommand\\edcredited{{{_tex(edited)}}}\n\\newcommand\\edpublished{{{_tex(published)}}}\n"
            f"\\newcommand\\edaddress{{{where}}}\n")


def _title_macros() -> str:
    """``\\edtitle``, ``\\edsubtitle`` (the parts of the title around its colon) and ``\\edshorttitle``."""
    ed = metadata.edition()
    title, _, subtitle = ed.title.partition(": ")
    return (f"\\newcommand\\edtitle{{{_tex(title)}}}\n\\newcommand\\edsubtitle{{{_tex(subtitle)}}}\n"
            f"\\newcommand\\edshorttitle{{{_tex(ed.short_title)}}}\n")


# In hyperref's PDF strings XeTeX passes Unicode through; only TeX's special characters need a macro.
_PDF_STRING = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "%": r"\%",
                             "&": r"\&", "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"})


def _pdf_metadata(language: str) -> str:
    """The PDF's document information and XMP metadata (hyperxmp): title, authors, subject, keywords, language."""
    ed = metadata.edition()
    fields = {
        "pdftitle": ed.title,
        "pdfauthor": ", ".join(ed.authors),
        "pdfsubject": ed.abstract,
        "pdfkeywords": ", ".join(ed.keywords),
        "pdfcopyright": f"Editorial content: {ed.license}. The essays remain the property of their authors and publishers.",
        "pdfversionid": ed.version,
    }
    pairs = ",\n  ".join(f"{key}={{{value.translate(_PDF_STRING)}}}" for key, value in fields.items() if value)
    # keeppdfinfo: hyperxmp 5.9 (TeX Live 2022) otherwise strips Author and Keywords from the Info dictionary.
    return f"\\usepackage{{hyperxmp}}\n\\hypersetup{{\n  {pairs},\n  pdflang={{{language}}},\n  keeppdfinfo}}\n"


def configure(app: Sphinx, config) -> None:
    elements = dict(config.latex_elements)
    elements["preamble"] = (_title_macros() + _credit_macros() + _works_macro() + _rights_macro() + elements.get("preamble", "")
                            + _pdf_metadata(config.language or "en"))
    config.latex_elements = elements


class downloads(nodes.General, nodes.Element):
    """The list of the edition's other formats that exist at build time."""


class DownloadsDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        node = downloads()
        node["files"] = []
        for entry in self.config.edition_downloads:
            path = entry.get("path")
            if not path or not entry.get("label"):
                logger.warning("edition_downloads entry %r needs a path and a label", entry, location=self.get_location())
                continue
            source = Path(self.env.srcdir) / path
            # A missing file noted as a dependency would make Sphinx read the page again on every build: whether
            # each file exists is recorded instead, and the page read again when that changes (``reread``).
            presence = self.env.__dict__.setdefault("edition_download_presence", {})
            presence.setdefault(self.env.docname, {})[path] = source.is_file()
            if source.is_file():
                self.env.note_dependency(path)
                node["files"].append({"path": path, "label": entry["label"], "bytes": source.stat().st_size})
        self.set_source_info(node)
        return [node]


def reread(app: Sphinx, env, added, changed, removed) -> list[str]:
    """The pages whose listed files have appeared or gone since they were read."""
    srcdir = Path(env.srcdir)
    return [doc for doc, seen in getattr(env, "edition_download_presence", {}).items()
            if any((srcdir / path).is_file() != existed for path, existed in seen.items())]


def purge(app: Sphinx, env, docname: str) -> None:
    getattr(env, "edition_download_presence", {}).pop(docname, None)


def merge(app: Sphinx, env, docnames, other) -> None:
    env.__dict__.setdefault("edition_download_presence", {}).update(getattr(other, "edition_download_presence", {}))


def visit_downloads_html(self, node: downloads) -> None:
    if not node["files"]:
        raise nodes.SkipNode
    links = []
    here = self.builder.get_target_uri(self.builder.current_docname)
    for item in node["files"]:
        name = Path(item["path"]).name
        href = relative_uri(here, f"_downloads/{name}")
        size = f"{item['bytes'] / 1e6:.1f} MB" if item["bytes"] >= 1e5 else f"{item['bytes'] / 1e3:.0f} kB"
        links.append(f'<a class="reference download" href="{href}" download="{name}">{self.encode(item["label"])}</a> ({size})')
    self.body.append('<p class="downloads">Download this edition: ' + " · ".join(links) + "</p>\n")
    raise nodes.SkipNode


def skip(self, node: downloads) -> None:
    raise nodes.SkipNode


def copy_downloads(app: Sphinx, exception) -> None:
    """Copy the files the pages link into the output's _downloads/.

    Read from the environment, not from the HTML visitor: in a parallel build the pages are written in other
    processes, whose state does not come back."""
    if exception is not None or app.builder.name != "html":
        return
    presence = getattr(app.env, "edition_download_presence", {})
    for path in sorted({path for seen in presence.values() for path, existed in seen.items() if existed}):
        source, target = Path(app.srcdir) / path, Path(app.outdir) / "_downloads" / Path(path).name
        if not (target.is_file() and filecmp.cmp(source, target, shallow=False)):  # unchanged: left as it is
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def epub_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """An EPUB page loads no scripts (the book is not declared scripted) and no stylesheet packed after it."""
    if app.builder.name != "epub":
        return
    context["script_files"] = []
    # MyST-NB and the charts copy their stylesheets when the build has finished, after the EPUB is packed.
    late = ("_static/mystnb.", "_static/charts/")
    context["css_files"] = [css for css in context["css_files"] if not css.filename.startswith(late)]


def unscript_epub(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Drop the inline scripts other extensions append to every page (sphinx-thebe's configuration) from the EPUB."""
    if app.builder.name != "epub":
        return
    for raw in list(doctree.findall(nodes.raw)):
        if "html" in raw.get("format", "").split() and "<script" in raw.astext():
            raw.parent.remove(raw)


def setup(app: Sphinx) -> dict:
    app.add_config_value("edition_downloads", [], "env", types=[list])
    app.connect("config-inited", configure)
    app.add_node(downloads, html=(visit_downloads_html, None), epub=(skip, None), latex=(skip, None), text=(skip, None))
    app.add_directive("downloads", DownloadsDirective)
    app.connect("env-get-outdated", reread)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("build-finished", copy_downloads)
    app.connect("html-page-context", epub_page, priority=900)  # after other extensions add their files
    app.connect("doctree-resolved", unscript_epub, priority=900)  # after sphinx-thebe has added its scripts
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
