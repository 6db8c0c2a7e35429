"""Run pa11y-ci (both runners, axe and HTML_CodeSniffer, standard WCAG2AA) over every page of the built site.

    python scripts/pa11y_site.py [--site _build/html] [--report _build/pa11y/report.json]

The site is served on 127.0.0.1 (a free port) for the run and Debian's Chromium is the browser (puppeteer's own
download is skipped at install time). pa11y 9 (under pa11y-ci 4.1.1) knows only the standards WCAG2A,
WCAG2AA and WCAG2AAA: it runs axe with the tags of WCAG 2.0 and 2.1 (and best practices) and HTML_CodeSniffer's
WCAG2AA sniffs; it has no WCAG 2.2 standard, and a rule named for axe (``target-size``) is refused by
HTML_CodeSniffer, so axe's WCAG 2.2 rule runs in tests/browser/test_wcag22.py instead. Results that a runner
marks as needing a person's review (axe's "incomplete", HTML_CodeSniffer's notices and warnings) are kept in the report and counted, not failed: they are for a person to review.
The run fails (exit 1) on any error, naming the page, runner, code and element.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PA11Y_CI = ROOT / "node_modules" / ".bin" / "pa11y-ci"
CHROMIUM = "/usr/bin/chromium"


def pages(site: Path) -> list[str]:
    """Every page of the built site, relative to its root (the theme's template files excluded)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if p.relative_to(site).parts[0] not in {"_static", "_sources"})


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # the report, not the access log, is the output
        pass


def config(base: str, site: Path, report: Path) -> dict:
    return {
        "defaults": {
            # to a file: pa11y-ci's --json on stdout is cut short when node exits before the pipe drains
            "reporters": [["json", {"fileName": str(report)}]],
            "standard": "WCAG2AA",
            "runners": ["axe", "htmlcs"],
            "includeNotices": True,
            "includeWarnings": True,
            "levelCapWhenNeedsReview": "warning",
            "timeout": 180000,
            "wait": 300,
            "chromeLaunchConfig": {
                "executablePath": CHROMIUM,
                "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                         "--disable-component-update", "--no-first-run", "--disable-sync"],
            },
        },
        "concurrency": 1,
        "urls": [base + page for page in pages(site)],
    }


def run(site: Path, report: Path) -> int:
    if not (site / "index.html").exists():
        sys.exit(f"{site} is not built: run `make html` first")
    if not PA11Y_CI.exists():
        sys.exit(f"{PA11Y_CI} is missing: run `npm ci` (or `make test`, which installs it)")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump(config(base, site, report), fh)
        report.unlink(missing_ok=True)
        proc = subprocess.run([str(PA11Y_CI), "--config", fh.name], capture_output=True, text=True,
                              env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"})
    finally:
        server.shutdown()
        Path(fh.name).unlink(missing_ok=True)
    try:
        result = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        sys.exit(f"pa11y-ci wrote no JSON report to {report} (exit {proc.returncode}):\n{proc.stdout[-3000:]}\n"
                 f"{proc.stderr[-3000:]}")
    counts: Counter = Counter()
    errors = []
    for url, issues in result["results"].items():
        page = url.removeprefix(base)
        for issue in issues:
            if "type" not in issue:  # a page pa11y could not test is reported as a bare message
                errors.append(f"{page}: not tested: {issue.get('message', issue)}")
                continue
            counts[(issue.get("runner"), issue["type"])] += 1
            if issue["type"] == "error":
                errors.append(f"{page}: {issue.get('runner')} {issue['code']} at {issue.get('selector')}: "
                              f"{issue['message'][:200]}")
    print(f"pa11y-ci over {len(result['results'])} pages (WCAG2AA, runners axe and htmlcs):")
    for (runner, kind), n in sorted(counts.items()):
        print(f"  {runner:6} {kind:8} {n}")
    print(f"  errors: {len(errors)}; the full report: {report}")
    for line in errors:
        print("  " + line)
    return 1 if errors or proc.returncode not in (0, 2) else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--report", type=Path, default=ROOT / "_build" / "pa11y" / "report.json")
    args = parser.parse_args()
    sys.exit(run(args.site, args.report))


if __name__ == "__main__":
    main()
