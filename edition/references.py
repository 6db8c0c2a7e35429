"""``references.bib``, the one bibliography, read once with pybtex: every module that needs its keys or
entries asks here (the works table's check, the notes' citations, the charts' labels).

sphinxcontrib-bibtex reads the same file for the bibliography chapter through ``bibtex_bibfiles``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pybtex.database import BibliographyData, parse_file

from edition import ROOT

BIBFILE = ROOT / "references.bib"


@lru_cache(maxsize=4)
def _parse(path: str, mtime_ns: int) -> BibliographyData:
    return parse_file(path, bib_format="bibtex")


def database(path: Path = BIBFILE) -> BibliographyData:
    """The parsed file, re-read only when it changes."""
    return _parse(str(path), path.stat().st_mtime_ns)


def keys(path: Path = BIBFILE) -> list[str]:
    """The entries' keys, in the file's order."""
    return list(database(path).entries.keys())
