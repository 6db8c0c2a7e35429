"""The ``emend`` and ``tnote`` roles: the edition's textual notes at their place in the text.

    ... his son {emend}`W01` would write ...      prints the adopted reading "Elliott", marked
    ... Ian Gray{tnote}`W05`, *Stalin* ...           the text stands; a mark links to the textual note

Both read ``data/emendations.csv`` (through ``edition.emendations``, which checks it against the copy-texts).
In HTML the emended reading is followed by a small button: hovering, focusing or tapping it shows the
copy-text's reading and the reason, in an element the button names with ``aria-describedby``; the full
entry is in the "Textual notes" chapter. Print and LaTeX show the reading with a mark. The mark, the
popover and the ``tnote`` link carry the class ``ed``; the reading itself is the text the edition prints,
and the node records the copy-text's reading (``copytext``) for the paragraph registry's opening check.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from edition import emendations

logger = logging.getLogger(__name__)
NOTES_DOC = "chapters/textual_notes"


class emendation(nodes.Inline, nodes.TextElement):
    """An adopted reading; its text is the reading, ``copytext`` the original."""


class textual_mark(nodes.Inline, nodes.TextElement):
    """A mark linking a passage left as written to its textual note."""


def _rows(env) -> dict[str, emendations.Emendation]:
    if not hasattr(env, "edition_emendations"):
        env.edition_emendations = {e.emendation_id: e for e in emendations.load()}
    return env.edition_emendations


class _Role(SphinxRole):
    action: tuple[str, ...] = ()

    def row(self):
        self.env.note_dependency(str(emendations.data.DATA / "emendations.csv"))
        try:
            row = _rows(self.env).get(self.text)
        except emendations.EmendationError as exc:
            logger.warning("%s", exc, location=self.get_location())
            return None
        if row is None:
            logger.warning("no emendation %r in data/emendations.csv", self.text, location=self.get_location())
        elif row.action not in self.action:
            logger.warning("emendation %s has action %r; use the %s role", row.emendation_id, row.action,
                           "emend" if row.action == "emend" else "tnote", location=self.get_location())
            return None
        return row

    def target(self, node: nodes.Element, row) -> nodes.Element:
        node["ids"] = [f"{row.anchor}-ref"]
        node["names"] = [f"{row.anchor}-ref"]
        node["anchor"], node["rid"], node["reason"] = row.anchor, row.emendation_id, row.reason
        node["original"] = row.original
        self.set_source_info(node)
        self.inliner.document.note_explicit_target(node)
        return node


class EmendRole(_Role):
    action = ("emend",)

    def run(self):
        row = self.row()
        if row is None:
            return [], []
        node = self.target(emendation("", row.reading, classes=["emend"]), row)
        node["copytext"] = row.original
        return [node], []


class TextualNoteRole(_Role):
    action = ("propose", "note")

    def run(self):
        row = self.row()
        if row is None:
            return [], []
        node = self.target(textual_mark("", row.emendation_id, classes=["ed", "tn-mark"]), row)
        node["proposal"] = row.reading if row.action == "propose" else ""
        return [node], []


def _notes_uri(self, node) -> str:
    return self.builder.get_relative_uri(self.builder.current_docname, NOTES_DOC) + "#" + node["anchor"]


def visit_emend_html(self, node: emendation) -> None:
    self.body.append(self.starttag(node, "span", "") + '<span class="emend-reading">')


def depart_emend_html(self, node: emendation) -> None:
    tip = f"{node['anchor']}-tip"
    self.body.append(
        "</span>"
        f'<button type="button" class="ed emend-mark" aria-describedby="{tip}">'
        f'<span aria-hidden="true">°</span><span class="ed-sr">Emended ({node["rid"]})</span></button>'
        f'<span class="ed emend-tip" id="{tip}">'
        f'Copy-text: <span class="emend-original">{escape(node["original"])}</span>. {escape(node["reason"])} '
        f'<a href="{_notes_uri(self, node)}">Textual note {node["rid"]}</a></span></span>'
    )


def visit_mark_html(self, node: textual_mark) -> None:
    title = f"Textual note {node['rid']}: " + (f"the editors propose “{node['proposal']}”. " if node["proposal"] else "")
    self.body.append(
        f'<a class="ed tn-mark" id="{node["ids"][0]}" href="{_notes_uri(self, node)}" '
        f'title="{escape(title + node["reason"])}">{node["rid"]}</a>'
    )
    raise nodes.SkipNode


def visit_emend_latex(self, node: emendation) -> None:
    self.body.append(self.hypertarget_to(node, anchor=True))


def depart_emend_latex(self, node: emendation) -> None:
    self.body.append(r"\textsuperscript{" + self.hyperlink(f"{NOTES_DOC}:{node['anchor']}") + r"°}}}")


def visit_mark_latex(self, node: textual_mark) -> None:
    self.body.append(self.hypertarget_to(node, anchor=True) + r"\textsuperscript{"
                     + self.hyperlink(f"{NOTES_DOC}:{node['anchor']}") + self.encode(node["rid"]) + "}}}")
    raise nodes.SkipNode


def _pass(self, node) -> None:
    pass


def depart_emend_text(self, node: emendation) -> None:
    self.add_text(f"[{node['rid']}]")


def visit_mark_text(self, node: textual_mark) -> None:
    self.add_text(f"[{node['rid']}]")
    raise nodes.SkipNode


def purge(app: Sphinx, env, docname: str) -> None:
    if hasattr(env, "edition_emendations"):
        del env.edition_emendations


def setup(app: Sphinx) -> dict:
    app.add_node(emendation, html=(visit_emend_html, depart_emend_html), epub=(visit_emend_html, depart_emend_html),
                 latex=(visit_emend_latex, depart_emend_latex), text=(_pass, depart_emend_text))
    app.add_node(textual_mark, html=(visit_mark_html, None), epub=(visit_mark_html, None),
                 latex=(visit_mark_latex, None), text=(visit_mark_text, None))
    app.add_role("emend", EmendRole())
    app.add_role("tnote", TextualNoteRole())
    app.connect("env-purge-doc", purge)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
