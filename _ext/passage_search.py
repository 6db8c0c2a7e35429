"""Search by passage: every paragraph, author's note and editors' note is an entry, found offline and from disk.

While reading, each document's passages are taken from its doctree: in a work's chapter (a page the
registry names) each numbered paragraph, each author's note and each editors' note; in every other
chapter each block under its nearest anchor (a section, a glossary or index entry, a textual note).
The text is the reading the edition prints without its marks (¶ numbers, note markers, editors'-note
letters, textual-note marks, page marks ‖, °), which sit in nodes of their own.

The HTML build writes the passages as a script (``_static/passage_search/passages.js``), so that it loads
from ``file://`` where a fetch of JSON would be refused, beside MiniSearch (npm, MIT; its licence is copied
beside it) and the search's own script; its styles are in ``_static/edition.css``. A page carries only a
small inline loader: the files load when a reader first points at or focuses a search box (the search page
opened with a query loads them at once), so a page's first load does not grow by them. The search page and the search dialog share one form
(``_templates/passage-search.html``).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from edition import essays, ids
from edition_ext.paragraphs import para, para_number

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
ASSETS = "passage_search"  # under the build's _static/, not _static itself, so Jupyter Book adds none of it to pages
MINISEARCH = HERE.parent / "node_modules" / "minisearch"
OWN_FILES = ("search.js",)
AUTO_ID = re.compile(r"id\d+")  # docutils' numbered ids move whenever a page changes: never a destination
EDNOTE_HEAD = re.compile(r"Ed\. [a-z]{1,2}")  # the note's own letter, printed before its text
# A page's loader: fetch the search on first focus of a search box, or at once where the search page opens with a query.
LOADER = (
    "(()=>{let done=false;const load=()=>{if(done)return;done=true;const s=document.createElement('script');"
    "s.src=document.documentElement.dataset.content_root+'_static/" + ASSETS + "/search.js';document.head.append(s)};"
    "document.addEventListener('focusin',e=>{if(e.target.closest('form.passage-search'))load()});"
    "document.addEventListener('pointerover',e=>{if(e.target.closest&&e.target.closest('.search-button__button'))load()});"
    "const eager=()=>{if(document.querySelector('form.passage-search[data-eager]')&&new URLSearchParams(location.search).get('q'))load()};"
    "document.readyState==='loading'?document.addEventListener('DOMContentLoaded',eager):eager()})();"
)


def _text(node: nodes.Node) -> str:
    """The printed words of a node without the edition's marks, whitespace collapsed."""
    out: list[str] = []

    def walk(n: nodes.Node) -> None:
        if isinstance(n, nodes.Text):
            out.append(n.astext())
        elif isinstance(n, nodes.raw):
            out.append(" ")  # a hard line break separates words
        elif isinstance(n, (nodes.footnote_reference, nodes.label, para_number, nodes.target, nodes.comment,
                            nodes.system_message, nodes.substitution_definition)):
            return
        elif isinstance(n, nodes.Inline) and "ed" in n.get("classes", []):
            return
        elif isinstance(n, nodes.strong) and EDNOTE_HEAD.fullmatch(n.astext()):
            return
        elif n.get("reftarget", "").endswith("-ref") or n.get("refid", "").endswith("-ref"):
            return  # "↩ back to the text"
        else:
            if isinstance(n, (nodes.paragraph, nodes.term, nodes.title, nodes.line)):
                out.append(" ")
            for child in n.children:
                walk(child)
            if isinstance(n, nodes.Element) and not isinstance(n, nodes.Inline):
                out.append(" ")

    walk(node)
    return " ".join("".join(out).split())


def _inside(node: nodes.Node, kinds: tuple) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False


def _usable(node: nodes.Element) -> str | None:
    return next((i for i in node.get("ids", []) if not AUTO_ID.fullmatch(i)), None)


def _work_passages(work: essays.Work, doctree: nodes.document) -> list[dict]:
    found = []
    for node in doctree.findall(para):
        pid = node["ids"][0]
        found.append({"a": pid, "w": work.key, "k": "para", "n": "¶ " + ids.label_of(pid), "t": _text(node)})
    for node in doctree.findall(nodes.footnote):
        note = ids.parse_note(node["ids"][0]) if node["ids"] else None
        if note:
            found.append({"a": node["ids"][0], "w": work.key, "k": "note", "n": f"author's note {note[1]}", "t": _text(node)})
    for node in doctree.findall(lambda n: isinstance(n, nodes.container) and "ednote" in n["classes"]):
        anchor = next((i for n in node.findall(nodes.Element) for i in n.get("ids", []) if i.startswith("ednote-")), None)
        if anchor:
            mark = anchor.removeprefix("ednote-")
            found.append({"a": anchor, "w": work.key, "k": "ednote", "n": f"editors' note {mark[:1].upper()}{mark[1:]}",
                          "t": _text(node)})
    return found


