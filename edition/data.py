"""Validate and load the edition's data: one module for the command line, the Sphinx build and the tests.

``data/datapackage.json`` is a Frictionless Data Package that describes every table of the edition: the
paragraph registry, the apparatus (persons, terms, mentions, emendations, editors' notes, cross-links and
links into the essays, works, citations) and the chart tables. A Table Schema per CSV gives types, units,
allowed values, ranges, primary keys and foreign keys (paragraph ids into ``data/paragraphs.csv``); every
``essay`` column allows exactly the works of ``data/essays.yml``. Frictionless checks the whole package in
one pass; ``RULES`` adds, one function per table, what a Table Schema cannot say: impossible dates and ends
before starts, precisions that differ from the date, links to rows that do not exist, works missing from
``references.bib``. Rules that need the established text (a locator found there once) stay with the module
that places it.

Every problem names the file, the row (the header is row 1), the column, what was expected and the
fix. Nothing is written here: callers get typed rows only when every table passes.

    python -m edition.data            # validate data/; exit 1 and list the problems if any
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from edition import ROOT, dates, essays, ids, safe_text

DATA = ROOT / "data"
DESCRIPTOR = DATA / "datapackage.json"
BIBLIOGRAPHY = ROOT / "references.bib"  # read by edition.references
# Multipliers to U.S. dollars; a unit not listed here is refused even if a schema allows it.
UNITS = {"USD": 1, "thousand USD": 1_000, "million USD": 1_000_000}
PERIODS = {"calendar_year": "calendar year (1 Jan–31 Dec)", "fiscal_year": "fiscal year", "multi_year": "multi-year total"}
# The span each dated table covers (the chronology chart runs 1917–1947; conferences start in 1919).
DATE_RANGES = {
    "conferences_1919_1947": (dt.date(1919, 1, 1), dt.date(1947, 12, 31)),
    "litvinov_offices": (dt.date(1917, 1, 1), dt.date(1947, 12, 31)),
}
VALID_STAMPS = ROOT / "_build" / ".data-valid"
SOURCES = DATA / "sources"
CHECKSUMS = SOURCES / "SHA256SUMS"
# The code that states the rules: a change to it must invalidate every verdict kept in VALID_STAMPS.
RULE_CODE = (Path(__file__), Path(safe_text.__file__))
# The licences a resource may carry, per resource: the edition's own tables are CC-BY-4.0; a table derived
# from an Open Database License source (RICardo) keeps the ODbL, with the DbCL for its contents.
LICENCES = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
            "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
            "DbCL-1.0": "https://opendatacommons.org/licenses/dbcl/1-0/"}
LICENCE_SETS = (["CC-BY-4.0"], ["ODbL-1.0", "DbCL-1.0"])


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}. Fix: {self.fix}"


class DataError(ValueError):
    """The data do not pass validation; ``problems`` lists each one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _rel(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def descriptor(path: Path = DESCRIPTOR) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise DataError([Problem(_rel(path), None, None, f"not UTF-8 (byte {exc.start})",
                                 "save the file as UTF-8")]) from None
    except json.JSONDecodeError as exc:
        raise DataError([Problem(_rel(path), exc.lineno, None, f"invalid JSON at line {exc.lineno}, column "
                                 f"{exc.colno}: {exc.msg}", "correct the JSON there (a missing comma or quote, "
                                 "a trailing comma); `python -m json.tool` shows where")]) from None


def resource(name: str, path: Path = DESCRIPTOR) -> dict:
    for res in descriptor(path)["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no resource {name!r} in {_rel(path)}")


def check_descriptor(path: Path = DESCRIPTOR) -> list[Problem]:
    """The descriptor itself: a valid Data Package, every resource with sources and its own licence
    (CC-BY-4.0 for the edition's tables; ODbL-1.0 with DbCL-1.0 for a table derived from an ODbL database)."""
    import frictionless  # a fifth of a second to import: only when data are validated, not when a verdict is kept

    report = frictionless.Package.validate_descriptor(str(path))
    problems = [Problem(_rel(path), None, None, f"invalid Data Package descriptor: {e.note}",
                        "correct the descriptor against the Frictionless Data Package standard") for e in report.errors]
    if problems:
        return problems
    for res in descriptor(path)["resources"]:
        if not res.get("sources"):
            problems.append(Problem(_rel(path), None, None, f"resource {res['name']} has no sources",
                                    "add a 'sources' list naming where the table's figures come from"))
        licences = [lic.get("name") for lic in res.get("licenses", [])]
        if licences not in LICENCE_SETS:
            problems.append(Problem(_rel(path), None, None, f"resource {res['name']} has licences {licences}",
                                    "give it licenses [CC-BY-4.0] for the edition's own data, or [ODbL-1.0, DbCL-1.0] "
                                    "for data derived from an Open Database License source"))
        for lic in res.get("licenses", []):
            if lic.get("name") in LICENCES and lic.get("path") != LICENCES[lic["name"]]:
                problems.append(Problem(_rel(path), None, None, f"resource {res['name']}: licence {lic['name']} "
                                        f"has path {lic.get('path')!r}", f"give it path {LICENCES[lic['name']]}"))
        if "ODbL-1.0" in licences and not any("Zenodo" in src.get("title", "") for src in res["sources"]):
            problems.append(Problem(_rel(path), None, None, f"resource {res['name']} is ODbL but names no attribution",
                                    "give the citation the source database asks for as a 'sources' title"))
        names = [f["name"] for f in res["schema"]["fields"]]
        if "unit" in names:
            allowed = next(f for f in res["schema"]["fields"] if f["name"] == "unit")["constraints"]["enum"]
            unknown = sorted(set(allowed) - set(UNITS))
            if unknown:
                problems.append(Problem(_rel(path), None, None, f"resource {res['name']} allows units {unknown} "
                                        "that have no multiplier", "add them to edition.data.UNITS"))
    return problems


def _expected(field: dict) -> str:
    c = field.get("constraints", {})
    if "enum" in c:
        return "one of " + ", ".join(repr(v) for v in c["enum"])
    parts = [{"date": "a date YYYY-MM-DD", "number": "a number", "integer": "a whole number"}.get(field["type"], "text")]
    if "pattern" in c:
        parts.append(f"matching {c['pattern']}")
    if "minimum" in c and "maximum" in c:
        parts.append(f"from {c['minimum']} to {c['maximum']}")
    elif "minimum" in c:
        parts.append(f"at least {c['minimum']}")
    if c.get("required"):
        parts.append("not empty")
    return ", ".join(parts)


def _fix(error, field: dict | None, res: dict) -> str:
    kind = error.type
    note = getattr(error, "note", "") or ""
    if kind == "primary-key":
        return f"each row needs its own ({', '.join(res['schema']['primaryKey'])}): remove the duplicate or correct the key"
    if kind in ("missing-cell", "extra-cell"):
        return "give the row exactly one cell per column (quote cells that contain commas)"
    if field is None:
        return "correct the row"
    if '"required"' in note and field["name"] == "source":
        return "give the full citation of the source the figure was read in; a row without a source cannot be shown"
    if '"required"' in note:
        return f"fill in {field['name']}"
    if '"enum"' in note and field["name"] == "unit":
        return "use a known unit (USD, thousand USD, million USD), converting the value if needed"
    if '"enum"' in note:
        return "use one of the allowed values, or add the new value to the schema in data/datapackage.json"
    if '"minimum"' in note or '"maximum"' in note:
        return "check the figure or date against its source; this table only covers the range given"
    if '"pattern"' in note:
        return f"write {field['name']} in the form the schema gives"
    return f"write {field['name']} as {_expected(field)}"


def _descriptor_for_validation(data_dir: Path, descriptor_path: Path, replace: dict[str, Path]) -> dict:
    """The descriptor as Frictionless checks it: every ``essay`` column allows exactly the registered works,
    and a table under test may stand in for its resource."""
    desc = copy.deepcopy(descriptor(descriptor_path))
    for res in desc["resources"]:
        if res["name"] in replace:
            res["path"] = str(Path(replace[res["name"]]).resolve())
        for f in res["schema"]["fields"]:
            if f["name"] == "essay":
                f.setdefault("constraints", {})["enum"] = list(essays.keys())
    return desc


def _frictionless(data_dir: Path, desc: dict, skip: set[str]) -> list[Problem]:
    """Every table against its schema, primary and foreign keys included, in one package validation."""
    import frictionless
    from frictionless import system

    by_name = {r["name"]: r for r in desc["resources"]}
    checked = dict(desc, resources=[r for r in desc["resources"] if r["name"] not in skip])
    with system.use_context(trusted=True):
        report = frictionless.Package(checked, basepath=str(data_dir)).validate()
    out = []
    for task in report.tasks:
        res = by_name[task.name]
        path = Path(res["path"]) if Path(res["path"]).is_absolute() else Path(data_dir) / res["path"]
        fields = {f["name"]: f for f in res["schema"]["fields"]}
        for e in task.errors:
            column = getattr(e, "field_name", None)
            if e.type == "primary-key":
                column = ", ".join(res["schema"]["primaryKey"])
            if e.type == "foreign-key":
                ref = by_name[e.reference_name]
                column, message = _fk_culprit(e, res, ref, data_dir)
                out.append(Problem(_rel(path), e.row_number, column, message,
                                   _fk_fix(res, ref, e.field_cells, data_dir)))
                continue
            field = fields.get(column) if column else None
            cell = getattr(e, "cell", None)
            what = f"{cell!r} is not allowed" if cell not in (None, "") else "empty cell"
            if e.type == "primary-key":
                what = "duplicate key: " + e.note
            elif field is not None and field["type"] == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(cell or "")):
                out.append(Problem(_rel(path), getattr(e, "row_number", None), column,
                                   f"{cell!r} is an impossible date (no such day or month)",
                                   f"check {column} against the source"))
                continue
            elif field is not None:
                what += f"; expected {_expected(field)}"
            else:
                what = e.note
            out.append(Problem(_rel(path), getattr(e, "row_number", None), column, what, _fix(e, field, res)))
    return out


