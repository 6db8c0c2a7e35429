"""``references.bib``, the one bibliography, read once with pybtex: every module that needs its keys or
entries asks here (the works table's check, the notes' citations, the charts' labels).

sphinxcontrib-bibtex reads the same file for the bibliography chapter through ``bibtex_bibfiles``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pybtex.database import BibliographyData, parse_file
from pybtex.exceptions import PybtexError

from edition import ROOT

BIBFILE = ROOT / "references.bib"


class ReferencesError(ValueError):
    """A malformed bibliography: the message names the file, the line and the fix."""


@lru_cache(maxsize=4)
def _parse(path: str, mtime_ns: int) -> BibliographyData:
    name = Path(path).name
    try:
        return parse_file(path, bib_format="bibtex")
    except UnicodeDecodeError as exc:
        raise ReferencesError(f"{name}: not UTF-8 (byte {exc.start}); save it as UTF-8") from None
    except PybtexError as exc:
        line = getattr(exc, "lineno", None)
        if "repeated" in str(exc):
            key = str(exc).rsplit(": ", 1)[-1].strip()
            text = Path(path).read_text(encoding="utf-8").splitlines()
            found = [n for n, ln in enumerate(text, 1) if re.match(rf"\s*@\w+\s*[{{(]\s*{re.escape(key)}\s*,", ln)]
            line = ", ".join(map(str, found)) or None
        where = f"{name}, line {line}" if line else name
        msg = str(exc).splitlines()[0]
        fix = ("give each entry its own key" if "repeated" in msg else
               "close every brace and give each field a value, as in the entries around it")
        raise ReferencesError(f"{where}: {msg}. Fix: {fix}") from None


def database(path: Path = BIBFILE) -> BibliographyData:
    """The parsed file, re-read only when it changes."""
    return _parse(str(path), path.stat().st_mtime_ns)


def keys(path: Path = BIBFILE) -> list[str]:
    """The entries' keys, in the file's order."""
    return list(database(path).entries.keys())
