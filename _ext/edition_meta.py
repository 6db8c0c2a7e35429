"""Metadata for readers and reference managers: the edition's version in every page's footer, and citation
meta tags in the head of each essay page and of the landing page.

On an essay page the Highwire Press (``citation_*``) and Dublin Core (``DC.*``) tags describe the reprint as
a book section of the edition; why each tag is there, checked against Zotero's Embedded Metadata
translator, is in README.md ("What Zotero reads"). The landing page describes the edition. Everything comes from
CITATION.cff and data/essays.yml; the version is also set as Sphinx's ``release`` for the LaTeX title page.
"""

from __future__ import annotations

from html import escape

from sphinx.application import Sphinx

from edition import citation_styles, essays, exports, metadata


def essay_tags(ed: metadata.Edition, work: metadata.Work) -> list[tuple[str, str]]:
    """The reprint as a book section of the edition, as Zotero's Embedded Metadata translator reads it.

    ``citation_inbook_title`` makes Zotero save a book section (the book as its title); the date is the
    edition's release. No ``citation_technical_report_*`` (Zotero would save a report under this page's
    address) and no ``DC.source`` (Zotero reads it as the publication title). The original is described in
    ``DC.description``, which Zotero keeps as the item's abstract without changing its type, title or date.
    """
    released = exports.slash_date((ed.released.year, ed.released.month, ed.released.day))
    tags = [
        ("citation_title", work.title),
        ("citation_author", work.author.inverted),
        ("citation_inbook_title", ed.title),
        ("citation_publication_date", released),
        ("citation_language", "en"),
    ]
    if ed.url:
        tags += [("citation_public_url", ed.address(work.page)), ("citation_fulltext_html_url", ed.address(work.page))]
    tags += _credit_tags(ed)
    tags += [
        ("DC.title", work.title),
        ("DC.creator", work.author.inverted),
        ("DC.date", exports.iso_date((ed.released.year, ed.released.month, ed.released.day))),
        ("DC.description", citation_styles.plain(citation_styles.originally(work))),
        ("DC.type", "Text"),
        ("DC.language", "en"),
    ]
    return tags


def _credit_tags(ed: metadata.Edition) -> list[tuple[str, str]]:
    """The edition's editors and publisher, only as CITATION.cff names them: no placeholder is ever a name."""
    tags = [("citation_editor", p.inverted if p.given else p.family) for p in ed.editors]
    if ed.publisher:
        tags += [("citation_publisher", ed.publisher), ("DC.publisher", ed.publisher)]
    return tags


def edition_tags(ed: metadata.Edition) -> list[tuple[str, str]]:
    released = (ed.released.year, ed.released.month, ed.released.day)
    tags = [
        ("citation_title", ed.title),
        ("citation_publication_date", exports.slash_date(released)),
        ("citation_language", "en"),
        *_credit_tags(ed),
        ("DC.title", ed.title),
        ("DC.date", exports.iso_date(released)),
        ("DC.type", "Text"),
        ("DC.language", "en"),
        ("DC.description", f"Version {ed.version} of the edition."),
        ("DC.rights", f"Editorial content: {ed.license}. "
                      "The essays remain the property of their authors and publishers."),
    ]
    if ed.url:
        tags.append(("DC.identifier", ed.url))
    return tags


def add_meta(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    ed = metadata.edition()
    if pagename == app.config.root_doc:
        tags = edition_tags(ed)
    elif essays.by_docname(pagename) is not None:
        tags = essay_tags(ed, essays.by_docname(pagename))
    else:
        tags = []
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<meta name="{name}" content="{escape(value)}" />' for name, value in tags)
    released = f"{ed.released.day} {citation_styles.MONTHS[ed.released.month - 1]} {ed.released.year}"
    version = (f'<p class="edition-version">Edition version {escape(ed.version)}, released {released}. '
               "Cite this version; the paragraph numbers are permanent.</p>")
    context["theme_extra_footer"] = version + (context.get("theme_extra_footer") or "")


def set_release(app: Sphinx, config) -> None:
    config.version = config.release = metadata.version()
    # The canonical link of every page (Sphinx writes it from html_baseurl), only once there is an address.
    config.html_baseurl = metadata.address() or ""


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", set_release)
    app.connect("html-page-context", add_meta)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
