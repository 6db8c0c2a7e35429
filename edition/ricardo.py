"""Re-derive ``data/trade_us_annual.csv`` from a git copy of the RICardo database.

RICardo (Sciences Po médialab, https://github.com/medialab/ricardo_data; Open Database License 1.0,
contents under the Database Contents License 1.0) transcribes the U.S. Department of Commerce's
*Foreign Commerce and Navigation of the United States* line by line. This module reads those files
with ``git show`` (no checkout needed) and keeps, for calendar years 1914-1938, every figure of U.S.
trade with Russia/the USSR in one measure: general trade (RICardo ``special_general`` = ``gen``),
i.e. total exports (domestic and foreign merchandise) and general imports. Imports are transcribed
only as general trade, and special (domestic) exports only from 1918, so ``gen`` is the one measure
that pairs the two flows over the whole period. Special figures are cited in ``note``, never mixed in.

European and Asiatic Russia stay on separate rows; no total is typed. Values keep RICardo's
transcription except a trailing ``.0`` (how RICardo serialises whole numbers), and ``unit`` spells
out RICardo's multiplier. ``page`` is the ``pages`` field of RICardo's ``data/sources.csv``;
RICardo records no table number, so ``table`` stays empty. ``ricardo_line`` counts the header as 1.

    python -m edition.ricardo --repo /path/to/ricardo_data.git            # write the CSV
    python -m edition.ricardo --repo /path/to/ricardo_data.git --check    # exit 1 if it differs
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "trade_us_annual.csv"
COLUMNS = ["year", "flow", "partner", "part", "value", "unit", "source_title", "source_volume_year",
           "table", "page", "ricardo_file", "ricardo_line", "ricardo_commit", "note"]
FILE = "data/flows/ForeignCommerceAndNavigationOfTheUnitedStates_{}.csv"
VOLUMES = range(1918, 1940)  # the calendar-year volumes; none before 1918 is transcribed
YEARS = range(1914, 1939)
PARTS = {"russia in europe": "european", "soviet russia in europe": "european",
         "russia in asia": "asiatic", "soviet russia in asia": "asiatic",
         "ussr": "whole", "urss (europe and asia)": "whole"}
FLOWS = {"exp": "us_exports_to_ussr", "imp": "us_imports_from_ussr"}
UNITS = {"1": "USD", "1000": "thousand USD", "1000000": "million USD"}
MEASURE = "gen"


def git(repo: str, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", repo, *args], check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout


def read_csv(text: str) -> list[tuple[int, dict[str, str]]]:
    """Rows with the physical line each starts on (header = line 1), even if a field spans lines."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows, start = [], reader.line_num + 1
    for row in reader:
        rows.append((start, row))
        start = reader.line_num + 1
    return rows


def figures(repo: str, commit: str) -> list[dict[str, str]]:
    """Every Russia/USSR figure in the calendar-year volumes, in either measure."""
    sources = {r["slug"]: r for _, r in read_csv(git(repo, "show", f"{commit}:data/sources.csv"))}
    found = []
    for volume in VOLUMES:
        path = FILE.format(volume)
        for line, r in read_csv(git(repo, "show", f"{commit}:{path}")):
            flow, part = r["export_import"].strip().lower(), PARTS.get(r["partner"].strip().lower())
            if part is None or flow not in FLOWS or not r["reporting"].startswith("united states"):
                continue
            if int(r["year"]) not in YEARS or not r["flow"].strip():
                continue
            if r["currency"].strip().lower() not in ("dollar", "dollars"):
                raise ValueError(f"{path} line {line}: currency {r['currency']!r}, expected dollars")
            src = sources[r["source"]]
            found.append({"year": r["year"], "flow": FLOWS[flow], "partner": r["partner"], "part": part,
                          "value": re.sub(r"\.0$", "", r["flow"].strip()), "unit": UNITS[r["unit"].strip()],
                          "source_title": src["name"], "source_volume_year": src["volume_date"],
                          "table": "", "page": src["pages"], "ricardo_file": path,
                          "ricardo_line": str(line), "ricardo_commit": commit,
                          "measure": r["special_general"].strip().lower(), "note": ""})
    return found


def cite(f: dict[str, str]) -> str:
    return (f"{f['partner']} {f['value']} {f['unit']} ({f['source_volume_year']} volume, p. {f['page']}; "
            f"{Path(f['ricardo_file']).name} line {f['ricardo_line']})")


def derive(repo: str, commit: str = "HEAD") -> list[dict[str, str]]:
    sha = git(repo, "rev-parse", f"{commit}^{{commit}}").strip()
    found = figures(repo, sha)
    chosen = []
    for f in found:
        if f["measure"] != MEASURE:
            continue
        same = [g for g in found if g["measure"] == MEASURE and g is not f
                and (g["year"], g["flow"], g["part"]) == (f["year"], f["flow"], f["part"])]
        # The volume for the trade year wins; otherwise the earliest volume that prints the year.
        rank = (f["source_volume_year"] != f["year"], f["source_volume_year"])
        if any((g["source_volume_year"] != g["year"], g["source_volume_year"]) < rank for g in same):
            continue
        notes = []
        if f["source_volume_year"] != f["year"]:
            notes.append(f"From the later {f['source_volume_year']} volume; RICardo has no other "
                         f"general-trade figure for {f['year']}.")
        notes += [f"Also printed: {cite(g)}." for g in same if (g["value"], g["unit"]) != (f["value"], f["unit"])]
        # Special trade is the other measure: cite it for the same year and flow, same or finer part.
        other = [g for g in found if g["measure"] != MEASURE and (g["year"], g["flow"]) == (f["year"], f["flow"])
                 and (g["part"] == f["part"] or f["part"] == "whole")]
        if other:
            notes.append("Special trade (RICardo 'spe'), not used: " + "; ".join(cite(g) for g in other) + ".")
        chosen.append({**{k: f[k] for k in COLUMNS if k != "note"}, "note": " ".join(notes)})
    order = {"us_exports_to_ussr": 0, "us_imports_from_ussr": 1}
    parts = {"whole": 0, "european": 1, "asiatic": 2}
    return sorted(chosen, key=lambda r: (int(r["year"]), order[r["flow"]], parts[r["part"]]))


def render(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", required=True, help="RICardo git directory (bare or .git)")
    parser.add_argument("--commit", default="HEAD", help="RICardo commit to read (default HEAD)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="compare with --out instead of writing it")
    args = parser.parse_args(argv)
    text = render(derive(args.repo, args.commit))
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out}: differs from what RICardo {args.commit} gives; rerun without --check",
                  file=sys.stderr)
            return 1
        print(f"{args.out}: matches RICardo {args.commit}")
        return 0
    args.out.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {args.out} ({text.count(chr(10)) - 1} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