def _fk_culprit(error, res: dict, ref: dict, data_dir: Path) -> tuple[str, str]:
    """The column of a foreign key that is wrong, and why: in a composite key (paragraph, essay) whose
    paragraph exists under another essay, the essay is named, not the key's first column."""
    names, cells = list(error.field_names), [str(c) for c in error.field_cells]
    values = ", ".join(repr(c) for c in cells)
    fk = next((k for k in res["schema"].get("foreignKeys", []) if
               (k["fields"] if isinstance(k["fields"], list) else [k["fields"]]) == names), None)
    if fk and len(names) > 1:
        ref_fields = fk["reference"]["fields"]
        ref_fields = ref_fields if isinstance(ref_fields, list) else [ref_fields]
        rows = _rows_or_empty(Path(data_dir) / ref["path"])
        same_first = [r for r in rows if r.get(ref_fields[0]) == cells[0]]
        if same_first:
            right = ", ".join(repr(same_first[0].get(f)) for f in ref_fields[1:])
            return (", ".join(names[1:]), f"{cells[0]!r} is in data/{ref['path']} with {', '.join(ref_fields[1:])} "
                    f"{right}, not {', '.join(repr(c) for c in cells[1:])}")
    return names[0], f"{names[0]} {values} does not exist in data/{ref['path']}"


