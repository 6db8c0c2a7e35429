"""The cross-essay topics of ``data/crosslinks.csv``: the folded "Compare" line, the side-by-side views, the list.

    :::{compare} <paragraph id>        after a paragraph: one folded line naming every topic that lists it
    :::
    :::{side-by-side} <topic_id>       on chapters/topic-<topic_id>.md: the paragraphs of every essay on
    :::                                the topic in columns, in full, with their ¶ numbers and notes
    :::{topics}                        every topic: its contrast, its paragraphs, its side-by-side view
    :::

Everything is built from the data (``edition.crosslinks``) as text nodes, so words from a CSV never run as
markup. The side-by-side view copies each paragraph from its essay's resolved doctree, so it prints the same
established text (emendations, marks, links) as the essay page; links that pointed inside the essay page are
made to point at it; the search index leaves the copies out. The print builders (LaTeX) get the contrast and
a list of the paragraphs instead.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from edition import crosslinks, data, essays, ids

logger = logging.getLogger(__name__)
PAGE = "chapters/topic-{}"  # beside the essays, so the copied paragraphs' relative links stay valid
TOPICS_PAGE = "chapters/topics"


def topic_page(topic_id: str) -> str:
    return PAGE.format(topic_id)


class side_by_side(nodes.General, nodes.Element):
    """Placeholder for the columns, filled once every essay's doctree is resolved."""


class compare_line(nodes.General, nodes.Element):
    """A paragraph's "Compare" line: HTML folds it in a <details> whose summary is the one line."""


class compare_summary(nodes.paragraph):
    """The one line: the other essays' paragraphs and the topics' names; unfolded, each topic's contrast."""


def _topics(directive: SphinxDirective) -> dict[str, crosslinks.Topic]:
    for name in ("crosslinks", "links"):
        directive.env.note_dependency(str(data.DATA / f"{name}.csv"))
    return {t.topic_id: t for t in crosslinks.load()}


def _doc_link(directive: SphinxDirective, docname: str, text: str) -> addnodes.pending_xref:
    ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + docname, refexplicit=True,
                                refdoc=directive.env.docname, refwarn=True)
    ref += nodes.inline(text, text)
    return ref


def _para_link(directive: SphinxDirective, pid: str, text: str) -> addnodes.pending_xref:
    ref = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=pid, refexplicit=True,
                                refdoc=directive.env.docname, refwarn=True)
    ref += nodes.inline(text, text)
    return ref


def _paragraph_list(directive: SphinxDirective, topic: crosslinks.Topic, skip: str = "") -> list[nodes.Node]:
    """"Phillips ¶ 5, ¶ 6; Wesser ¶ 4" for every essay of the topic except ``skip``."""
    out: list[nodes.Node] = []
    for key, pids in topic.paragraphs.items():
        if key == skip:
            continue
        if out:
            out.append(nodes.Text("; "))
        out.append(nodes.Text(essays.get(key).label + " "))
        for i, pid in enumerate(pids):
            if i:
                out.append(nodes.Text(", "))
            out.append(_para_link(directive, pid, f"¶\u00a0{ids.label_of(pid)}"))
    return out


class CompareDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        pid = self.arguments[0]
        mine = [t for t in _topics(self).values() if pid in t.paragraphs.get(ids.key_of(pid), [])]
        if not mine:
            logger.warning("compare: no topic of data/crosslinks.csv lists %s", pid, location=self.get_location())
            return []
        node = compare_line(classes=["ed", "compare"])
        summary = compare_summary(classes=["compare-summary"])
        summary += nodes.Text("Compare: " + " · ".join(t.topic for t in mine))
        node += summary
        for topic in mine:
            item = nodes.paragraph(classes=["compare-topic"])
            item += nodes.strong(topic.topic, topic.topic)
            item += nodes.Text(": ")
            item.extend(_paragraph_list(self, topic, skip=ids.key_of(pid)))
            item += nodes.Text(". ")
            item += nodes.Text(topic.summary + " ")
            item += _doc_link(self, topic_page(topic.topic_id), "Read them side by side")
            item += nodes.Text(".")
            node += item
        self.set_source_info(node)
        return [node]


class SideBySideDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        topic = _topics(self).get(self.arguments[0])
        if topic is None:
            logger.warning("side-by-side: %r is not a topic_id of data/crosslinks.csv", self.arguments[0],
                           location=self.get_location())
            return []
        contrast = nodes.paragraph(classes=["ed", "sbs-contrast"])
        contrast += nodes.strong("The editors' comparison: ", "The editors' comparison: ")
        contrast += nodes.Text(topic.summary)
        where = nodes.paragraph(classes=["ed", "sbs-where"])
        where += nodes.Text("The paragraphs: ")
        where.extend(_paragraph_list(self, topic))
        where += nodes.Text(". All topics: ")
        where += _doc_link(self, TOPICS_PAGE, "the topics the essays share")
        where += nodes.Text(".")
        node = side_by_side(topic=topic.topic_id, paragraphs=[p for pids in topic.paragraphs.values() for p in pids])
        for key in topic.paragraphs:
            self.env.note_dependency(str(essays.get(key).copytext))
        return [contrast, where, node]


class TopicsDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        out = []
        for topic in _topics(self).values():
            box = nodes.container(classes=["ed", "topic-entry"], ids=[f"topic-{topic.topic_id}"])
            head = nodes.paragraph(classes=["topic-name"])
            head += nodes.strong("", "", _doc_link(self, topic_page(topic.topic_id), topic.topic))
            box += head
            box += nodes.paragraph(topic.summary, topic.summary, classes=["topic-summary"])
            where = nodes.paragraph(classes=["topic-where"])
            where.extend(_paragraph_list(self, topic))
            box += where
            out.append(box)
        return out


def _retarget(tree: nodes.Element, page: str) -> None:
    """Links that pointed inside the essay page point at the essay page."""
    for ref in list(tree.findall(nodes.reference)):
        if ref.get("refid"):
            ref["refuri"] = f"{page}#{ref['refid']}"
            del ref["refid"]
            ref["internal"] = True
        elif ref.get("refuri", "").startswith("#"):
            ref["refuri"] = page + ref["refuri"]


class _Essay:
    """An essay's resolved doctree, with its paragraphs and notes by id: read once a build for every view."""

    def __init__(self, tree: nodes.document):
        self.paragraphs = {n["ids"][0]: n for n in tree.findall(
            lambda n: isinstance(n, nodes.Element) and "para" in n.get("classes", []) and n.get("ids"))}
        self.notes = {n["ids"][0]: n for n in tree.findall(nodes.footnote) if n.get("ids")}


def _column(app: Sphinx, docname: str, key: str, pids: list[str], essay: _Essay) -> nodes.container:
    work = essays.get(key)
    page = app.builder.get_relative_uri(docname, work.docname)
    col = nodes.container(classes=["sbs-col"])
    head = nodes.paragraph(classes=["ed", "sbs-head"])
    head += nodes.reference("", work.author.full, refuri=page, internal=True)
    head += nodes.Text(f", “{work.title}”")
    col += head
    cited = []
    for pid in pids:
        para = essay.paragraphs[pid].deepcopy()
        # A copy, not the paragraph itself: its class says so, and the ¶-copying script stays off this page.
        para["classes"] = ["sbs-para" if c == "para" else c for c in para["classes"]]
        for box in list(para.findall(lambda n: isinstance(n, nodes.Element) and "ednote" in n.get("classes", []))):
            box.parent.remove(box)
        for num in list(para.findall(lambda n: n.__class__.__name__ == "para_number")):
            link = nodes.reference("", f"{work.label} ¶\u00a0{ids.label_of(pid)}", refuri=f"{page}#{pid}", internal=True,
                                   classes=["ed", "sbs-num"])
            num.replace_self(link)
        for ref in list(para.findall(nodes.footnote_reference)):
            label = ref.astext()
            cited.append(ref["refid"])
            sup = nodes.superscript("", "", nodes.reference("", label, refuri=f"{page}#{ref['refid']}", internal=True,
                                                            classes=["sbs-noteref"]))
            ref.replace_self(sup)
        _retarget(para, page)
        col += para
    if cited:
        box = nodes.container(classes=["sbs-notes"])
        box += nodes.paragraph("", "", nodes.strong("Notes", "Notes"), classes=["ed"])
        for anchor in dict.fromkeys(cited):
            note = essay.notes[anchor].deepcopy()
            label = note.next_node(nodes.label).astext()
            item = nodes.container(classes=["sbs-note"])
            for child in note.children:
                if not isinstance(child, nodes.label):
                    item += child
            first = item.next_node(nodes.paragraph)
            if first is not None:
                first.insert(0, nodes.reference("", f"{label}. ", refuri=f"{page}#{anchor}", internal=True,
                                                classes=["ed", "sbs-notenum"]))
            _retarget(item, page)
            box += item
        col += box
    return col


def fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(side_by_side))
    if not placeholders:
        return
    for node in placeholders:
        if app.builder.format != "html":
            node.parent.remove(node)  # print: the contrast and the list of paragraphs stand for the view
            continue
        by_key: dict[str, list[str]] = {}
        for pid in node["paragraphs"]:
            by_key.setdefault(ids.key_of(pid), []).append(pid)
        grid = nodes.container(classes=["sbs"])
        grid["classes"].append(f"sbs-{len(by_key)}")
        cache = app.builder.__dict__.setdefault("_edition_resolved", {})
        for key, pids in by_key.items():
            work = essays.get(key)
            if work.docname not in cache:
                cache[work.docname] = _Essay(app.env.get_and_resolve_doctree(work.docname, app.builder))
            grid += _column(app, docname, key, pids, cache[work.docname])
        node.replace_self(grid)


def index_without_copies(app: Sphinx) -> None:
    """The search finds a passage on its essay's page, not again on every view that copies it."""
    index_page = getattr(app.builder, "index_page", None)
    if index_page is None:
        return

    def index(pagename: str, doctree: nodes.document, title: str) -> None:
        if not pagename.startswith(PAGE.format("")):
            index_page(pagename, doctree, title)
            return
        # The views taken out while the page is indexed and put back, not the page copied: copies cost seconds.
        grids = [(g.parent, g.parent.index(g), g)
                 for g in doctree.findall(lambda n: isinstance(n, nodes.container) and "sbs" in n["classes"])]
        for parent, _, grid in reversed(grids):
            parent.remove(grid)
        try:
            index_page(pagename, doctree, title)
        finally:
            for parent, at, grid in grids:
                parent.insert(at, grid)

    app.builder.index_page = index


def outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    # A view copies its essays' paragraphs: when an essay changes, every view is rebuilt.
    essay_docs = {w.docname for w in essays.works()}
    if essay_docs & (set(added) | set(changed)):
        return [d for d in env.found_docs if d.startswith(PAGE.format(""))]
    return []


def visit_compare_html(self, node: compare_line) -> None:
    self.body.append(self.starttag(node, "details"))


def depart_compare_html(self, node: compare_line) -> None:
    self.body.append("</div></details>\n")


def visit_summary_html(self, node: compare_summary) -> None:
    self.body.append(self.starttag(node, "summary"))


def depart_summary_html(self, node: compare_summary) -> None:
    self.body.append('</summary><div class="compare-topics">\n')


def visit_compare_latex(self, node: compare_line) -> None:
    # In the edition's voice, as every block it adds (sphinxclassed in _latex/edition.sty); printed unfolded.
    self.body.append("\n\\begin{sphinxclassed}\n")


def depart_compare_latex(self, node: compare_line) -> None:
    self.body.append("\n\\end{sphinxclassed}\n")


def skip(self, node) -> None:
    # Print shows the unfolded line, whose paragraphs name each topic: the one-line summary would repeat them.
    raise nodes.SkipNode


def _pass(self, node) -> None:
    pass


def setup(app: Sphinx) -> dict:
    app.add_node(side_by_side, html=(_pass, _pass), epub=(_pass, _pass), latex=(_pass, _pass), text=(_pass, _pass))
    app.add_node(compare_line, html=(visit_compare_html, depart_compare_html),
                 epub=(visit_compare_html, depart_compare_html), latex=(visit_compare_latex, depart_compare_latex),
                 text=(_pass, _pass))
    app.add_node(compare_summary, html=(visit_summary_html, depart_summary_html),
                 epub=(visit_summary_html, depart_summary_html), latex=(skip, None), text=(skip, None))
    app.add_directive("compare", CompareDirective)
    app.add_directive("side-by-side", SideBySideDirective)
    app.add_directive("topics", TopicsDirective)
    app.connect("doctree-resolved", fill)
    app.connect("builder-inited", index_without_copies)
    app.connect("env-get-outdated", outdated)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
