"""Publish a build only when it succeeded: the staged output replaces the published one in one step.

Every format builds into a staging place (``_build/stage`` for HTML, ``_build/print`` for the PDF and EPUB,
a temporary folder for the charts); the Makefile calls this module only after the build and its checks
have passed. A refused build therefore never reaches ``_build/html``, ``_build/pdf``, ``_build/epub`` or
``_build/charts``: the previous outputs stay byte for byte as they were.

    python -m edition.publish SRC DEST          # copy SRC (a file or a folder) over DEST
    python -m edition.publish --forget ENV      # after a refused build: drop the staged Sphinx environment

A folder is copied beside DEST first and then swapped in by two renames; a file is copied beside DEST and
moved over it with ``os.replace``. In a folder, a file whose bytes the published one already has is linked to
it rather than copied (a rebuild rewrites a few of the site's 3,200 files): nothing ever writes into a
published file, so the link is as good as a copy. A reader never sees a half-copied output. ``--forget`` removes the staged
environment so that the next build reads every page again: Sphinx does not repeat the warnings of a page
it does not re-read, and a second, incremental run would otherwise pass without the fault being fixed.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import sys
from pathlib import Path


def publish(src: Path, dest: Path) -> None:
    """Replace ``dest`` with a copy of ``src``; nothing at ``dest`` changes unless the copy is complete."""
    src, dest = Path(src), Path(dest)
    if not src.exists():
        raise FileNotFoundError(f"{src}: nothing was built there; the published {dest} is unchanged")
    dest.parent.mkdir(parents=True, exist_ok=True)
    new = dest.with_name(f".{dest.name}.new-{os.getpid()}")
    old = dest.with_name(f".{dest.name}.old-{os.getpid()}")
    try:
        if src.is_dir():
            shutil.copytree(src, new, copy_function=_link_or_copy(new, dest))
            if dest.exists():
                dest.rename(old)
            new.rename(dest)
        else:
            shutil.copy2(src, new)
            os.replace(new, dest)
    finally:
        for leftover in (new, old):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            elif leftover.exists():
                leftover.unlink()


def _link_or_copy(new: Path, published: Path):
    """A ``copytree`` copy function: a hard link to the published file where it has the same bytes."""
    def copy(src: str, dst: str) -> str:
        old = published / Path(dst).relative_to(new)
        try:
            if old.is_file() and old.stat().st_size == os.stat(src).st_size and filecmp.cmp(src, old, shallow=False):
                os.link(old, dst)
                return dst
        except OSError:
            pass  # another file system, or no links: a copy does
        return shutil.copy2(src, dst)
    return copy


def forget(env: Path) -> None:
    """Drop a staged Sphinx environment after a refused build (see the module docstring)."""
    shutil.rmtree(env, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", nargs="?", type=Path, help="the staged output")
    parser.add_argument("dest", nargs="?", type=Path, help="the published output it replaces")
    parser.add_argument("--forget", type=Path, help="a staged Sphinx environment to drop after a refused build")
    args = parser.parse_args(argv)
    if args.forget:
        forget(args.forget)
        print(f"build refused: the published outputs are unchanged ({args.forget} dropped, so the next build "
              "reads every page)", file=sys.stderr)
        return 1
    if not (args.src and args.dest):
        parser.error("give SRC and DEST, or --forget ENV")
    try:
        publish(args.src, args.dest)
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"published {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