def _fk_fix(res: dict, ref: dict, cells: list, data_dir: Path) -> str:
    """The fix for a foreign key that names no row: a withdrawn paragraph is named as such."""
    if ref["name"] == "paragraphs":
        retired = {r["id"]: r for r in _rows_or_empty(Path(data_dir) / "paragraphs_retired.csv")}
        for cell in cells:
            if cell in retired:
                by = retired[cell].get("replaced_by")
                return (f"paragraph {cell} was withdrawn (data/paragraphs_retired.csv): link to "
                        + (f"its replacement {by}" if by else "the paragraph that now holds the words"))
        if any(f["name"] == "locator" for f in res["schema"]["fields"]):
            return "give the essay's exact words as the locator and run `make chapters`, which derives the paragraph id"
    return f"use a value that data/{ref['path']} has, or add that row there first"


def _rows_or_empty(path: Path) -> list[dict]:
    try:
        return _rows(path)
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def read_problems(path: Path, res: dict) -> list[Problem]:
    """What stops a CSV being read at all: not UTF-8, a byte-order mark, a NUL, an unclosed quote, a row
    with more or fewer cells than the header. Each names the line or row and the fix."""
    file = _rel(path)
    raw = Path(path).read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return [Problem(file, 1, None, "the file starts with a byte-order mark (BOM), which would hide the first "
                        "column's name", "save it as UTF-8 without BOM (in LibreOffice: uncheck 'Byte-order mark')")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return [Problem(file, None, None, f"not UTF-8: line {line} holds the byte 0x{raw[exc.start]:02x}, which is "
                        "not UTF-8", "save the file as UTF-8 (it was probably saved as Latin-1 or Windows-1252)")]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return [Problem(file, None, None, f"line {line} holds a NUL character", "delete it; save as plain UTF-8 text")]
    problems = []
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, strict=True)
    rows: list[list[str]] = []
    try:
        rows.extend(reader)
    except csv.Error:
        # Read the same record leniently to find the cell whose quotation marks do not pair.
        loose = list(csv.reader(lines))
        record = loose[len(rows)] if len(rows) < len(loose) else []
        header = loose[0] if loose else []
        cell = next((i for i, c in enumerate(record) if '"' in c), None)
        column = header[cell] if cell is not None and cell < len(header) else None
        return [Problem(file, len(rows) + 1, column, f"unpaired quotation marks (line {reader.line_num})",
                        "a cell that holds a quotation mark, comma or line break is written in double quotes, "
                        'and each quotation mark inside it is doubled: "Obituary; ""Title"", Time"')]
    width = len(rows[0]) if rows else 0
    for row_no, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            more = len(row) > width
            problems.append(Problem(file, row_no, None, f"the row has {len(row)} cells, the header {width}"
                                    + (f"; the extra cells hold {row[width:]!r}" if more else ""),
                                    "give the row exactly one cell per column; quote a cell that contains commas "
                                    "(\"a, b\")"))
    return problems


