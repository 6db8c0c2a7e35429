"""The ``works`` directive: the landing page's table of the edition's works, one column per registered work.

    :::{works}
    :::

Each column is written from the work's entry in ``data/essays.yml`` (label and year, title linked to its
chapter, author, first publication) and from the data (its numbered notes, counted as the ``count``
role counts them; "and a bibliography" when its decisions file keeps one). A new work is a new column.
Registry text goes into text nodes, never through a parser, so it prints as text in every format.
"""

from __future__ import annotations

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from edition import data, essays
from edition_ext.counts import count

ROWS = ("Title", "Author", "First published", "Notes")


def _has_bibliography(work: essays.Work) -> bool:
    return bool(yaml.safe_load(work.decisions.read_text(encoding="utf-8")).get("bibliography"))


def _title(work: essays.Work) -> nodes.Node:
    ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=f"/{work.docname}",
                                refexplicit=True, refwarn=True)
    ref += nodes.inline(text=work.title)
    return ref


def _cells(work: essays.Work) -> tuple[nodes.Node | str, ...]:
    notes = count(f"citations[essay={work.key}]:note")
    extra = " and a bibliography" if _has_bibliography(work) else ""
    return _title(work), work.author.full, work.publication, f"{notes:,} numbered notes{extra}"


def _row(cells, entry_class=nodes.entry) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        para = nodes.paragraph()
        para += cell if isinstance(cell, nodes.Node) else nodes.Text(cell)
        row += entry_class("", para)
    return row


def table(works: tuple[essays.Work, ...]) -> nodes.table:
    """A header row of works (label and year), then one row per entry of ``ROWS``; data text as text nodes."""
    group = nodes.tgroup(cols=len(works) + 1)
    group += nodes.colspec(colwidth=30)  # the row's label: a td, since Sphinx writes no scope for a stub th
    for _ in works:
        group += nodes.colspec(colwidth=70 // len(works))
    group += nodes.thead("", _row(["Work"] + [f"{w.label} ({w.year})" for w in works]))
    columns = [_cells(w) for w in works]
    group += nodes.tbody("", *(_row([name] + [c[i] for c in columns]) for i, name in enumerate(ROWS)))
    return nodes.table("", group, classes=["edition-works", "colwidths-given"])  # the writer keeps the widths


class WorksDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        works = essays.works()
        self.env.note_dependency(str(essays.REGISTRY))
        self.env.note_dependency(str(data.DATA / data.resource("citations")["path"]))
        for work in works:
            self.env.note_dependency(str(work.decisions))
        return [table(works)]


def setup(app: Sphinx) -> dict:
    app.add_directive("works", WorksDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
