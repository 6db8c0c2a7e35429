"""Validate and load the edition's data: one module for the command line, the Sphinx build and the tests.

``data/datapackage.json`` is a Frictionless Data Package: a Table Schema per CSV gives types, units,
allowed values, ranges and primary keys. Frictionless checks the descriptor and each table against it;
this module adds what a Table Schema cannot say: periods and dates whose end falls before their start,
dates whose written precision differs from the precision column, paragraph ids missing from
``data/paragraphs.csv``, works missing from ``references.bib``, series that mix kinds of period.

Every problem names the file, the row (the header is row 1), the column, what was expected and the
fix. Nothing is written here: callers get typed rows only when every table passes.

    python -m edition.data            # validate data/; exit 1 and list the problems if any
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import frictionless
from frictionless import system

from edition.copytext import ROOT

DATA = ROOT / "data"
DESCRIPTOR = DATA / "datapackage.json"
BIBLIOGRAPHY = ROOT / "references.bib"
# Multipliers to U.S. dollars; a unit not listed here is refused even if a schema allows it.
UNITS = {"USD": 1, "thousand USD": 1_000, "million USD": 1_000_000}
PERIODS = {"calendar_year": "calendar year (1 Jan–31 Dec)", "fiscal_year": "fiscal year", "multi_year": "multi-year total"}
# The span each dated table covers (the chronology chart runs 1917–1947; conferences start in 1919).
DATE_RANGES = {
    "conferences_1919_1947": (dt.date(1919, 1, 1), dt.date(1947, 12, 31)),
    "litvinov_offices": (dt.date(1917, 1, 1), dt.date(1947, 12, 31)),
}
ESSAY_PARAGRAPH_COLUMNS = {"wesser_paragraphs": "wesser", "phillips_paragraphs": "phillips"}


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
    return json.loads(Path(path).read_text(encoding="utf-8"))


def resource(name: str, path: Path = DESCRIPTOR) -> dict:
    for res in descriptor(path)["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no resource {name!r} in {_rel(path)}")


def check_descriptor(path: Path = DESCRIPTOR) -> list[Problem]:
    """The descriptor itself: a valid Data Package, every resource with sources and a CC-BY-4.0 licence."""
    report = frictionless.Package.validate_descriptor(str(path))
    problems = [Problem(_rel(path), None, None, f"invalid Data Package descriptor: {e.note}",
                        "correct the descriptor against the Frictionless Data Package standard") for e in report.errors]
    if problems:
        return problems
    for res in descriptor(path)["resources"]:
        if not res.get("sources"):
            problems.append(Problem(_rel(path), None, None, f"resource {res['name']} has no sources",
                                    "add a 'sources' list naming where the table's figures come from"))
        if [lic.get("name") for lic in res.get("licenses", [])] != ["CC-BY-4.0"]:
            problems.append(Problem(_rel(path), None, None, f"resource {res['name']} is not licensed CC-BY-4.0",
                                    "give it licenses: [{name: CC-BY-4.0, ...}]"))
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


def _frictionless(path: Path, res: dict) -> list[Problem]:
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    with system.use_context(trusted=True):
        report = frictionless.Resource(path=str(path), schema=frictionless.Schema.from_descriptor(res["schema"])).validate()
    out = []
    for task in report.tasks:
        for e in task.errors:
            column = getattr(e, "field_name", None)
            if e.type == "primary-key":
                column = ", ".join(res["schema"]["primaryKey"])
            field = fields.get(column) if column else None
            cell = getattr(e, "cell", None)
            what = f"{cell!r} is not allowed" if cell not in (None, "") else "empty cell"
            if e.type == "primary-key":
                what = "duplicate key: " + e.note
            elif field is not None:
                what += f"; expected {_expected(field)}"
            else:
                what = e.note
            out.append(Problem(_rel(path), getattr(e, "row_number", None), column, what, _fix(e, field, res)))
    return out


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
    try:
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1), dt.date(int(text), 12, 31), "year"
        if re.fullmatch(r"\d{4}-\d{2}", text):
            y, m = map(int, text.split("-"))
            last = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1))
            return dt.date(y, m, 1), last, "month"
        day = dt.date.fromisoformat(text)
        return day, day, "day"
    except ValueError:
        return None


def paragraph_ids() -> set[str]:
    from edition import registry

    return set(registry.load())


def bibkeys(path: Path = BIBLIOGRAPHY) -> set[str]:
    return set(re.findall(r"^@\w+\{\s*([^,\s]+)\s*,", Path(path).read_text(encoding="utf-8"), flags=re.M))


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _extra(name: str, path: Path, rows: list[dict], context: dict) -> list[Problem]:
    """Checks a Table Schema cannot express. Rows are numbered as Frictionless numbers them (header = 1)."""
    file = _rel(path)
    out: list[Problem] = []

    def bad(row, column, message, fix):
        out.append(Problem(file, row, column, message, fix))

    def ids(row_no, column, value, essay=None):
        for pid in value.split():
            if pid not in context["paragraphs"]:
                bad(row_no, column, f"paragraph id {pid!r} does not exist in data/paragraphs.csv",
                    "use an id from data/paragraphs.csv (run `python scripts/locate.py` to derive ids from the locators)")
            elif essay and not pid.startswith(essay + "-"):
                bad(row_no, column, f"paragraph id {pid!r} belongs to another essay; expected a {essay}- id",
                    f"list only {essay}'s paragraphs in {column}")

    def dates(row_no, row, start_col, end_col, prec_cols, span):
        parsed = {}
        for col, prec_col in zip((start_col, end_col), prec_cols):
            text = row.get(col, "")
            if not text:
                if row.get(prec_col):
                    bad(row_no, prec_col, f"precision {row[prec_col]!r} given for an empty {col}", f"empty {prec_col} too")
                continue
            p = partial_date(text)
            if p is None:
                bad(row_no, col, f"{text!r} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD", f"correct {col}")
                continue
            parsed[col] = p
            if row.get(prec_col) != p[2]:
                bad(row_no, prec_col, f"precision {row.get(prec_col)!r} does not match {col} {text!r}; expected {p[2]!r}",
                    f"write {prec_col} as {p[2]!r}, or give {col} to the precision the source supports")
            if span and (p[1] < span[0] or p[0] > span[1]):
                bad(row_no, col, f"{text!r} is out of range; expected a date from {span[0]} to {span[1]}",
                    "check the date against its source; the table covers only that span")
        if start_col in parsed and end_col in parsed and parsed[end_col][1] < parsed[start_col][0]:
            bad(row_no, end_col, f"end {row[end_col]!r} is before start {row[start_col]!r}",
                "check both dates against the source; the end may not precede the start")

    for row_no, row in enumerate(rows, start=2):
        if name == "trade_1913_1947":
            try:
                start, end = dt.date.fromisoformat(row["period_start"]), dt.date.fromisoformat(row["period_end"])
            except ValueError:
                continue  # Frictionless reports the malformed date
            if end < start:
                bad(row_no, "period_end", f"end {end} is before start {start}",
                    "check both dates against the source; the end may not precede the start")
            if row["period_kind"] == "calendar_year" and not (
                    start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)):
                bad(row_no, "period_kind", f"calendar_year but the period runs {start} to {end}; expected 1 Jan to 31 Dec",
                    "use fiscal_year for any other twelve months, or correct the dates")
        elif name == "essay_claims":
            ids(row_no, "paragraph", row["paragraph"], row["essay"])
        elif name == "conferences_1919_1947":
            dates(row_no, row, "start", "end", ("start_precision", "end_precision"), DATE_RANGES[name])
            for col, essay in ESSAY_PARAGRAPH_COLUMNS.items():
                ids(row_no, col, row.get(col, ""), essay)
            if not (row.get("wesser_paragraphs") or row.get("phillips_paragraphs")):
                bad(row_no, "wesser_paragraphs", "the event is linked to no paragraph of either essay",
                    "give the paragraphs that discuss it (locators, then `python scripts/locate.py`)")
        elif name == "litvinov_offices":
            dates(row_no, row, "start", "end", ("start_precision", "end_precision"), DATE_RANGES[name])
            for col, essay in ESSAY_PARAGRAPH_COLUMNS.items():
                ids(row_no, col, row.get(col, ""), essay)
        elif name == "works":
            try:
                re.compile(row["pattern"])
            except re.error as exc:
                bad(row_no, "pattern", f"not a regular expression ({exc})", "correct the pattern")
            if row["bibkey"] not in context["bibkeys"]:
                bad(row_no, "bibkey", f"{row['bibkey']!r} is not in references.bib", "add the work to references.bib")
        elif name == "citations":
            ids(row_no, "paragraph", row["paragraph"], row["essay"])
            kind = context["works"].get((row["essay"], row["bibkey"]))
            if kind is None:
                bad(row_no, "bibkey", f"{row['bibkey']!r} is not a work of {row['essay']} in data/works.csv",
                    "re-derive with `python scripts/derive_citations.py`")
            elif kind != row["kind"]:
                bad(row_no, "kind", f"{row['kind']!r} differs from data/works.csv; expected {kind!r}",
                    "re-derive with `python scripts/derive_citations.py`")

    if name == "trade_1913_1947":
        kinds: dict[str, set] = {}
        for row in rows:
            kinds.setdefault(row["series"], set()).add(row["period_kind"])
        for series, found in kinds.items():
            if len(found) > 1:
                bad(None, "period_kind", f"series {series!r} mixes kinds of period {sorted(found)}",
                    "split it into one series per kind of period")
    return out


def _context(data_dir: Path) -> dict:
    works = {}
    path = Path(data_dir) / "works.csv"
    if path.exists():
        works = {(r.get("essay"), r.get("bibkey")): r.get("kind") for r in _rows(path)}
    return {"paragraphs": paragraph_ids(), "bibkeys": bibkeys(), "works": works}


def check_table(name: str, path: Path, descriptor_path: Path = DESCRIPTOR, context: dict | None = None) -> list[Problem]:
    """Every problem of one CSV against its resource ``name`` in the descriptor."""
    path = Path(path)
    res = resource(name, descriptor_path)
    if not path.exists():
        return [Problem(_rel(path), None, None, "file missing", f"restore {res['path']} (resource {name})")]
    problems = _header(path, res)
    if problems:
        return problems
    problems = _frictionless(path, res)
    context = context if context is not None else _context(path.parent)
    problems += _extra(name, path, _rows(path), context)
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))


def validate(data_dir: Path = DATA, descriptor_path: Path | None = None) -> list[Problem]:
    """Every problem in the descriptor and in every table it describes."""
    data_dir = Path(data_dir)
    descriptor_path = Path(descriptor_path or data_dir / "datapackage.json")
    problems = check_descriptor(descriptor_path)
    if problems:
        return problems
    context = _context(data_dir)
    for res in descriptor(descriptor_path)["resources"]:
        problems += check_table(res["name"], data_dir / res["path"], descriptor_path, context)
    return problems


def _typed(value: str, field: dict):
    if value == "":
        return None
    if field["type"] == "number":
        return float(value)
    if field["type"] == "integer":
        return int(value)
    return value


def load(data_dir: Path = DATA) -> dict[str, list[dict]]:
    """All tables as typed rows, keyed by resource name; raises DataError unless everything validates."""
    problems = validate(data_dir)
    if problems:
        raise DataError(problems)
    out = {}
    for res in descriptor(Path(data_dir) / "datapackage.json")["resources"]:
        fields = {f["name"]: f for f in res["schema"]["fields"]}
        out[res["name"]] = [{k: _typed(v, fields[k]) for k, v in row.items()} for row in _rows(Path(data_dir) / res["path"])]
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Validate the edition's data package.")
    parser.add_argument("--data", type=Path, default=DATA, help="data folder (default: data/)")
    args = parser.parse_args(argv)
    problems = validate(args.data)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s): the data were not accepted.", file=sys.stderr)
        return 1
    print(f"{_rel(args.data / 'datapackage.json')}: every table valid.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