def _header(path: Path, res: dict) -> list[Problem]:
    with open(path, newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh), [])
    expected = [f["name"] for f in res["schema"]["fields"]]
    problems = [Problem(_rel(path), 1, name, "missing column", f"add the column {name!r} ({_expected(f)}); "
                        "the columns are, in order: " + ", ".join(expected))
                for name, f in ((f["name"], f) for f in res["schema"]["fields"]) if name not in header]
    problems += [Problem(_rel(path), 1, name, "unknown column",
                         f"remove it, or describe it in data/datapackage.json (resource {res['name']})")
                 for name in header if name not in expected]
    if not problems and header != expected:
        problems.append(Problem(_rel(path), 1, None, "columns out of order",
                                "put the columns in the order " + ", ".join(expected)))
    return problems


def partial_date(text: str) -> tuple[dt.date, dt.date, str] | None:
    """Earliest and latest day a YYYY, YYYY-MM or YYYY-MM-DD date can mean, and its precision."""
    return dates.span(text)


def bibkeys(path: Path = BIBLIOGRAPHY) -> set[str]:
    from edition import references

    return set(references.keys(path))


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# Rules a Table Schema cannot state, one function per table: (rows, tables, report) with rows numbered as
# Frictionless numbers them (header = 1) and ``tables`` every table's raw rows, for lookups across them.

def _dates(report, row_no, row, span, start_col="start", end_col="end"):
    parsed = {}
    for col in (start_col, end_col):
        prec_col, text = f"{col}_precision", row.get(col, "")
        if not text:
            if row.get(prec_col):
                report(row_no, prec_col, f"precision {row[prec_col]!r} given for an empty {col}", f"empty {prec_col} too")
            continue
        p = partial_date(text)
        if p is None:
            report(row_no, col, f"{text!r} is an impossible date (no such day or month)",
                   f"check {col} against the source; write YYYY, YYYY-MM or YYYY-MM-DD")
            continue
        parsed[col] = p
        if row.get(prec_col) != p[2]:
            report(row_no, prec_col, f"precision {row.get(prec_col)!r} does not match {col} {text!r}; expected {p[2]!r}",
                   f"write {prec_col} as {p[2]!r}, or give {col} to the precision the source supports")
        if p[1] < span[0] or p[0] > span[1]:
            report(row_no, col, f"{text!r} is out of range; expected a date from {span[0]} to {span[1]}",
                   "check the date against its source; the table covers only that span")
    if start_col in parsed and end_col in parsed and parsed[end_col][1] < parsed[start_col][0]:
        report(row_no, end_col, f"end {row[end_col]!r} is before start {row[start_col]!r}",
               "check both dates against the source; the end may not precede the start")


def _trade(rows, tables, report):
    kinds: dict[str, set] = {}
    for row_no, row in enumerate(rows, start=2):
        kinds.setdefault(row["series"], set()).add(row["period_kind"])
        try:
            start, end = dt.date.fromisoformat(row["period_start"]), dt.date.fromisoformat(row["period_end"])
        except ValueError:
            continue  # Frictionless reports the malformed date
        if end < start:
            report(row_no, "period_end", f"end {end} is before start {start}",
                   "check both dates against the source; the end may not precede the start")
        if row["period_kind"] == "calendar_year" and not (
                start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)):
            report(row_no, "period_kind", f"calendar_year but the period runs {start} to {end}; expected 1 Jan to 31 Dec",
                   "use fiscal_year for any other twelve months, or correct the dates")
    for series, found in kinds.items():
        if len(found) > 1:
            report(None, "period_kind", f"series {series!r} mixes kinds of period {sorted(found)}",
                   "split it into one series per kind of period")


def _trade_annual(rows, tables, report):
    from edition import trade

    for row_no, column, message, fix in trade.problems(rows):
        report(row_no, column, message, fix)


def _claim_checks(rows, tables, report):
    """An essay_claims verdict the annual series decides must be the one it gives."""
    from edition import trade

    claims = {r["claim_id"]: r for r in tables.get("essay_claims", [])}
    annual = tables.get("trade_us_annual", [])
    for row_no, row in enumerate(rows, start=2):
        if row["from_year"] >= row["to_year"]:
            report(row_no, "to_year", f"to_year {row['to_year']} is not after from_year {row['from_year']}",
                   "give the earlier year first")
            continue
        claim = claims.get(row["claim_id"])
        if claim is None or not annual:
            continue  # the foreign key reports a missing claim
        try:
            computed, sums = trade.verdict(row, annual)
        except (ValueError, KeyError, ZeroDivisionError):
            continue  # Frictionless reports the malformed cell that stops the computation
        if claim["verdict"] != computed:
            report(row_no, "claim_id", f"data/essay_claims.csv gives {row['claim_id']} the verdict "
                   f"{claim['verdict']!r}, but the data give {computed!r} ({sums})",
                   f"write verdict {computed!r} in data/essay_claims.csv, or correct the figures")


