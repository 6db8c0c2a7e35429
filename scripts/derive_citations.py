"""Derive data/citations.csv, one row per work cited in each note of each essay.

    python scripts/derive_citations.py          # write data/citations.csv
    python scripts/derive_citations.py --check  # exit non-zero if the committed file differs

The notes come from the established text (``edition.copytext.parse``); a note cites a work when the
work's pattern in ``data/works.csv`` matches the note. "Ibid." stands for the works of the previous
note. The paragraph is the numbered paragraph whose text carries the note's marker.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from edition.copytext import ESSAYS, ROOT, NoteRef, numbered, parse  # noqa: E402

OUT = ROOT / "data" / "citations.csv"
FIELDS = ["essay", "note", "paragraph", "bibkey", "kind", "ibid"]
IBID = re.compile(r"\bIbid\b", re.I)


def works() -> list[dict]:
    with open(ROOT / "data" / "works.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def derive() -> tuple[list[dict], list[str]]:
    """The citation rows, and the notes in which no work was recognised."""
    rows, unmatched = [], []
    table = works()
    for name in ESSAYS:
        essay = parse(name)
        where = {}
        for pid, _, block in numbered(essay):
            for part in block.parts:
                if isinstance(part, NoteRef):
                    where.setdefault(part.number, pid)
        own = [(w["bibkey"], re.compile(w["pattern"], re.M), w["kind"]) for w in table if w["essay"] == name]
        kinds = {key: kind for key, _, kind in own}
        previous: list[str] = []
        for number, note in sorted(essay.notes.items()):
            cited = [key for key, pattern, _ in own if pattern.search(note.text)]
            from_ibid = [key for key in previous if key not in cited] if IBID.search(note.text) else []
            if not cited and not from_ibid:
                unmatched.append(f"{name} n. {number}: {note.text[:80]}")
            for key in cited + from_ibid:
                rows.append({"essay": name, "note": str(number), "paragraph": where.get(number, ""),
                             "bibkey": key, "kind": kinds[key], "ibid": "yes" if key in from_ibid else "no"})
            previous = cited + from_ibid
    return rows, unmatched


def render(rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with data/citations.csv; write nothing")
    args = parser.parse_args(argv)
    rows, unmatched = derive()
    text = render(rows)
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print("data/citations.csv is out of date: run `python scripts/derive_citations.py`", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} citations; {len(unmatched)} notes cite no work in data/works.csv")
    for line in unmatched:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
