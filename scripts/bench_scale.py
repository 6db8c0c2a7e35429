"""Measure how the build grows with the number of works, on synthetic editions made at run time.

    python scripts/bench_scale.py [--counts 2,8,32]

For each count N, a copy of the sources (in a temporary folder, never committed) gets N minus the registered
works as copies of the third-essay fixture (``tests/fixtures/third_essay``: its copy-text, checksum, decisions,
registry entry, place in the table of contents and note review), each under its own key, letter, copy-text
and chapter, exactly as an editor adds a work (README, "Adding an essay"). Each edition is then built cold,
``python -m edition.make_chapters --add-new`` and ``make html``, in a fresh wrapper process, which reports
the wall-clock and CPU time and the peak memory (the largest resident set of any process of the build,
``getrusage(RUSAGE_CHILDREN).ru_maxrss``). The output's size is the bytes of every file in ``_build/html``.

The figures are fitted with a least-squares line (seconds and MB per work). Each step between counts gives a
marginal cost per added work; a step whose marginal cost is more than ``NONLINEAR`` times the first step's is
flagged as not linear (build times on a shared machine vary by tens of per cent, so smaller ratios are noise).

Each added work takes the next free letter the registry allows (``edition/essays.py``, ``LETTER_RE``): the
single capitals, then pairs of capitals.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import string
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "third_essay"
VENV = Path(sys.prefix)
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "_build", "node_modules", "__pycache__", ".pytest_cache",
                                     "*.egg-info")
NONLINEAR = 1.5
# Runs the commands in order and reports, as JSON, wall and CPU seconds and the peak RSS of its children.
WRAPPER = """
import json, resource, subprocess, sys, time
cmds = json.loads(sys.argv[1])
start = time.perf_counter()
for cmd in cmds:
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\\n{run.stdout[-2000:]}\\n{run.stderr[-2000:]}")
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": time.perf_counter() - start, "cpu": use.ru_utime + use.ru_stime, "rss_kb": use.ru_maxrss}))
"""


def _registry(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def make_edition(tree: Path, count: int) -> int:
    """Copy the sources to ``tree`` and add fixture works until the registry holds ``count``; returns the copies."""
    shutil.copytree(ROOT, tree, ignore=NOT_SOURCES)
    if (ROOT / "node_modules").exists():
        (tree / "node_modules").symlink_to(ROOT / "node_modules")  # set-up files, not sources
    works = _registry(tree / "data" / "essays.yml")
    known = {w["key"] for w in works}
    fixture = next(w for w in _registry(FIXTURE / "data" / "essays.yml") if w["key"] not in known)
    copies = count - len(works)
    if copies < 0:
        raise SystemExit(f"bench_scale: the edition already has {len(works)} works; ask for at least that many")
    capitals = string.ascii_uppercase
    taken = {w["letter"] for w in works}
    letters = [c for c in [*capitals, *(a + b for a in capitals for b in capitals)] if c not in taken]
    text = (FIXTURE / fixture["copytext"]).read_bytes()  # byte for byte, as its checksum says
    decisions = (FIXTURE / fixture["decisions"]).read_text(encoding="utf-8")
    review = (FIXTURE / "data" / "editorial" / "notes_without_works.csv").read_text(encoding="utf-8").splitlines()[1:]
    digest = hashlib.sha256(text).hexdigest()
    toc = yaml.safe_load((tree / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if any(c.get("file") == works[-1]["page"] for c in p["chapters"]))
    stem = Path(fixture["copytext"]).stem
    for i in range(1, copies + 1):
        key = f"{fixture['key']}{i:02d}"
        entry = {**fixture, "key": key, "letter": letters[i - 1], "label": f"{fixture['label']} {i}",
                 "title": f"{fixture['title']} ({i})", "copytext": f"data/sources/{stem}-{i:02d}.txt",
                 "decisions": f"data/editorial/{key}.yml", "page": f"chapters/{key}"}
        works.append(entry)
        (tree / entry["copytext"]).write_bytes(text)
        (tree / entry["decisions"]).write_text(decisions, encoding="utf-8")
        with open(tree / "data" / "sources" / "SHA256SUMS", "a", encoding="utf-8") as fh:
            fh.write(f"{digest}  {Path(entry['copytext']).name}\n")
        with open(tree / "data" / "editorial" / "notes_without_works.csv", "a", encoding="utf-8") as fh:
            fh.writelines(f"{key},{line.split(',', 1)[1]}\n" for line in review)
        part["chapters"].append({"file": entry["page"]})
    (tree / "data" / "essays.yml").write_text(yaml.safe_dump(works, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (tree / "_toc.yml").write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return copies


def build(tree: Path) -> dict:
    """A cold build in a fresh wrapper process: times, peak memory, output size."""
    cmds = [[str(VENV / "bin" / "python"), "-m", "edition.make_chapters", "--add-new"],
            ["make", "-C", str(tree), "html", f"VENV={VENV}"]]
    run = subprocess.run([sys.executable, "-c", WRAPPER, json.dumps(cmds)], cwd=tree, capture_output=True, text=True,
                         env={**os.environ, "EDITION_ROOT": str(tree)})
    if run.returncode:
        raise SystemExit(f"bench_scale: build in {tree} failed:\n{run.stderr[-3000:]}")
    out = json.loads(run.stdout.strip().splitlines()[-1])
    out["bytes"] = sum(p.stat().st_size for p in (tree / "_build" / "html").rglob("*") if p.is_file())
    return out


def fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares slope and intercept."""
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return slope, my - slope * mx