def _trade_events(rows, tables, report):
    keys = {"milestones": "date", "essay_claims": "claim_id"}
    for row_no, row in enumerate(rows, start=2):
        if row["end"] < row["start"]:
            report(row_no, "end", f"end {row['end']!r} is before start {row['start']!r}", "correct the dates")
        key = keys[row["table"]] if row["table"] in keys else None
        if key and row["row_id"] not in {r[key] for r in tables.get(row["table"], [])}:
            report(row_no, "row_id", f"{row['row_id']!r} is not a {key} of data/{row['table']}.csv",
                   f"use the {key} of the row that documents the event")


def _charts(rows, tables, report):
    from edition import charts

    names = set(tables) | set(DERIVED)  # `make chapters` validates without the tables it derives
    for row_no, row in enumerate(rows, start=2):
        for column in ("figure", "paragraphs"):
            name = row[column]
            if ":" not in name and name != "none" and not callable(charts.FUNCTIONS.get(name)):
                report(row_no, column, f"{name!r} is not a drawing function of edition/charts.py",
                       "use one of " + ", ".join(sorted(charts.FUNCTIONS)))
        for name in row["tables"].split() + [row["paragraphs"].partition(":")[2]] * (":" in row["paragraphs"]):
            if name not in names:
                report(row_no, "tables", f"{name!r} is not a resource of data/datapackage.json",
                       "name the resources the chart reads")


def _dated(table):
    def rule(rows, tables, report):
        for row_no, row in enumerate(rows, start=2):
            _dates(report, row_no, row, DATE_RANGES[table])
    return rule


def _conferences(rows, tables, report):
    _dated("conferences_1919_1947")(rows, tables, report)
    linked = {r["row_id"] for r in tables.get("links", []) if r["table"] == "conferences_1919_1947"}
    for row_no, row in enumerate(rows, start=2):
        if row["event_id"] not in linked:
            report(row_no, "event_id", "the event is linked to no paragraph of any essay",
                   "give the words of the essays that tell of it as rows of data/links.csv (then `make chapters`)")


def _paragraphs(rows, tables, report):
    for row_no, row in enumerate(rows, start=2):
        if row["id"] and ids.key_of(row["id"]) != row["essay"]:
            report(row_no, "id", f"{row['id']!r} does not begin with its essay's key {row['essay']!r}",
                   "do not edit ids by hand: `python -m edition.make_chapters --add-new` registers them")


def _retired(rows, tables, report):
    openings = {r["id"]: r["opening"] for r in tables.get("paragraphs", [])}
    for row_no, row in enumerate(rows, start=2):
        if row["id"] in openings and row["opening"] != openings[row["id"]]:
            report(row_no, "opening", f"must repeat the registry's opening {openings[row['id']]!r}",
                   "copy the opening from data/paragraphs.csv")


def _links(rows, tables, report):
    keys = {"conferences_1919_1947": "event_id", "litvinov_offices": "office", "crosslinks": "topic_id"}
    for row_no, row in enumerate(rows, start=2):
        key = keys.get(row["table"])
        if key and row["table"] in tables and row["row_id"] not in {r[key] for r in tables.get(row["table"], [])}:
            report(row_no, "row_id", f"{row['row_id']!r} is not a {key} of data/{row['table']}.csv",
                   f"use the {key} of the row the link belongs to")


TABLES_OF = {"person": "persons", "term": "terms"}


def _mentions(rows, tables, report):
    entries = {"person": {r["person_id"] for r in tables.get("persons", [])},
               "term": {r["term_id"] for r in tables.get("terms", [])}}
    for row_no, row in enumerate(rows, start=2):
        if row["kind"] in entries and TABLES_OF[row["kind"]] in tables and row["id"] not in entries[row["kind"]]:
            report(row_no, "id", f"{row['id']!r} is not an entry of data/{row['kind']}s.csv",
                   "regenerate with `make chapters`, or list the entry first")


def _works(rows, tables, report):
    from edition import references

    try:
        keys = bibkeys()
    except references.ReferencesError as exc:
        report(None, None, str(exc), "correct references.bib")
        return
    for row_no, row in enumerate(rows, start=2):
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            report(row_no, "pattern", f"not a regular expression ({exc})", "correct the pattern")
        if row["bibkey"] not in keys:
            report(row_no, "bibkey", f"{row['bibkey']!r} is not in references.bib", "add the work to references.bib")


def _citations(rows, tables, report):
    works = {(r["essay"], r["bibkey"]): r["kind"] for r in tables.get("works", [])}
    for row_no, row in enumerate(rows, start=2):
        kind = works.get((row["essay"], row["bibkey"]))
        if kind is None:
            report(row_no, "bibkey", f"{row['bibkey']!r} is not a work of {row['essay']} in data/works.csv",
                   "re-derive with `make chapters`")
        elif kind != row["kind"]:
            report(row_no, "kind", f"{row['kind']!r} differs from data/works.csv; expected {kind!r}",
                   "re-derive with `make chapters`")


