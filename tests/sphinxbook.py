"""A small Sphinx book built from a few pages with a chosen set of the edition's extensions.

Not a test module: tests import ``build`` so that each extension can be tried on a fixture page of a few lines,
without ``make all``. The build runs in a fresh process (the extensions cache the data they read) and reads
the data of ``root`` through EDITION_ROOT: this checkout by default, or a copy a test has altered.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from edition import ROOT

CONF = """\
extensions = {extensions!r}
html_theme = "basic"
myst_enable_extensions = ["colon_fence", "deflist"]
suppress_warnings = ["myst.header"]
"""


@dataclass
class Book:
    returncode: int
    stderr: str
    out: Path

    def page(self, name: str) -> BeautifulSoup:
        return BeautifulSoup((self.out / f"{name}.html").read_text(encoding="utf-8"), "html.parser")

    def warnings(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if "WARNING" in line or "ERROR" in line]


def build(tmp_path: Path, pages: dict[str, str], extensions: list[str], *, root: Path = ROOT,
          builder: str = "html", conf: str = "") -> Book:
    """Build ``pages`` (docname → MyST text) with ``myst_parser`` and ``extensions``."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF.format(extensions=["myst_parser", *extensions]) + conf, encoding="utf-8")
    for name, text in pages.items():
        path = src / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if "index" not in pages:
        toc = "\n".join(pages)
        (src / "index.md").write_text(f"# Fixture\n\n```{{toctree}}\n{toc}\n```\n", encoding="utf-8")
    env = {**os.environ, "EDITION_ROOT": str(root)}
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "sphinx", "-b", builder, "-E", "-q", "-N",
                          "-d", str(tmp_path / "doctrees"), str(src), str(out)],
                         capture_output=True, text=True, env=env)
    return Book(run.returncode, run.stderr, out)