def measure(counts: list[int]) -> dict[int, dict]:
    results = {}
    with tempfile.TemporaryDirectory(prefix="edition-scale-") as tmp:
        for n in counts:
            tree = Path(tmp) / f"works-{n}"
            make_edition(tree, n)
            print(f"bench: scaling, {n} works in {tree}", file=sys.stderr)
            results[n] = build(tree)
            shutil.rmtree(tree, ignore_errors=True)
    return results


def section(results: dict[int, dict]) -> str:
    counts = sorted(results)
    rows = ["| works | build (wall) | build (CPU) | per work (wall / CPU) | output | per work | peak memory |",
            "|---:|---:|---:|---:|---:|---:|---:|"]
    for n in counts:
        r = results[n]
        rows.append(f"| {n} | {r['wall']:.1f} s | {r['cpu']:.1f} s | {r['wall'] / n:.2f} s / {r['cpu'] / n:.2f} s | "
                    f"{r['bytes'] / 1e6:.1f} MB | {r['bytes'] / 1e6 / n:.2f} MB | {r['rss_kb'] / 1024:.0f} MiB |")
    lines = ["\n".join(rows), ""]
    if len(counts) >= 2:
        for key, unit, scale in (("wall", "s", 1), ("cpu", "CPU s", 1), ("bytes", "MB", 1e6), ("rss_kb", "MiB", 1024)):
            slope, icpt = fit(counts, [results[n][key] / scale for n in counts])
            lines.append(f"- {key}: {slope:.3f} {unit} per added work (least squares; {icpt:.1f} {unit} at none)")
        steps = list(zip(counts, counts[1:]))
        for key, unit, scale in (("cpu", "CPU s", 1), ("wall", "s", 1), ("bytes", "MB", 1e6)):
            marginal = [(results[b][key] - results[a][key]) / scale / (b - a) for a, b in steps]
            for (a, b), m in zip(steps, marginal):
                ratio = m / marginal[0] if marginal[0] > 0 else float("nan")
                flag = "NOT LINEAR" if ratio > NONLINEAR else "linear"
                lines.append(f"- {key}, {a} → {b} works: {m:.3f} {unit} per added work "
                             f"({ratio:.2f} × the first step: {flag}, threshold {NONLINEAR})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--counts", default="2,8,32", help="numbers of works, comma-separated (default 2,8,32)")
    args = ap.parse_args(argv)
    print(section(measure([int(c) for c in args.counts.split(",")])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
