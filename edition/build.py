"""``jupyter-book build`` for the HTML edition, with Sphinx's parallel build.

    python -m edition.build . --path-output _build/stage -W -n --keep-going [--jobs auto]

Jupyter Book 1's command line always builds with one process. This runs the same build (its configuration,
table of contents, flags and report, through ``jupyter_book``'s own functions) with ``--jobs`` processes for
Sphinx, which reads pages and writes them in parallel. ``auto`` is one process per CPU. ``make html`` calls it;
the print editions keep ``jupyter-book build`` (the PDF's LaTeX is written as one document; the EPUB's
build is not the one an editor waits for while working).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import click
from jupyter_book.cli.main import build as jupyter_book_build
from jupyter_book.cli.main import builder_specific_actions
from jupyter_book.sphinx import build_sphinx


def jobs(value: str) -> int:
    if value == "auto":
        return os.cpu_count() or 1
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("--jobs takes a number of processes (1 or more) or auto")
    return number


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("--path-output", type=Path, required=True)
    ap.add_argument("-W", "--warningiserror", action="store_true")
    ap.add_argument("-n", "--nitpick", action="store_true")
    ap.add_argument("--keep-going", action="store_true")
    ap.add_argument("--jobs", type=jobs, default="auto", help="Sphinx processes: a number, or auto (one per CPU)")
    args = ap.parse_args(argv)

    path_config, source, overrides = jupyter_book_build.callback(
        path_source=str(args.source), path_output=str(args.path_output), config=None, toc=None,
        warningiserror=args.warningiserror, nitpick=args.nitpick, keep_going=args.keep_going, freshenv=False,
        builder="html", custom_builder=None, verbose=0, quiet=0, individualpages=False, get_config_only=True)
    output = args.path_output.absolute() / "_build" / "html"
    click.secho(f"Building the HTML edition with {args.jobs} Sphinx process(es)", bold=True, fg="green")
    result = build_sphinx(source, output, use_external_toc=True, noconfig=True, path_config=path_config,
                          confoverrides=overrides, builder="html", warningiserror=args.warningiserror,
                          keep_going=args.keep_going, jobs=args.jobs)
    builder_specific_actions(result, "html", output, "book", None, click.echo)


if __name__ == "__main__":
    main()
