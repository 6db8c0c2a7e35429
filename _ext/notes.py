"""Stable anchors for the authors' notes: ``#<key>-n12`` for note 12 of a work and ``#<key>-n12-ref`` for its marker.

Docutils numbers footnote ids in document order (``id84``), which would change whenever the edition adds
a footnote of its own. In an essay chapter (a document the registry names as a work's page) this transform
renames each author's note and its reference after the note's own number, so a citation such as
"n. 12" of an essay has a permanent link (the forms are in ``edition.ids``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from edition import essays, ids


class StableNoteIds(SphinxTransform):
    default_priority = 700  # after docutils has resolved and numbered footnotes (priority 620)

    def apply(self) -> None:
        work = essays.by_docname(self.env.docname)
        if work is None:
            return
        refs = {ref["ids"][0]: ref for ref in self.document.findall(nodes.footnote_reference) if ref.get("ids")}
        for note in self.document.findall(nodes.footnote):
            label = note.next_node(nodes.label).astext()
            new = ids.note(work.key, label)
            old = note["ids"][0]
            note["ids"] = [new]
            backrefs = []
            for i, backref in enumerate(note.get("backrefs", [])):
                ref = refs.get(backref)
                if ref is None:
                    continue
                ref_id = f"{new}-ref" if i == 0 else f"{new}-ref{i + 1}"
                ref["ids"] = [ref_id]
                if ref.get("refid") == old:
                    ref["refid"] = new
                backrefs.append(ref_id)
            note["backrefs"] = backrefs


def setup(app: Sphinx) -> dict:
    app.add_transform(StableNoteIds)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
