"""The words of the built site's pages and scripts, read once per file and kept between builds.

PurgeCSS (``purge_css``) keeps a rule when a word of its selector occurs in a page or script, and the icon
fonts (``iconfont``) keep the icons whose ``fa-*`` class occurs there: both read every built page and script,
about 8 MB, after every build, though a rebuild rewrites a few pages. This module splits each file into the
words PurgeCSS's default extractor finds (runs of ``A-Za-z0-9_-``), with the custom properties
(``--name``) and icon classes (``fa-name``) among them, and keeps them in a cache beside the output, keyed by
the file's path, size and modification time, so a rebuild reads only the files it wrote.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path
from typing import NamedTuple

WORD = re.compile(r"[A-Za-z0-9_-]+")  # PurgeCSS 8's defaultExtractor: content.match(/[A-Za-z0-9_-]+/g)
VARIABLE = re.compile(r"--[A-Za-z0-9_-]+")
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
CACHE = "site-tokens.pickle"  # beside the HTML output folder
VERSION = 2


class Scan(NamedTuple):
    words: frozenset[str]
    variables: frozenset[str]  # each match of VARIABLE (always inside one word)
    icon_classes: frozenset[str]  # each match of ICON_CLASS (likewise)


def scan_text(text: str) -> Scan:
    words = frozenset(WORD.findall(text))
    return Scan(words, frozenset(v for w in words if "--" in w for v in VARIABLE.findall(w)),
                frozenset(c for w in words if "fa-" in w for c in ICON_CLASS.findall(w)))


def scan(outdir: Path, files: list[Path]) -> dict[Path, Scan]:
    """Each of ``files`` (under ``outdir``) scanned, from the cache where a file is unchanged."""
    outdir = Path(outdir)
    path = outdir.parent / CACHE
    entries = _load(path)
    asked = _ASKED.setdefault(path, set())
    out, changed = {}, False
    for file in files:
        stat = file.stat()
        key = file.relative_to(outdir).as_posix()
        asked.add(key)
        entry = entries.get(key)
        if entry is None or entry[0] != (stat.st_size, stat.st_mtime_ns):
            entry = ((stat.st_size, stat.st_mtime_ns), scan_text(file.read_text(encoding="utf-8", errors="replace")))
            entries[key], changed = entry, True
        out[file] = entry[1]
    if changed or len(entries) > len(asked):
        # kept: the files any call of this build asked about (the purge and the icon fonts ask for different sets)
        entries = {key: entry for key, entry in entries.items() if key in asked}
        partial = path.with_suffix(".part")
        partial.write_bytes(pickle.dumps({"version": VERSION, "entries": entries}, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)
        _MEMO[path] = (path.stat().st_mtime_ns, entries)
    return out


_MEMO: dict[Path, tuple[int, dict]] = {}  # the cache as this process last read or wrote it
_ASKED: dict[Path, set[str]] = {}  # the files this process asked about


def _load(path: Path) -> dict:
    try:
        stamp = path.stat().st_mtime_ns
        if path in _MEMO and _MEMO[path][0] == stamp:  # the purge and the icon fonts ask in one build
            return _MEMO[path][1]
        cached = pickle.loads(path.read_bytes())
        entries = cached["entries"] if cached.get("version") == VERSION else {}
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, AttributeError):
        return {}
    _MEMO[path] = (stamp, entries)
    return entries
