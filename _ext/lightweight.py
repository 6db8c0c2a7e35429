"""Keep the theme light, quiet and accessible: drop assets a page does not use and fix two markup faults.

Jupyter Book adds the same assets to every page: Thebe (declared twice, so every page logs a console
error, and it would load its kernel client from a CDN), the toggle and copy buttons, sphinx-design and
MyST-NB styles. This module removes each asset from pages whose body has nothing that uses it; the
``_templates/layout.html`` override drops the theme's 1.5 MB fontawesome script (its icon font, already
in the theme's CSS, draws the few icons) and the search index that every page otherwise downloads.

The theme's navigation folds a chapter's sections in a ``<details>`` whose ``<summary>`` holds only a
decorative chevron, so it has no accessible name (axe-core: ``summary-name``, serious); the navigation is
written here with a name on each such summary.

Docutils writes a bibliography as ``role="list"`` holding ``role="doc-biblioentry"`` items, which
assistive technology cannot read as a list (axe-core: ``aria-required-children``, critical); the
citation visitor here writes list items instead.

Sphinx's ``sphinx_highlight.js`` marks the words of a search from the search page, and every page loads
it; here it loads only on a page opened from a search (the search page leaves the words in localStorage
or the address), through a few bytes of inline script.

Markup no stylesheet or script reads is left out of every page, a tenth of an essay page's bytes: the
``<span class="std std-ref">`` around the text of each cross-reference (to persons, glossary terms,
sections), the ``<span class="fn-bracket">`` around each note number's brackets, and the ``title`` that
sphinxcontrib-bibtex puts on each "(Butler, 2015)" link, a second citation of the work in its ``plain``
style beside the note's own, which the edition's bibliography (Chicago, by citeproc-js) does not use.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

# asset file name (start) -> text in the page body that shows the page uses it; None: never used here
ASSETS = {
    "sphinx-thebe": None,
    "edition-epub.css": None,  # the EPUB's stylesheet: Jupyter Book adds every _static/*.css to web pages too
    "togglebutton": ("toggle", "dropdown"),
    "copybutton": ('class="highlight',),
    "clipboard.min.js": ('class="highlight',),
    "pygments.css": ('class="highlight',),  # code colours, for the few pages that show code
    "sphinx-design": ("sd-",),
    "design-tabs": ("sd-tab",),
    "mystnb.": ("cell_output", "cell_input"),
}
INLINE = {
    "THEBE_JS_URL": None,
    "toggleHint": ("toggle", "dropdown"),
    "toggleOpenOnPrint": ("toggle", "dropdown"),
    "togglebuttonSelector": ("toggle", "dropdown"),
}


HIGHLIGHT = "sphinx_highlight.js"
# Loads Sphinx's highlighter only when there are search words to mark; storage may be off (file://, privacy).
HIGHLIGHT_LOADER = """(() => {
  let words = /[?&]highlight=/.test(location.search);
  try { words = words || !!localStorage.getItem("sphinx_highlight_terms"); } catch (e) {}
  if (!words) return;
  const script = document.createElement("script");
  script.src = document.documentElement.dataset.content_root + "_static/sphinx_highlight.js";
  document.head.appendChild(script);
})();"""


def _needed(markers, body: str) -> bool:
    return markers is not None and any(m in body for m in markers)


def _keep(asset, body: str) -> bool:
    name = (asset.filename or "").rsplit("/", 1)[-1]
    for prefix, markers in ASSETS.items():
        if name.startswith(prefix):
            return _needed(markers, body)
    inline = asset.attributes.get("body", "") if not asset.filename else ""
    for marker, markers in INLINE.items():
        if marker in inline:
            return _needed(markers, body)
    return True


def trim_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "")
    # the EPUB's own stylesheets (epub_css_files) are what the ASSETS rule for web pages drops
    own = {f"_static/{name}" for name, _ in app.config.epub_css_files} if app.builder.name == "epub" else set()
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if asset.filename in own or _keep(asset, body)]
    # the search page keeps it: its script stores the words only where the highlighter is loaded
    if app.builder.name == "html" and pagename != "search" and "script_files" in context:
        scripts = context["script_files"]
        if any((a.filename or "").endswith(HIGHLIGHT) for a in scripts):
            loader = type(scripts[0])("", body=HIGHLIGHT_LOADER)
            context["script_files"] = [a for a in scripts if not (a.filename or "").endswith(HIGHLIGHT)] + [loader]


NAV_SUMMARY = '<summary><span class="toctree-toggle" role="presentation">'
NAMED_SUMMARY = '<summary aria-label="Show or hide the pages of this chapter"><span class="toctree-toggle" role="presentation">'


def name_nav_toggles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    make = context.get("generate_toctree_html")
    if make is None:
        return

    def named(*args, **kwargs) -> str:
        return str(make(*args, **kwargs)).replace(NAV_SUMMARY, NAMED_SUMMARY)

    context["generate_toctree_html"] = named


def _is_bib_link(node: nodes.reference) -> bool:
    return "#bib-" in node.get("refuri", "") or node.get("refid", "").startswith("bib-")


def trim_markup(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for ref in list(doctree.findall(nodes.reference)):
        if _is_bib_link(ref):
            ref.attributes.pop("reftitle", None)
        for i in reversed(range(len(ref.children))):
            child = ref.children[i]
            if isinstance(child, nodes.inline) and child["classes"] == ["std", "std-ref"]:
                ref[i:i + 1] = child.children


FN_BRACKETS = {'<span class="fn-bracket">[</span>': "[", '<span class="fn-bracket">]</span>': "]"}


def trim_brackets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body")
    if body:
        for span, bracket in FN_BRACKETS.items():
            body = body.replace(span, bracket)
        context["body"] = body


def visit_citation(self, node: nodes.citation) -> None:
    if not isinstance(node.previous_sibling(), nodes.citation):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=["citation"], role="listitem"))


def depart_citation(self, node: nodes.citation) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), nodes.citation):
        self.body.append("</div>\n")


def setup(app: Sphinx) -> dict:
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation),
                 epub=(visit_citation, depart_citation))
    app.connect("html-page-context", trim_assets, priority=900)  # after every extension has added its assets
    app.connect("html-page-context", name_nav_toggles, priority=900)  # after the theme has added its function
    app.connect("doctree-resolved", trim_markup, priority=900)  # after the extensions that add references
    app.connect("html-page-context", trim_brackets)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