def _emendations(rows, tables, report):
    for row_no, row in enumerate(rows, start=2):
        if (row["place"] == "note") != bool(row["note"]):
            report(row_no, "note", "give the note's number when place is 'note', and leave it blank otherwise",
                   "correct note or place")
        if row["action"] == "emend" and not row["reading"].strip():
            report(row_no, "reading", "an emendation needs the reading it adopts", "give the adopted reading")
        if row["essay"] in essays.keys() and re.match(r"[A-Z]*", row["emendation_id"])[0] != essays.get(row["essay"]).letter:
            report(row_no, "emendation_id", f"{row['emendation_id']} does not begin with the letter of {row['essay']}",
                   f"begin it with {essays.get(row['essay']).letter}")


def _ednotes(rows, tables, report):
    for row_no, row in enumerate(rows, start=2):
        if row["essay"] in essays.keys() and row["note_id"].split("-")[0] != essays.get(row["essay"]).letter:
            report(row_no, "note_id", f"{row['note_id']} does not begin with the letter of {row['essay']}",
                   f"begin it with {essays.get(row['essay']).letter}-")


def _review(rows, tables, report):
    paragraphs = {r["id"] for r in tables.get("paragraphs", [])}
    # The notes a work has are known from the derived table of citations; when a caller skips it (the
    # apparatus loaders do), a note place is checked for its form and work only.
    notes = ({ids.note(r["essay"], r["note"]) for name in ("citations", "notes_without_works")
              for r in tables.get(name, [])} if "citations" in tables else None)
    owners = {}
    for table, key in (("emendations", "emendation_id"), ("editorial_notes", "note_id"), ("essay_claims", "claim_id")):
        owners.update({r[key]: (table, r["essay"]) for r in tables.get(table, [])})
    for row_no, row in enumerate(rows, start=2):
        place, work = row["place"], ids.key_of(row["place"])
        if work not in essays.keys():
            report(row_no, "place", f"{place!r} names no work of data/essays.yml", "begin the place with a registered key")
            continue
        if place not in paragraphs and (notes is None and ids.parse_note(place) is None
                                        or notes is not None and place not in notes):
            report(row_no, "place", f"{place!r} is neither a paragraph of data/paragraphs.csv nor a note of {work}",
                   "use a paragraph id of data/paragraphs.csv or <key>-n<N> for a note the copy-text has")
        if row["result"] not in ("agrees", "nothing_to_check") and not row["finding"].strip():
            report(row_no, "finding", f"result {row['result']!r} needs a finding", "say what was found")
        if row["result"] != "nothing_to_check" and not row["source"].strip():
            report(row_no, "source", "only a place with nothing to check may name no source",
                   "give the citation checked against (the copy-text itself, for internal evidence)")
        for action in filter(None, row["action"].split(" ; ")):
            if action not in owners:
                report(row_no, "action", f"{action!r} is not an id of data/emendations.csv, data/editorial_notes.csv "
                       "or data/essay_claims.csv", "add the textual note, editors' note or claim first, or correct the id")
            elif owners[action][1] != work:
                report(row_no, "action", f"{action!r} belongs to {owners[action][1]}, not to {work}",
                       "name what the finding became in the same work")


# What an explanation says of its own claim, in the terms chapters/principles.md gives the verdicts: a
# sentence that calls the claim (or every part of it) false or contradicted, or its point unverified, or the
# claim overstated or inexact, decides which verdicts the row may carry.
_CLAIM = r"\b(?:the claim|both parts|all parts|each part|every part)\b[^.;:]*"
_VERDICT_TERMS = [
    (re.compile(_CLAIM + r"\b(?:is|are|was|were)\s+(?:false|wrong|contradicted|refuted|incorrect)\b", re.I),
     {"contradicted"}, "calls the claim false"),
    (re.compile(r"\bthe claim's (?:point|central assertion)\b[^.;]*\b(?:unverified|not verified|unconfirmed)\b", re.I),
     {"unverifiable"}, "leaves the claim's point unverified"),
    (re.compile(r"\b(?:overstated|inexact|anachronistic|rounds? (?:up|upward)|exaggerat\w*)\b", re.I),
     {"roughly_supported", "unverifiable", "contradicted"}, "finds the claim inexact"),
]


def _claims(rows, tables, report):
    for row_no, row in enumerate(rows, start=2):
        for sentence in re.split(r"(?<=[.!?])\s+", row["explanation"].strip()):
            for pattern, allowed, says in _VERDICT_TERMS:
                if pattern.search(sentence) and row["verdict"] not in allowed:
                    report(row_no, "verdict", f"{row['verdict']!r}, but the explanation {says}: {sentence!r}",
                           f"use {' or '.join(sorted(allowed))} (chapters/principles.md, Verdicts), "
                           "or correct the explanation")


