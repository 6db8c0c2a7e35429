"""The ``para`` directive: one author's paragraph with its stable anchor id and its ¶ number.

    :::{para} <key>-12
    Text of the paragraph ...
    :::

The id is the paragraph's permanent address (``#<key>-12``, as ``edition.ids`` forms it); the number shown is the one in the id.
Every build checks the id against the committed registry ``data/paragraphs.csv``: an unknown id, a
paragraph whose opening words no longer match, or a registered paragraph missing from the book is a
warning, and so a failed build under ``-W``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from edition import ids
from edition import paragraphs as registry

logger = logging.getLogger(__name__)


class para(nodes.General, nodes.Element):
    """A numbered paragraph (a container: MyST may parse its content into one or more blocks)."""


class para_number(nodes.Inline, nodes.TextElement):
    """The visible ¶ number, placed at the start of the paragraph's first line."""


def _words(node: nodes.Node) -> list[str]:
    """The copy-text's words of a paragraph: the edition's marks are skipped, and a node that prints an emended
    reading contributes the copy-text's reading it records as ``copytext``."""
    skip = (nodes.footnote_reference, para_number)
    out: list[str] = []

    def walk(n: nodes.Node) -> None:
        if isinstance(n, nodes.raw):
            out.append(" ")  # a hard line break separates words
        elif isinstance(n, nodes.Text):
            out.append(n.astext())
        elif not isinstance(n, skip) and "ed" not in n.get("classes", []):
            if "copytext" in n:
                out.append(n["copytext"])
            else:
                for child in n.children:
                    walk(child)

    walk(node)
    return "".join(out).split()


class ParaDirective(SphinxDirective):
    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        pid = self.arguments[0]
        match = ids.PARAGRAPH.fullmatch(pid)
        if not match:
            logger.warning("para id %r is not of the form <essay>-<n> or <essay>-f<n>", pid, location=self.get_location())
            return []
        node = para(ids=[pid], names=[pid], classes=["para"])
        node["label"] = match["label"]
        self.set_source_info(node)
        self.state.document.note_explicit_target(node)
        self.state.nested_parse(self.content, self.content_offset, node)

        entry = self._registry().get(pid)
        if entry is None:
            logger.warning("para id %r is not in data/paragraphs.csv", pid, location=self.get_location())
        else:
            opening = " ".join(_words(node)[: len(entry.opening.split())])
            if opening != entry.opening:
                logger.warning("para %s opens %r, the registry says %r", pid, opening, entry.opening, location=self.get_location())
        first = next(iter(node.findall(nodes.paragraph)), None)
        if first is not None:
            first.insert(0, para_number("", "¶ " + match["label"], refid=pid))
        self.env.note_dependency(str(registry.REGISTRY))
        self.env.edition_paras = getattr(self.env, "edition_paras", {})
        self.env.edition_paras.setdefault(self.env.docname, []).append(pid)
        return [node]

    def _registry(self) -> dict:
        if not hasattr(self.env, "edition_registry"):
            self.env.edition_registry = registry.load()
        return self.env.edition_registry


def visit_para_html(self, node: para) -> None:
    self.body.append(self.starttag(node, "div"))


def depart_para_html(self, node: para) -> None:
    self.body.append("</div>\n")


def visit_number_html(self, node: para_number) -> None:
    label = node.astext()
    self.body.append(
        f'<a class="para-num ed" href="#{node["refid"]}" data-para="{node["refid"]}" '
        f'title="Paragraph {label[2:]}: link to this paragraph">{label}</a> '
    )
    raise nodes.SkipNode


def visit_para_latex(self, node: para) -> None:
    self.body.append("\n" + self.hypertarget_to(node))


def depart_para_latex(self, node: para) -> None:
    pass


def visit_number_latex(self, node: para_number) -> None:
    self.body.append(r"\edparanum{" + node.astext()[2:] + "}")
    raise nodes.SkipNode


def visit_number_text(self, node: para_number) -> None:
    self.body.append(node.astext() + " ")
    raise nodes.SkipNode


def _pass(self, node) -> None:
    pass


def merge_info(app: Sphinx, env, docnames, other) -> None:
    env.edition_paras = getattr(env, "edition_paras", {})
    env.edition_paras.update(getattr(other, "edition_paras", {}))


def purge(app: Sphinx, env, docname: str) -> None:
    getattr(env, "edition_paras", {}).pop(docname, None)
    if hasattr(env, "edition_registry"):
        del env.edition_registry


def check_complete(app: Sphinx, env) -> None:
    seen = {pid for pids in getattr(env, "edition_paras", {}).values() for pid in pids}
    essays = {ids.key_of(pid) for pid in seen}
    known = registry.load()
    retired = registry.retired()
    for pid, entry in known.items():
        if entry.essay in essays and pid not in seen and pid not in retired:
            logger.warning("registered paragraph %s (%r) is missing from the book", pid, entry.opening)


def setup(app: Sphinx) -> dict:
    app.add_node(para, html=(visit_para_html, depart_para_html), latex=(visit_para_latex, depart_para_latex),
                 text=(_pass, _pass), epub=(visit_para_html, depart_para_html))
    app.add_node(para_number, html=(visit_number_html, None), latex=(visit_number_latex, None),
                 text=(visit_number_text, None), epub=(visit_number_html, None))
    app.add_directive("para", ParaDirective)
    app.connect("env-merge-info", merge_info)
    app.connect("env-purge-doc", purge)
    app.connect("env-check-consistency", check_complete)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
