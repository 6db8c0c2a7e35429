"""Building copies of the book in temporary folders, for the tests that rebuild (reproducibility, incremental builds).

Not a test module: the slow tests import it, so no test imports helpers from another test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "_build", "node_modules", "__pycache__", ".pytest_cache",
                                     "*.egg-info")


def copy_sources(tmp: Path, name: str) -> Path:
    """A copy of the book's sources, sharing this checkout's node_modules."""
    tree = tmp / name
    shutil.copytree(ROOT, tree, ignore=NOT_SOURCES)  # copy2 keeps mtimes, so make sees the same freshness
    if (ROOT / "node_modules").exists():
        (tree / "node_modules").symlink_to(ROOT / "node_modules")  # set-up files, not sources: no second download
    return tree


def make_html(tree: Path, jobs: str = "auto") -> Path:
    """``make html`` in ``tree`` with this venv and ``jobs`` Sphinx processes; the installed code reads the
    copy's data (EDITION_ROOT)."""
    env = {**os.environ, "EDITION_ROOT": str(tree)}
    result = subprocess.run(["make", "html", f"VENV={sys.prefix}", f"JOBS={jobs}"], cwd=tree,
                            capture_output=True, text=True, env=env)
    if result.returncode != 0:
        pytest.fail(f"build in {tree} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return tree / "_build" / "html"