def text_problems(res: dict, rows: list[dict], report) -> None:
    """Every string cell against its field's kind (``markup``: text, inline, copytext, urls; see
    ``edition.safe_text``): data text is printed as text and can carry no markup, directive or address
    that is not http(s)."""
    for field in res["schema"]["fields"]:
        if field["type"] != "string":
            continue
        kind, name = field.get("markup", "text"), field["name"]
        for row_no, row in enumerate(rows, start=2):
            value = row.get(name) or ""
            if not value:
                continue
            if kind == "urls":
                found = [p for url in value.split(" ; ") for p in safe_text.url_problems(url)]
            else:
                found = safe_text.problems(value, kind)
            for reason in found:
                report(row_no, name, reason.split("; ", 1)[0], reason.split("; ", 1)[1] if "; " in reason else
                       "correct the cell")


def _empty(res: dict, rows: list[dict], report) -> None:
    if not rows and not res.get("mayBeEmpty"):
        report(None, None, "the table has no rows, and the data package does not say it may be empty",
               "restore its rows (`git checkout -- data/`), or, if it may truly be empty, give its resource "
               '"mayBeEmpty": true in data/datapackage.json')


RULES = {
    "paragraphs": _paragraphs, "paragraphs_retired": _retired, "links": _links, "mentions": _mentions,
    "mentions_rejected": _mentions, "works": _works, "citations": _citations, "emendations": _emendations,
    "editorial_notes": _ednotes, "trade_1913_1947": _trade, "conferences_1919_1947": _conferences,
    "litvinov_offices": _dated("litvinov_offices"), "review": _review, "essay_claims": _claims,
    "trade_us_annual": _trade_annual,
    "claim_checks": _claim_checks, "trade_events": _trade_events, "charts": _charts,
}


def _path(data_dir: Path, res: dict, replace: dict[str, Path]) -> Path:
    return Path(replace[res["name"]]) if res["name"] in replace else Path(data_dir) / res["path"]


def _validate(data_dir: Path, descriptor_path: Path, replace: dict[str, Path], skip=()) -> list[Problem]:
    problems = check_descriptor(descriptor_path)
    if problems:
        return problems
    resources = [r for r in descriptor(descriptor_path)["resources"] if r["name"] not in skip]
    unreadable: set[str] = set()
    for res in resources:
        path = _path(data_dir, res, replace)
        if not path.exists():
            problems.append(Problem(_rel(path), None, None, "file missing", f"restore {res['path']} (resource {res['name']})"))
            unreadable.add(res["name"])
            continue
        header = read_problems(path, res) or _header(path, res)
        if header:
            problems += header
            unreadable.add(res["name"])
    problems += _frictionless(data_dir, _descriptor_for_validation(data_dir, descriptor_path, replace),
                              unreadable | set(skip))
    tables = {r["name"]: _rows(_path(data_dir, r, replace)) for r in resources if r["name"] not in unreadable}
    for res in resources:
        if res["name"] not in tables:
            continue
        file = _rel(_path(data_dir, res, replace))
        report = (lambda row, column, message, fix, file=file: problems.append(Problem(file, row, column, message, fix)))
        _empty(res, tables[res["name"]], report)
        text_problems(res, tables[res["name"]], report)
        rule = RULES.get(res["name"])
        if rule:
            rule(tables[res["name"]], tables, report)
    # The edition's own data always carry the copy-texts; a data folder elsewhere (a chart fixture) may not.
    if (Path(data_dir) / "sources").exists() or Path(data_dir).resolve() == DATA.resolve():
        problems += checksum_problems(Path(data_dir) / "sources")
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))


def checksum_problems(sources: Path = SOURCES) -> list[Problem]:
    """Every copy-text against ``SHA256SUMS``: an altered, missing or unlisted copy-text is refused."""
    sums = Path(sources) / "SHA256SUMS"
    if not sums.exists():
        return [Problem(_rel(sums), None, None, "file missing", "restore data/sources/SHA256SUMS")]
    problems, listed = [], set()
    for line_no, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), start=1):
        digest, _, name = line.partition("  ")
        if not re.fullmatch(r"[0-9a-f]{64}", digest) or not name or "/" in name or name.startswith("."):
            problems.append(Problem(_rel(sums), line_no, None, f"not a line of `sha256sum` output: {line!r}",
                                    "write '<64 hex digits>  <file name in data/sources>'"))
            continue
        listed.add(name)
        path = Path(sources) / name
        if not path.exists():
            problems.append(Problem(_rel(path), None, None, "copy-text missing", f"restore {name} in data/sources/"))
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(Problem(_rel(path), None, None, "the copy-text differs from its checksum in "
                                    "data/sources/SHA256SUMS: it is no longer the text as received",
                                    "restore it (`git checkout -- data/sources/`); a copy-text is never edited: "
                                    "record a correction in data/emendations.csv"))
    for path in sorted(Path(sources).glob("*.txt")):
        if path.name not in listed:
            problems.append(Problem(_rel(path), None, None, "copy-text not listed in data/sources/SHA256SUMS",
                                    "add its line: `sha256sum <file> >> SHA256SUMS` in data/sources/"))
    return problems


