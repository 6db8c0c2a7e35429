"""The ``tei`` directive: the edition in TEI P5 offered for download.

    :::{tei} <key>
    :::

With a work's key (on its page) the directive links ``tei/<key>.xml``; without one (on the landing page)
it links every work's file and the corpus ``tei/edition.xml``. The HTML build makes the files from the
data with ``edition.tei``, the same code as ``make tei``, and writes them to ``tei/`` of the output when
it has finished, all at once (kept beside the output, under a hash of every input, for the next build). Other
builders print nothing: a PDF or EPUB has no use for the link.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from edition import ROOT, essays, make_chapters, metadata, tei

logger = logging.getLogger(__name__)
# What the TEI is made from: a change to any of these re-reads the pages that link it.
CACHE = "tei-cache"  # beside the HTML output: the last build's TEI files, under the hash of their inputs
DEPENDS = ("data/essays.yml", "data/emendations.csv", "data/editorial_notes.csv", "data/persons.csv",
           "data/terms.csv", "CITATION.cff")


class tei_download(nodes.General, nodes.Element):
    """Links to the TEI files, which exist only in the HTML build."""


class TeiDirective(SphinxDirective):
    optional_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        keys = essays.keys()
        node = tei_download()
        if self.arguments:
            if self.arguments[0] not in keys:
                logger.warning("tei: no work %r in data/essays.yml; the works are %s", self.arguments[0],
                               ", ".join(keys), location=self.get_location())
                return []
            node["files"] = [(f"{self.arguments[0]}.xml", f"TEI P5 XML of this {essays.get(self.arguments[0]).noun}")]
        else:
            node["files"] = [(f"{k}.xml", essays.get(k).label) for k in keys]
            node["files"].append((f"{tei.CORPUS}.xml", "all works in one teiCorpus"))
        for path in DEPENDS:
            self.env.note_dependency(str(ROOT / path))
        for work in essays.works():
            self.env.note_dependency(str(work.copytext))
        self.set_source_info(node)
        return [node]


def _inputs_digest() -> str:
    """A hash of everything the TEI can be made from: what ``make chapters`` derives from (data/, with the
    copy-texts and decisions; the bibliography; the ``edition`` package's code), CITATION.cff, and the edition's
    metadata and address (the address may come from the environment). More than DEPENDS, so no input is missed."""
    inputs = make_chapters.inputs_digest([ROOT / "CITATION.cff"])
    return hashlib.sha256((inputs + repr((metadata.edition(), metadata.address()))).encode()).hexdigest()


def _files(app: Sphinx) -> dict[str, bytes]:
    """The TEI files, made once per build, and kept beside the output for the next build while no input changes."""
    if not hasattr(app, "edition_tei"):
        cache = Path(app.outdir).parent / CACHE
        done = cache / f"{_inputs_digest()}.pickle"
        try:
            app.edition_tei = pickle.loads(done.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError):
            app.edition_tei = tei.documents()
            shutil.rmtree(cache, ignore_errors=True)
            cache.mkdir(parents=True)
            partial = done.with_suffix(".part")
            partial.write_bytes(pickle.dumps(app.edition_tei, protocol=pickle.HIGHEST_PROTOCOL))
            partial.replace(done)
    return app.edition_tei


def _size(n: int) -> str:
    return f"{n / 1e3:.0f} kB"


def visit_html(self, node: tei_download) -> None:
    files = _files(self.builder.app)
    here = self.builder.get_target_uri(self.builder.current_docname)
    links = [f'<a class="reference download" href="{relative_uri(here, "tei/" + name)}" download="{name}">'
             f"{self.encode(label)}</a> ({_size(len(files[name]))})" for name, label in node["files"]]
    lead = "The edition in TEI P5 XML: " if len(links) > 1 else "Download: "
    self.body.append(f'<p class="ed tei-downloads">{lead}' + " · ".join(links) + "</p>\n")
    raise nodes.SkipNode


def skip(self, node) -> None:
    raise nodes.SkipNode


def _for_the_site(app: Sphinx) -> bool:
    return app.builder.format == "html" and app.builder.name != "epub"


def make_before_writing(app: Sphinx, env) -> None:
    # Made here, in the main process, before any page is written: a parallel build writes pages in several
    # processes, which would otherwise each make the files and race on the cache.
    if _for_the_site(app):
        _files(app)


def write_files(app: Sphinx, exception) -> None:
    if exception is not None or not _for_the_site(app):
        return
    tei.write(Path(app.outdir) / "tei", _files(app))


def setup(app: Sphinx) -> dict:
    app.add_node(tei_download, html=(visit_html, None), epub=(skip, None), latex=(skip, None), text=(skip, None))
    app.add_directive("tei", TeiDirective)
    app.connect("env-updated", make_before_writing)
    app.connect("build-finished", write_files)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
