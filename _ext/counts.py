"""The ``count`` role: a number stated in the prose, computed from the data at build time, never typed.

    {count}`trade_1913_1947`                      rows of a table of data/datapackage.json      -> 27
    {count}`trade_1913_1947:series`               distinct non-empty values of a column         -> 10
    {count}`citations[essay=wesser]:note`         the same, of the rows whose cells match       -> 83
    {count}`trade_1913_1947:series|word`          spelt out as a word (one to twenty)           -> ten
    {count}`citations[essay=wesser,bibkey=butler2015/ulam1968]:note`  a cell that is any of these   -> 35
    {count}`citations[essay=wesser,bibkey!=butler2015]:note`          a cell that is none of them  -> 54

A table, column or filter the data package does not have is a warning naming the page and line, so
``-W`` fails the build; the page depends on the table's CSV, so a change to the data renews the number.
The chart directive's ``:alt:`` texts are options, not MyST: ``tests/test_data.py`` checks their counts.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from edition import data

logger = logging.getLogger(__name__)
WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen twenty").split()
FORM = re.compile(r"(?P<table>\w+)(?:\[(?P<where>[^\]]*)\])?(?::(?P<column>\w+))?(?:\|(?P<style>word))?")


def count(spec: str) -> int:
    """The number ``spec`` names (see the module docstring); ValueError says what is wrong with it."""
    m = FORM.fullmatch(spec.strip())
    if not m:
        raise ValueError(f"{spec!r} is not table[column=value,...]:column|word")
    tables = data.load()
    if m["table"] not in tables:
        raise ValueError(f"no table {m['table']!r} in data/datapackage.json")
    rows = tables[m["table"]]
    columns = set(rows[0]) if rows else {f["name"] for f in data.resource(m["table"])["schema"]["fields"]}
    for cond in filter(None, (m["where"] or "").split(",")):
        col, _, value = cond.partition("=")
        negate, col = col.endswith("!"), col.rstrip("!").strip()
        if col not in columns:
            raise ValueError(f"table {m['table']} has no column {col!r}")
        wanted = {v.strip() for v in value.split("/")}
        rows = [r for r in rows if (str(r[col] if r[col] is not None else "") in wanted) != negate]
    if m["column"]:
        if m["column"] not in columns:
            raise ValueError(f"table {m['table']} has no column {m['column']!r}")
        return len({r[m["column"]] for r in rows if r[m["column"]] not in (None, "")})
    return len(rows)


def spelt(spec: str, n: int) -> str:
    return WORDS[n] if spec.endswith("|word") and n < len(WORDS) else f"{n:,}"


class CountRole(SphinxRole):
    def run(self):
        try:
            n = count(self.text)
        except (ValueError, data.DataError) as exc:
            logger.warning("count %r: %s; use table[column=value]:column (tables and columns of "
                           "data/datapackage.json)", self.text, exc, location=self.get_location())
            return [nodes.Text(self.text)], []
        table = FORM.fullmatch(self.text.strip())["table"]
        self.env.note_dependency(str(data.DATA / data.resource(table)["path"]))
        return [nodes.Text(spelt(self.text, n))], []


def setup(app: Sphinx) -> dict:
    app.add_role("count", CountRole())
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
