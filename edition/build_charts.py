"""Validate the data and write every chart as standalone files: _build/charts/<stem>.{html,json,svg}.

    python -m edition.build_charts [--data data/] [--out _build/charts]     (`make charts`)

Nothing is written unless every table validates. The charts are written to a temporary folder beside
the output and moved into place only when all of them are done, so a failure leaves the last good
charts as they were. SVGs come from kaleido driving Debian's Chromium (BROWSER_PATH, default
/usr/bin/chromium when it exists).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from edition import ROOT, charts, data

WIDTH = 1000


def write(tables: dict, folder: Path, svg: bool = True) -> list[Path]:
    import plotly.io as pio

    figs = {stem: spec.figure(tables) for stem, spec in charts.specs(tables).items()}
    written = []
    for stem, fig in figs.items():
        (folder / f"{stem}.json").write_text(fig.to_json(), encoding="utf-8")
        # plotly.min.js is written once beside the pages ("directory"): the files work offline.
        fig.write_html(folder / f"{stem}.html", include_plotlyjs="directory", full_html=True,
                       config={"displaylogo": False})
        written += [folder / f"{stem}.json", folder / f"{stem}.html"]
    if svg:
        if "BROWSER_PATH" not in os.environ and Path("/usr/bin/chromium").exists():
            os.environ["BROWSER_PATH"] = "/usr/bin/chromium"
        paths = [folder / f"{stem}.svg" for stem in figs]
        pio.write_images([charts.static(fig) for fig in figs.values()], paths, format="svg", width=WIDTH,
                         height=[fig.layout.height for fig in figs.values()])
        written += paths
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=data.DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "charts")
    parser.add_argument("--no-svg", action="store_true", help="skip the static images (no browser needed)")
    args = parser.parse_args(argv)
    try:
        tables = data.load(args.data)
    except data.DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s): no chart was written; {args.out} is unchanged.", file=sys.stderr)
        return 1
    out = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=".charts-new-", dir=out.parent))
    new.chmod(0o755)
    try:
        written = write(tables, new, svg=not args.no_svg)
    except Exception:
        shutil.rmtree(new, ignore_errors=True)
        raise
    old = out.parent / f".charts-old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    print(f"{len(written)} files in {out}: " + ", ".join(sorted(p.name for p in out.iterdir())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