def _inputs(data_dir: Path, descriptor_path: Path) -> list[Path]:
    """Every file the validation reads (the descriptor, its tables, the registry of works, the bibliography,
    the copy-texts and their checksums) and the code that states the rules."""
    tables = [Path(data_dir) / r["path"] for r in descriptor(descriptor_path)["resources"]]
    sources = sorted((Path(data_dir) / "sources").glob("*"))
    return [descriptor_path, *tables, essays.REGISTRY, BIBLIOGRAPHY, *sources, *RULE_CODE]


def fingerprint(data_dir: Path = DATA, descriptor_path: Path | None = None) -> str:
    """A hash of every input of the validation: equal fingerprints, equal verdicts."""
    descriptor_path = Path(descriptor_path or Path(data_dir) / "datapackage.json")
    digest = hashlib.sha256()
    for path in _inputs(Path(data_dir), descriptor_path):
        # The rule code by name, not place: a copy of the book run with the installed package shares its verdicts.
        digest.update((path.name if path in RULE_CODE else str(path)).encode() + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"\0missing\0")
    return digest.hexdigest()


def validate(data_dir: Path = DATA, descriptor_path: Path | None = None, skip=()) -> list[Problem]:
    """Every problem in the descriptor and in every table it describes (but those in ``skip``).

    Data that passed once are not checked again while their fingerprint holds: the verdict is kept in
    ``_build/.data-valid/<fingerprint>``, so the Makefile, the chart directive and the loaders of one build
    share a single validation. The whole package is checked even when ``skip`` names tables: a pass of all
    tables is a pass of any part, so `make chapters` (which reads without the tables it derives) and the build
    after it share one validation; only when the whole fails is the part checked on its own. Each validation
    that runs says so on stderr (one line), so a build's log shows how many there were.
    """
    data_dir = Path(data_dir)
    descriptor_path = Path(descriptor_path or data_dir / "datapackage.json")
    if not descriptor_path.exists():
        return [Problem(_rel(descriptor_path), None, None, "file missing", "restore data/datapackage.json")]
    whole = VALID_STAMPS / fingerprint(data_dir, descriptor_path)
    part = whole.with_name(whole.name + "".join(f"-{s}" for s in sorted(skip)))
    if whole.exists() or part.exists():
        return []
    for stamp, without in ((whole, ()), (part, skip)) if skip else ((whole, ()),):
        start = time.perf_counter()
        problems = _validate(data_dir, descriptor_path, {}, without)
        print(f"edition.data: validated {_rel(descriptor_path)}{' without ' + ', '.join(sorted(without)) if without else ''}"
              f" in {time.perf_counter() - start:.1f} s ({len(problems)} problems; fingerprint {whole.name[:12]})",
              file=sys.stderr)
        if not problems:
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.touch()
            return []
    return problems


def check_table(name: str, path: Path, data_dir: Path = DATA) -> list[Problem]:
    """Every problem of one CSV standing in for the resource ``name`` (the others as they are)."""
    data_dir = Path(data_dir)
    problems = _validate(data_dir, data_dir / "datapackage.json", {name: Path(path)})
    return [p for p in problems if p.file == _rel(Path(path))]


def _typed(value: str, field: dict):
    if field["type"] == "number":
        return float(value) if value != "" else None
    if field["type"] == "integer":
        return int(value) if value != "" else None
    return value if value != "" else None


_loaded: dict[str, dict] = {}


# Tables that `make chapters` derives from the others: while it runs they may be stale, so it reads without them.
DERIVED = ("mentions", "citations")


def load(data_dir: Path = DATA, skip=()) -> dict[str, list[dict]]:
    """All tables (but those in ``skip``) as typed rows, empty cells None, keyed by resource name; raises
    DataError unless they all validate."""
    data_dir = Path(data_dir)
    key = fingerprint(data_dir) + repr(sorted(skip))
    if key not in _loaded:
        problems = validate(data_dir, skip=skip)
        if problems:
            raise DataError(problems)
        out = {}
        for res in descriptor(data_dir / "datapackage.json")["resources"]:
            if res["name"] in skip:
                continue
            fields = {f["name"]: f for f in res["schema"]["fields"]}
            out[res["name"]] = [{k: _typed(v, fields[k]) for k, v in row.items()} for row in _rows(data_dir / res["path"])]
        _loaded[key] = out
    return _loaded[key]


def table(name: str) -> list[dict]:
    """One validated input table of the edition's data, as strings (empty cells ""), for the apparatus modules."""
    return [{k: ("" if v is None else v if isinstance(v, str) else str(v)) for k, v in row.items()}
            for row in load(skip=DERIVED)[name]]


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Validate the edition's data package.")
    parser.add_argument("--data", type=Path, default=DATA, help="data folder (default: data/)")
    args = parser.parse_args(argv)
    try:
        problems = validate(args.data)
    except DataError as exc:
        problems = exc.problems
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s): the data were not accepted.", file=sys.stderr)
        return 1
    print(f"{_rel(args.data / 'datapackage.json')}: every table valid.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