def _chapter_passages(doctree: nodes.document, title: str) -> list[dict]:
    """The blocks of an editors' chapter, one entry per anchor (consecutive blocks under one anchor are joined)."""
    found: list[dict] = []
    anchor, section = None, title
    for node in doctree.findall(nodes.Element):
        if isinstance(node, nodes.section):
            anchor = _usable(node) or anchor
            section = node[0].astext() if node.children and isinstance(node[0], nodes.title) else section
        elif isinstance(node, nodes.footnote) and node["ids"]:
            anchor, section = node["ids"][0], f"note {node.next_node(nodes.label).astext()}"
        elif isinstance(node, nodes.Body) and _usable(node):
            anchor = _usable(node)
        if not isinstance(node, (nodes.paragraph, nodes.term)) or anchor is None:
            continue
        if _inside(node, (nodes.paragraph, nodes.term, nodes.system_message)):
            continue
        text = _text(node)
        if not text:
            continue
        if found and found[-1]["a"] == anchor:
            found[-1]["t"] += " " + text
        else:
            found.append({"a": anchor, "w": "", "k": "editors", "n": section if section != title else "", "t": text})
    return found


def collect(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    work = essays.by_docname(docname)
    title = env.titles[docname].astext() if docname in env.titles else docname
    passages = _work_passages(work, doctree) if work else _chapter_passages(doctree, title)
    if not hasattr(env, "passage_search"):
        env.passage_search = {}
    env.passage_search[docname] = passages


def purge(app: Sphinx, env, docname: str) -> None:
    getattr(env, "passage_search", {}).pop(docname, None)


def merge_info(app: Sphinx, env, docnames, other) -> None:
    if not hasattr(env, "passage_search"):
        env.passage_search = {}
    env.passage_search.update({d: p for d, p in getattr(other, "passage_search", {}).items() if d in docnames})


def _is_web(app: Sphinx) -> bool:
    """The web edition (not the EPUB, whose reading systems bring their own search)."""
    return app.builder.format == "html" and not getattr(app.builder, "embedded", False)


def passages(app: Sphinx) -> dict:
    """Every passage of the book, works in the registry's order, then the chapters in the book's order."""
    env = app.env
    collected = getattr(env, "passage_search", {})
    works = essays.works()
    order = [w.docname for w in works] + [d for d in _reading_order(app) if essays.by_docname(d) is None]
    entries = []
    for docname in order:
        uri = app.builder.get_target_uri(docname)
        where = essays.by_docname(docname).label if essays.by_docname(docname) else (
            env.titles[docname].astext() if docname in env.titles else docname)
        for p in collected.get(docname, []):
            entries.append({"id": len(entries), "u": f"{uri}#{p['a']}", "c": where, **p})
    return {"works": [{"key": w.key, "label": w.label} for w in works], "passages": entries}


def _reading_order(app: Sphinx) -> list[str]:
    """The documents in the order of the table of contents (those outside it after, by name)."""
    env = app.env
    seen: list[str] = []

    def visit(docname: str) -> None:
        if docname in seen or docname not in env.found_docs:
            return
        seen.append(docname)
        for child in env.toctree_includes.get(docname, []):
            visit(child)

    visit(app.config.root_doc)
    return seen + sorted(set(env.found_docs) - set(seen))


def add_loader(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not _is_web(app):
        return
    context["passage_search_works"] = [(w.key, w.label) for w in essays.works()]
    app.add_js_file(None, body=LOADER)


def write_assets(app: Sphinx, exception) -> None:
    if exception is not None or not _is_web(app):
        return
    out = Path(app.outdir) / "_static" / ASSETS
    out.mkdir(parents=True, exist_ok=True)
    library = MINISEARCH / "dist" / "umd" / "index.js"
    if not library.exists():
        raise ExtensionError(f"{library} is missing: `make html` installs it (npm ci, from package.json)")
    # the source map is not shipped: drop the comment that would make developer tools request it
    code = library.read_text(encoding="utf-8").replace("//# sourceMappingURL=index.js.map", "").rstrip() + "\n"
    (out / "minisearch.js").write_text(code, encoding="utf-8")
    shutil.copyfile(MINISEARCH / "LICENSE.txt", out / "minisearch.LICENSE.txt")
    version = json.loads((MINISEARCH / "package.json").read_text(encoding="utf-8"))["version"]
    (out / "README.txt").write_text(
        f"minisearch.js: MiniSearch {version} by Luca Ongaro (npm package minisearch, dist/umd/index.js), "
        "MIT licence, see minisearch.LICENSE.txt.\n"
        "passages.js: the edition's passages, written by _ext/passage_search.py at build time.\n"
        "search.js: the edition's search (MIT, see the edition's LICENSE).\n", encoding="utf-8")
    for name in OWN_FILES:
        shutil.copyfile(HERE / "passage_search_assets" / name, out / name)
    data = json.dumps(passages(app), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # "</" cannot close a script element that a page might inline; text from data stays data
    (out / "passages.js").write_text("window.editionPassages=" + data.replace("</", "<\\/") + ";\n", encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", collect)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge_info)
    app.connect("html-page-context", add_loader)
    app.connect("build-finished", write_assets)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
