"""Two clean builds of the same sources, in two differently named directories, produce the same site.

Every file under ``_build/html`` is compared byte for byte. The only allowed differences are listed,
with reasons, in ``tests/reproducibility_exceptions.csv``: for a file matching ``path`` (a glob), text
matching ``pattern`` (a regular expression) is blanked in both builds before they are compared.
"""

from __future__ import annotations

import csv
import fnmatch
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXCEPTIONS = Path(__file__).with_name("reproducibility_exceptions.csv")
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "_build", "node_modules", "__pycache__", ".pytest_cache")


def _exceptions() -> list[tuple[str, re.Pattern]]:
    with open(EXCEPTIONS, newline="", encoding="utf-8") as fh:
        return [(row["path"], re.compile(row["pattern"].encode())) for row in csv.DictReader(fh)]


def copy_sources(tmp: Path, name: str) -> Path:
    """A copy of the book's sources, sharing this checkout's node_modules."""
    tree = tmp / name
    shutil.copytree(ROOT, tree, ignore=NOT_SOURCES)  # copy2 keeps mtimes, so make sees the same freshness
    if (ROOT / "node_modules").exists():
        (tree / "node_modules").symlink_to(ROOT / "node_modules")  # set-up files, not sources: no second download
    return tree


def make_html(tree: Path) -> Path:
    result = subprocess.run(["make", "html", f"VENV={sys.prefix}"], cwd=tree, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"build in {tree} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return tree / "_build" / "html"


def _build(tmp: Path, name: str) -> Path:
    return make_html(copy_sources(tmp, name))


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_two_clean_builds_are_identical(tmp_path):
    first, second = _files(_build(tmp_path, "first")), _files(_build(tmp_path, "second-build"))
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
