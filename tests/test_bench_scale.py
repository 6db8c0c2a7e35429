"""The scaling benchmark's synthetic editions are real editions, and its verdict on linearity is the one it states.

No timing here (performance is measured in `make bench`): the test checks that the editions `scripts/bench_scale.py`
makes from the third-essay fixture are accepted by the registry and the checksums, that it refuses a count the
registry cannot hold with the reason, and that its fit and its non-linear flag say what the numbers say.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("bench_scale", ROOT / "scripts" / "bench_scale.py")
bench_scale = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bench_scale)


def test_a_synthetic_edition_registers_every_copy_of_the_fixture(tmp_path):
    tree = tmp_path / "book"
    assert bench_scale.make_edition(tree, 5) == 3
    check = ("from edition import essays, data; w = essays.works(); "
             "print(len(w), len({x.letter for x in w}), len(data.checksum_problems()))")
    run = subprocess.run([sys.executable, "-c", check], cwd=tmp_path, capture_output=True, text=True,
                         env={**os.environ, "EDITION_ROOT": str(tree)})
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["5", "5", "0"]
    toc = (tree / "_toc.yml").read_text(encoding="utf-8")
    assert all(f"chapters/hull{i:02d}" in toc for i in (1, 2, 3))


def test_past_26_works_the_letters_are_pairs_of_capitals_the_registry_accepts(tmp_path):
    tree = tmp_path / "book"
    assert bench_scale.make_edition(tree, 28) == 26
    check = "from edition import essays; w = essays.works(); print(len(w), len({x.letter for x in w}), w[-1].letter)"
    run = subprocess.run([sys.executable, "-c", check], cwd=tmp_path, capture_output=True, text=True,
                         env={**os.environ, "EDITION_ROOT": str(tree)})
    assert run.returncode == 0, run.stderr
    count, distinct, last = run.stdout.split()
    assert (count, distinct) == ("28", "28") and len(last) == 2 and last.isupper()


def _results(times: dict[int, float]) -> dict[int, dict]:
    return {n: {"wall": t, "cpu": t, "bytes": n * 1e6, "rss_kb": 1024 * (100 + n)} for n, t in times.items()}


def test_the_fit_and_the_linearity_flag():
    assert bench_scale.fit([2, 8, 26], [5 + 2 * 2, 5 + 2 * 8, 5 + 2 * 26]) == pytest.approx((2.0, 5.0))
    linear = bench_scale.section(_results({2: 10.0, 8: 22.0, 26: 58.0}))
    assert "NOT LINEAR" not in linear and "2.000 s per added work" in linear
    quadratic = bench_scale.section(_results({n: 10.0 + n * n for n in (2, 8, 26)}))
    assert "cpu, 8 → 26 works" in quadratic and "NOT LINEAR" in quadratic
