"""The EPUB's package: its title, identifier, language and accessibility metadata, from the edition's metadata.

Sphinx's EPUB 3 builder writes a package document that EPUB reading systems and DAISY Ace judge
incomplete: the title is Sphinx's ``project`` ("Project name not set" under Jupyter Book), the identifier is
"unknown", the content documents' ``<html>`` carries no language, the navigation document has no ARIA role
and there is no schema.org accessibility metadata. This extension sets the title and identifier from
CITATION.cff (through ``edition.metadata``), gives every content document ``lang`` and ``xml:lang``, and
adds to ``content.opf`` and ``nav.xhtml`` what the builder's templates cannot, after it writes them and
before it zips the book. The accessibility statements are in ``ACCESSIBILITY`` below; each names a
feature the edition has (charts carry alt text and their data as tables, see ``edition_ext.charts``).
"""

from __future__ import annotations

import uuid
from html import escape
from pathlib import Path

from sphinx.application import Sphinx

from edition import metadata

# schema.org accessibility properties (EPUB Accessibility 1.1, "Discoverability"), as (property, value)
ACCESSIBILITY = [
    ("schema:accessMode", "textual"),
    ("schema:accessMode", "visual"),  # the four charts
    ("schema:accessModeSufficient", "textual"),  # each chart has alt text and its data as a table
    ("schema:accessibilityFeature", "alternativeText"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityFeature", "index"),
    ("schema:accessibilityHazard", "none"),
    ("schema:accessibilitySummary",
     "Reflowable text with headings, a table of contents and an index of persons. Each essay's paragraphs are "
     "numbered; the authors' notes link to and from their markers. The four charts are images with a text "
     "description, and each is followed by its data as a table."),
]


def identifier(ed: metadata.Edition) -> str:
    """The edition's address once it has one, else a name-based UUID that stays the same for one version."""
    return ed.url or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{ed.title} {ed.version}')}"


def configure(app: Sphinx, config) -> None:
    ed = metadata.edition()
    config.epub_title = ed.title
    config.epub_identifier = identifier(ed)
    config.epub_scheme = "URL" if ed.url else "UUID"
    config.epub_uid = "edition-id"


def prepare(app: Sphinx) -> None:
    builder = app.builder
    if builder.name != "epub":
        return
    lang = builder.config.epub_language
    builder.html_tag = builder.html_tag.replace(">", f' lang="{lang}" xml:lang="{lang}">', 1)
    build_content, build_navigation_doc = builder.build_content, builder.build_navigation_doc
    toc_metadata = builder.toc_metadata

    def content() -> None:
        builder.config.epub_exclude_files = [*builder.config.epub_exclude_files, *unreferenced(Path(builder.outdir))]
        build_content()
        _add_accessibility(Path(builder.outdir) / "content.opf")

    def toc(level, navpoints):
        # the NCX's dtb:uid must equal the package's identifier (epubcheck NCX-001), not the id of its element
        return {**toc_metadata(level, navpoints), "uid": escape(builder.config.epub_identifier)}

    def navigation() -> None:
        build_navigation_doc()
        _add_toc_role(Path(builder.outdir) / "nav.xhtml")

    builder.build_content, builder.build_navigation_doc, builder.toc_metadata = content, navigation, toc


def unreferenced(outdir: Path) -> list[str]:
    """Static files that no content document, and no stylesheet a content document uses, refers to by name:
    the theme copies them all, and a package should not list resources nothing uses (epubcheck OPF-097)."""
    pages = "".join(p.read_text(encoding="utf-8") for p in outdir.rglob("*.xhtml"))
    static = sorted(p for p in (outdir / "_static").rglob("*") if p.is_file())
    used_css = "".join(p.read_text(encoding="utf-8") for p in static if p.suffix == ".css" and p.name in pages)
    return [p.relative_to(outdir).as_posix() for p in static if p.name not in pages and p.name not in used_css]


def _add_accessibility(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = "".join(f'    <meta property="{prop}">{escape(value)}</meta>\n' for prop, value in ACCESSIBILITY)
    head, tail = text.rsplit("</metadata>", 1)
    path.write_text(f"{head}{lines}  </metadata>{tail}", encoding="utf-8")


def _add_toc_role(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('epub:type="toc">', 'epub:type="toc" role="doc-toc">', 1), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", configure)
    app.connect("builder-inited", prepare)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
