"""Turn the researchers' locators (exact quotations from an essay) into paragraph ids.

    python -m edition.locate          # fill the paragraph column of data/links.csv and data/essay_claims.csv
    python -m edition.locate --check  # write nothing; exit 1 if a committed paragraph disagrees with its locator

Each locator must occur in exactly one numbered paragraph of the established essay
(``edition.copytext.parse`` + ``numbered``). The ids are what the edition validates and links; the locators
stay beside them so a reader can see which words were matched. A link without a locator (the editors chose
the paragraph, as for the cross-essay topics) keeps its paragraph. ``make chapters`` runs this first.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys

from edition import ROOT
from edition.copytext import Essay, numbered

# table -> (essay column, locator column, paragraph column)
LOCATED = {"links.csv": ("essay", "locator", "paragraph"), "essay_claims.csv": ("essay", "locator", "paragraph")}


class LocatorError(ValueError):
    """A locator occurs in no paragraph, or in more than one."""


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[*\\]", "", text).split())


def find(texts: list[tuple[str, str]], locator: str, where: str) -> str:
    hits = [pid for pid, text in texts if _norm(locator) in text]
    if len(hits) != 1:
        raise LocatorError(f"{where}: locator {locator!r} occurs in {len(hits)} paragraphs ({hits}); "
                           "quote words that occur in exactly one paragraph of that essay")
    return hits[0]


def located(essays: list[Essay]) -> dict:
    """Each located table's path and its text with every paragraph derived from its locator."""
    texts = {e.name: [(pid, _norm(block.plain())) for pid, _, block in numbered(e)] for e in essays}
    out = {}
    for name, (essay_col, locator_col, paragraph_col) in LOCATED.items():
        path = ROOT / "data" / name
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            fields, rows = list(reader.fieldnames), list(reader)
        for i, row in enumerate(rows, start=2):
            if row[locator_col].strip() and row[essay_col] in texts:
                row[paragraph_col] = find(texts[row[essay_col]], row[locator_col],
                                          f"data/{name}, row {i}, column {locator_col}")
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        out[path] = buf.getvalue()
    return out


def main(argv: list[str] | None = None) -> int:
    from edition import essays as registry
    from edition.copytext import parse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files; write nothing")
    args = parser.parse_args(argv)
    try:
        outputs = located([parse(key) for key in registry.keys()])
    except (LocatorError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stale = [p.name for p, text in outputs.items() if p.read_text(encoding="utf-8") != text]
    if args.check:
        if stale:
            print(f"paragraph ids out of date in {', '.join(stale)}: run `make chapters`", file=sys.stderr)
            return 1
        return 0
    for path, text in outputs.items():
        if path.name in stale:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
