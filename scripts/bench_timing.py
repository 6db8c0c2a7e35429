"""Timing one command of a benchmark: wall-clock and CPU seconds, the command reading a copy of the book.

Shared by scripts/bench.py and scripts/bench_profile.py. CPU time barely moves when other work shares the machine,
so both are reported.
"""

from __future__ import annotations

import os
import resource
import subprocess
import time
from pathlib import Path


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], cwd: Path, who: str = "bench") -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``cmd`` run in ``cwd``; a failure exits naming the command and its output."""
    start, cpu = time.perf_counter(), child_cpu()
    # EDITION_ROOT: the installed package (and so the Sphinx extensions) reads the copy's data, not this checkout's.
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, "EDITION_ROOT": str(cwd)})
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{who}: {' '.join(cmd)} failed in {cwd}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed, child_cpu() - cpu
