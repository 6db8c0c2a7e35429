"""Where the seconds of `make html` go: each step timed, and the Sphinx build under cProfile, by phase.

    python scripts/bench_profile.py

In a copy of the sources (temporary folder): a cold `make html`, then a rebuild after one sentence is added
to ``chapters/principles.md``. Each step of the Makefile's recipe (``make chapters``, ``python -m
edition.data``, ``python -m edition.build``, ``edition.publish``) is run and timed on its own, the Sphinx
build under ``cProfile`` and with one process (``--jobs 1``: cProfile sees only its own process; ``make
html`` uses one per CPU, so its build takes less wall time than this step); the profile is then read for the cumulative time of the build's phases (Sphinx's
start-up with the extensions and the pickled environment, reading, writing, the handlers of
``build-finished``) and of the edition's own heavy functions. ``scripts/bench.py --profile`` adds the table to
its report. cProfile slows a Python-bound build by some tens of per cent: compare phases, not totals.
"""

from __future__ import annotations

import argparse
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

from bench_timing import timed  # scripts/bench_timing.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(sys.prefix)
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "_build", "node_modules", "__pycache__", ".pytest_cache",
                                     "*.egg-info")
STAGE = "_build/stage"
# (label, file suffix, function name): the phases of a Sphinx 7.4 build and the edition's heavy steps.
PHASES = [
    ("the whole Sphinx build after start-up (Sphinx.build)", "sphinx/application.py", "build"),
    ("Sphinx start-up: extensions, config, pickled environment", "sphinx/application.py", "__init__"),
    ("  of which loading the environment", "sphinx/application.py", "_load_existing_env"),
    ("reading sources (parse, transforms, directives)", "sphinx/builders/__init__.py", "read"),
    ("  of which the data loaded and checked (edition.data.load)", "edition/data.py", "load"),
    ("pickling the environment", "~", "<built-in method _pickle.dump>"),
    ("writing pages (resolve references, render HTML)", "sphinx/builders/__init__.py", "write"),
    ("  of which the page templates (html-page-context + Jinja)", "sphinx/builders/html/__init__.py", "handle_page"),
    ("finishing: static files, search index, build-finished handlers", "sphinx/builders/__init__.py", "finish"),
    ("  copying static files", "sphinx/builders/html/__init__.py", "copy_static_files"),
    ("build-finished: exports, and the wait for the CSL catalogue, packed in its own process since start-up "
     "(how_to_cite.write_downloads)", "_ext/how_to_cite.py", "write_downloads"),
    ("build-finished: search index (passage_search.write_assets)", "_ext/passage_search.py", "write_assets"),
    ("build-finished: TEI files (tei.write_files)", "_ext/tei.py", "write_files"),
    ("build-finished: icon fonts cut (iconfont.subset_fonts)", "_ext/iconfont.py", "subset_fonts"),
    ("build-finished: chart assets (charts.copy_assets)", "_ext/charts.py", "copy_assets"),
    ("build-finished: offline zip (offline.write_zip)", "_ext/offline.py", "write_zip"),
]


def make_html(tree: Path, profile: Path) -> tuple[dict, pstats.Stats]:
    """The recipe of `make html`, step by step, the Sphinx build profiled."""
    py = str(VENV / "bin" / "python")
    steps = {
        "make chapters": [py, "-m", "edition.make_chapters"],
        "python -m edition.data": [py, "-m", "edition.data"],
        # One Sphinx process, so that cProfile sees every page (make html runs JOBS=auto).
        "Sphinx build, one process (edition.build --jobs 1, under cProfile)": [
            py, "-m", "cProfile", "-o", str(profile), "-m", "edition.build", ".", "--path-output", STAGE, "-W", "-n",
            "--keep-going", "--jobs", "1"],
        "publish (copy the site into _build/html)": [py, "-m", "edition.publish", f"{STAGE}/_build/html", "_build/html"],
    }
    return {label: timed(cmd, tree, "bench_profile") for label, cmd in steps.items()}, pstats.Stats(str(profile))


def phases(stats: pstats.Stats) -> list[tuple[str, float]]:
    out = []
    for label, suffix, name in PHASES:
        total = sum(ct for (file, _, func), (_, _, _, ct, _) in stats.stats.items()
                    if func == name and file.endswith(suffix))
        out.append((label, total))
    return out


def section(cold: tuple[dict, pstats.Stats], warm: tuple[dict, pstats.Stats]) -> str:
    lines = ["| step of `make html` | cold: wall / CPU | rebuild after one chapter: wall / CPU |", "|---|---:|---:|"]
    for label in cold[0]:
        (cw, cc), (ww, wc) = cold[0][label], warm[0][label]
        lines.append(f"| {label} | {cw:.1f} s / {cc:.1f} s | {ww:.1f} s / {wc:.1f} s |")
    lines += ["", "| inside the Sphinx build (cProfile, cumulative) | cold | rebuild after one chapter |",
              "|---|---:|---:|"]
    for (label, c), (_, w) in zip(phases(cold[1]), phases(warm[1])):
        lines.append(f"| {label} | {c:.1f} s | {w:.1f} s |")
    for name, stats in (("cold build", cold[1]), ("rebuild", warm[1])):
        stats.sort_stats("cumulative")
        lines += ["", f"Largest cumulative entries of the {name} outside Sphinx's own driver (name: seconds):", ""]
        top = []
        for (file, line, func), (_, _, _, ct, _) in sorted(stats.stats.items(), key=lambda kv: -kv[1][3]):
            if any(part in file for part in ("/edition/", "/_ext/", "sphinx_book_theme", "pydata_sphinx_theme", "myst",
                                             "frictionless", "jinja2/environment")):
                top.append(f"{Path(file).parent.name}/{Path(file).name}:{func} {ct:.1f}")
            if len(top) == 12:
                break
        lines.append("; ".join(top))
    return "\n".join(lines)


def measure() -> str:
    with tempfile.TemporaryDirectory(prefix="edition-profile-") as tmp:
        tree = Path(tmp) / "book"
        shutil.copytree(ROOT, tree, ignore=NOT_SOURCES)
        if (ROOT / "node_modules").exists():
            (tree / "node_modules").symlink_to(ROOT / "node_modules")
        print("bench: profile of a cold build", file=sys.stderr)
        cold = make_html(tree, Path(tmp) / "cold.prof")
        with open(tree / "chapters" / "principles.md", "a", encoding="utf-8") as fh:
            fh.write("\nThis sentence was added by the profile run.\n")
        print("bench: profile of a rebuild after one chapter", file=sys.stderr)
        warm = make_html(tree, Path(tmp) / "warm.prof")
        return section(cold, warm)


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)
    print(measure())
    return 0


if __name__ == "__main__":
    sys.exit(main())
