"""Two clean builds of the same sources, in two differently named directories, one with two Sphinx processes
and one with a single process, produce the same site. Both hold stand-ins for the PDF and EPUB, which the
landing page offers when they have been built.

Every file under ``_build/html`` is compared byte for byte. The only allowed differences are listed,
with reasons, in ``tests/reproducibility_exceptions.csv``: for a file matching ``path`` (a glob), text
matching ``pattern`` (a regular expression) is blanked in both builds before they are compared.
"""

from __future__ import annotations

import csv
import fnmatch
import re
from pathlib import Path

import pytest
from builds import copy_sources, make_html

EXCEPTIONS = Path(__file__).with_name("reproducibility_exceptions.csv")


def _exceptions() -> list[tuple[str, re.Pattern]]:
    with open(EXCEPTIONS, newline="", encoding="utf-8") as fh:
        return [(row["path"], re.compile(row["pattern"].encode())) for row in csv.DictReader(fh)]


def _build(tmp: Path, name: str, jobs: str) -> Path:
    tree = copy_sources(tmp, name)
    for stand_in in ("_build/pdf/edition.pdf", "_build/epub/edition.epub"):  # offered for download when built
        (tree / stand_in).parent.mkdir(parents=True)
        (tree / stand_in).write_bytes(b"a stand-in for " + stand_in.encode())
    return make_html(tree, jobs)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_two_clean_builds_are_identical(tmp_path):
    # A parallel build merges what each process read: an extension that keeps data per page without merging
    # it would lose some here.
    first, second = _files(_build(tmp_path, "first", "2")), _files(_build(tmp_path, "second-build", "1"))
    assert {"_downloads/edition.pdf", "_downloads/edition.epub"} <= first.keys()
    assert sorted(first) == sorted(second), "the two builds wrote different files"
    exceptions = _exceptions()
    differing = []
    for path, data in first.items():
        other = second[path]
        for glob, pattern in exceptions:
            if fnmatch.fnmatch(path, glob):
                data, other = pattern.sub(b"", data), pattern.sub(b"", other)
        if data != other:
            differing.append(path)
    assert differing == [], f"not reproducible (see {EXCEPTIONS.name}): {differing}"
