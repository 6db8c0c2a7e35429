"""Find every mention of the persons and terms of data/persons.csv and data/terms.csv in both essays.

    python scripts/find_mentions.py            # write data/mentions.csv (kind,id,essay,paragraph,form) for review
    python scripts/find_mentions.py --check    # write nothing; exit 1 if data/mentions.csv is out of date

The search (edition/mentions.py) is the one the chapter generator uses to link mentions to their entries.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from edition import mentions  # noqa: E402
from edition.copytext import ESSAYS, CopyTextError, parse  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="write nothing; fail if data/mentions.csv is out of date")
    args = ap.parse_args(argv)
    try:
        entries = mentions.load_all()
        found = [m for name in ESSAYS for m in mentions.find(parse(name), entries)]
    except (CopyTextError, mentions.MentionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    text = mentions.table(found)
    current = mentions.MENTIONS.read_text(encoding="utf-8") if mentions.MENTIONS.exists() else ""
    if args.check:
        if text != current:
            print("error: data/mentions.csv is out of date; run scripts/find_mentions.py", file=sys.stderr)
            return 1
        return 0
    unfound = sorted({(e.kind, e.id) for e in entries} - {(m.kind, m.id) for m in found})
    if text != current:
        mentions.MENTIONS.write_text(text, encoding="utf-8")
    counts = Counter(m.kind for m in found)
    print(f"{len(mentions.rows(found))} rows in data/mentions.csv ({counts['person']} person and "
          f"{counts['term']} term mentions); entries found nowhere: {', '.join(i for _, i in unfound) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
