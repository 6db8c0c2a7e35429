"""Turn the researchers' locators (exact quotations from an essay) into paragraph ids, once.

    python scripts/locate.py          # fill the paragraph-id columns in data/*.csv
    python scripts/locate.py --check  # exit non-zero if a committed id column disagrees with its locators

Each locator must occur in exactly one numbered paragraph of the established essay
(``edition.copytext.parse`` + ``numbered``). The ids are what the edition validates and links;
the locators stay beside them so a reader can see which words were matched.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from edition.copytext import ESSAYS, ROOT, numbered, parse  # noqa: E402

DATA = ROOT / "data"


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[*\\]", "", text).split())


def paragraph_texts() -> dict[str, list[tuple[str, str]]]:
    return {essay: [(pid, _norm(block.plain())) for pid, _, block in numbered(parse(essay))] for essay in ESSAYS}


def find(texts: list[tuple[str, str]], locator: str, where: str) -> str:
    hits = [pid for pid, text in texts if _norm(locator) in text]
    if len(hits) != 1:
        raise SystemExit(f"{where}: locator {locator!r} occurs in {len(hits)} paragraphs ({hits}); expected exactly one")
    return hits[0]


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def _write(path: Path, fields: list[str], rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def locate_essay_columns(texts, name: str) -> tuple[Path, list[str], list[dict]]:
    """A table with ``<essay>_locators`` columns (quotations joined by " | "): fill ``<essay>_paragraphs``."""
    path = DATA / name
    fields, rows = _read(path)
    for i, row in enumerate(rows, start=2):
        for essay in ESSAYS:
            ids = []
            for loc in filter(None, (s.strip() for s in row[f"{essay}_locators"].split(" | "))):
                pid = find(texts[essay], loc, f"{path.name} row {i} column {essay}_locators")
                if pid not in ids:
                    ids.append(pid)
            row[f"{essay}_paragraphs"] = " ".join(ids)
    for essay in ESSAYS:
        if f"{essay}_paragraphs" not in fields:
            fields.insert(fields.index(f"{essay}_locators") + 1, f"{essay}_paragraphs")
    return path, fields, rows


def locate_claims(texts) -> tuple[Path, list[str], list[dict]]:
    path = DATA / "essay_claims.csv"
    fields, rows = _read(path)
    for i, row in enumerate(rows, start=2):
        row["paragraph"] = find(texts[row["essay"]], row["locator"], f"{path.name} row {i} column locator")
    if "paragraph" not in fields:
        fields.insert(fields.index("locator") + 1, "paragraph")
    return path, fields, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files; write nothing")
    args = parser.parse_args(argv)
    texts = paragraph_texts()
    stale = []
    located = [locate_essay_columns(texts, "conferences_1919_1947.csv"),
               locate_essay_columns(texts, "litvinov_offices.csv"), locate_claims(texts)]
    for path, fields, rows in located:
        if args.check:
            _, committed = _read(path)
            if committed != rows:
                stale.append(path.name)
        else:
            _write(path, fields, rows)
    if stale:
        print(f"paragraph ids out of date in {', '.join(stale)}: run `python scripts/locate.py`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
