"""How the edition is found: schema.org JSON-LD, robots.txt, a 404 page, and (once the edition has a public
address) a sitemap and OpenGraph tags.

- JSON-LD (``edition.structured_data``): the landing page describes the edition as a ``Book`` with its
  chapters as ``hasPart``; each registered work's page describes it as a ``Chapter`` whose ``isBasedOn`` is
  the original publication.
- ``robots.txt`` at the site's root, naming the sitemap when there is one. Crawlers read it only at a
  host's root, so it counts where the edition is served from the root of its domain.
- sphinx-notfound-page writes ``404.html`` with absolute links under the address's path (``/`` without an
  address), so the host can serve it for a missing address at any depth.
- sphinx-sitemap and sphinxext-opengraph are loaded only when ``edition.metadata.address()`` is known: both
  need absolute addresses, and a sitemap or ``og:url`` of relative ones would be wrong. Without an address
  there is no ``sitemap.xml``, no ``og:`` tags, and robots.txt has no Sitemap line.
"""

from __future__ import annotations

from urllib.parse import urlparse

from sphinx.application import Sphinx

from edition import essays, metadata, structured_data

# Pages that are no content for a search engine: the search form, the generated index, the 404 page.
NOT_IN_SITEMAP = ["search.html", "genindex.html", "404.html"]


def _toc_order(app: Sphinx) -> list[str]:
    """Every document of the book in reading order (the root's toctree, depth first)."""
    seen, order = set(), []

    def walk(doc: str) -> None:
        for child in app.env.toctree_includes.get(doc, []):
            if child not in seen:
                seen.add(child)
                order.append(child)
                walk(child)

    walk(app.config.root_doc)
    return order


def _title(app: Sphinx, doc: str) -> str:
    title = app.env.titles.get(doc)
    return title.astext() if title is not None else doc


def _not_found_body(prefix: str) -> str:
    return ("<h1>Page not found</h1>\n"
            "<p>There is no page at this address in the edition. Addresses of paragraphs and notes are "
            "permanent; an address that worked before may have been typed or copied incompletely.</p>\n"
            f'<p>Start again from <a href="{prefix}index.html">the edition\'s first page</a> or '
            f'<a href="{prefix}search.html">search the edition</a>.</p>\n')


def configure(app: Sphinx, config) -> None:
    address = metadata.address()
    # A new address must re-read every page (citations and credits are made when a page is read).
    config.edition_address = address or ""
    prefix = urlparse(address).path if address else "/"
    config.notfound_urls_prefix = prefix
    # pagetitle too: the theme prints it as the heading of the page's print version.
    config.notfound_context = {"title": "Page not found", "pagetitle": "Page not found", "body": _not_found_body(prefix)}
    if address:
        config.sitemap_url_scheme = "{link}"  # not sphinx-sitemap's default "{lang}{version}{link}": one language, one version
        config.sitemap_excludes = NOT_IN_SITEMAP
        config.ogp_site_url = address
        config.ogp_site_name = metadata.edition().title
        config.ogp_social_cards = {"enable": False}  # no generated images (matplotlib); the edition has no card image


def add_json_ld(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name not in ("html", "dirhtml"):
        return
    ed = metadata.edition()
    work = essays.by_docname(pagename)
    if pagename == app.config.root_doc:
        chapters = [(app.builder.get_target_uri(doc), _title(app, doc), essays.by_docname(doc))
                    for doc in _toc_order(app)]
        record = structured_data.book(ed, chapters)
    elif work is not None:
        record = structured_data.essay_page(ed, work)
    elif pagename == app.config.notfound_pagename:
        context["metatags"] = context.get("metatags", "") + '\n<meta name="robots" content="noindex" />'
        return
    else:
        return
    context["metatags"] = (context.get("metatags", "") + '\n<script type="application/ld+json">\n'
                           + structured_data.script(record) + "\n</script>")


def complete_sitemap(app: Sphinx, exception) -> None:
    """sphinx-sitemap lists only the pages written by this build; an incremental build would drop the rest.

    Runs just before sphinx-sitemap writes the file: every document of the book is queued once, in
    reading order, with the pages the build itself added (none of them excluded).
    """
    queue = getattr(app, "sitemap_links", None)
    if exception is not None or queue is None or app.builder.name != "html":
        return
    written = []
    while not queue.empty():
        written.append(queue.get_nowait())
    links = [app.builder.get_target_uri(doc) for doc in [app.config.root_doc, *_toc_order(app)]]
    links += sorted({link for link, _ in written} - set(links))
    for link in links:
        if link not in NOT_IN_SITEMAP:
            queue.put((link, None))


def write_robots(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    address = metadata.address()
    lines = ["User-agent: *", "Allow: /"]
    if address:
        lines += ["", f"Sitemap: {address}{app.config.sitemap_filename}"]
    (app.builder.outdir / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.add_config_value("edition_address", "", "env", types=[str])
    app.setup_extension("notfound.extension")
    if metadata.address():
        app.setup_extension("sphinx_sitemap")
        app.setup_extension("sphinxext.opengraph")
        app.connect("build-finished", complete_sitemap, priority=400)
    else:
        app.add_config_value("sitemap_filename", "sitemap.xml", "html")
    app.connect("config-inited", configure)
    app.connect("html-page-context", add_json_ld)
    app.connect("build-finished", write_robots)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
