"""Derive data/citations.csv, one row per work cited in each note of each essay.

    python scripts/derive_citations.py          # write data/citations.csv
    python scripts/derive_citations.py --check  # exit non-zero if the committed file differs

The derivation is the edition's one (``edition.citations.derive``, also used for the links from the notes
to the bibliography): a note cites a work when the work's pattern in ``data/works.csv`` matches it; a note
that names no work but says "Ibid." cites the works of the note before (column ``ibid``). The paragraph is
the numbered paragraph whose text carries the note's marker.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from edition import citations  # noqa: E402
from edition.copytext import ESSAYS, ROOT, parse  # noqa: E402

OUT = ROOT / "data" / "citations.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with data/citations.csv; write nothing")
    args = parser.parse_args(argv)
    try:
        works = citations.load_works()
        essays = [parse(name) for name in ESSAYS]
    except (citations.CitationError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    cites = [c for essay in essays for c in citations.derive(essay, works)]
    text = citations.table(cites)
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print("data/citations.csv is out of date: run `python scripts/derive_citations.py`", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    unmatched = [f"{e.name} n. {n}" for e in essays for n in e.notes
                 if not any(c.essay == e.name and c.note == str(n) for c in cites)]
    print(f"{OUT.relative_to(ROOT)}: {sum(1 for c in cites if c.note)} citations; "
          f"{len(unmatched)} notes cite no work in data/works.csv")
    for line in unmatched:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
