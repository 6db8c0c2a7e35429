"""Metadata for readers and reference managers: the edition's version in every page's footer, and citation
meta tags in the head of each essay page and of the landing page.

On an essay page the Highwire Press tags (``citation_*``, read by Google Scholar and Zotero) describe the
work as first published: for a report its institution and number. The Dublin Core tags
(``DC.*``) describe the reprint in this edition, with the original as ``DC.source`` and the edition as
``DC.publisher`` and ``DC.relation``. The landing page describes the edition. Everything comes from
CITATION.cff and data/essays.yml; the version is also set as Sphinx's ``release`` for the LaTeX title page.
"""

from __future__ import annotations

from html import escape

from sphinx.application import Sphinx

from edition import citation_styles, essays, exports, metadata


def essay_tags(ed: metadata.Edition, work: metadata.Work) -> list[tuple[str, str]]:
    released = (ed.released.year, ed.released.month, ed.released.day)
    tags = [
        ("citation_title", work.title),
        ("citation_author", work.author.inverted),
        ("citation_publication_date", exports.slash_date(work.date)),
        ("citation_language", "en"),
    ]
    if work.kind == "report":
        tags += [("citation_technical_report_institution", work.publisher),
                 ("citation_technical_report_number", work.number)]
    if ed.url:
        tags.append(("citation_fulltext_html_url", ed.address(work.page)))
    tags += [
        ("DC.title", work.title),
        ("DC.creator", work.author.inverted),
        ("DC.date", exports.iso_date(released)),
        ("DC.publisher", ed.title),
        ("DC.relation", citation_styles.plain(citation_styles.chicago_bibliography(ed))),
        ("DC.source", citation_styles.plain(citation_styles.chicago_bibliography(ed, work, original=True))),
        ("DC.type", "Text"),
        ("DC.language", "en"),
    ]
    return tags


def edition_tags(ed: metadata.Edition) -> list[tuple[str, str]]:
    released = (ed.released.year, ed.released.month, ed.released.day)
    tags = [
        ("citation_title", ed.title),
        ("citation_publication_date", exports.slash_date(released)),
        ("citation_language", "en"),
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


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", set_release)
    app.connect("html-page-context", add_meta)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
