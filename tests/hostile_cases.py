"""Hostile values and a small fixture book that prints them, for tests/test_hostile.py and the browser suite.

Not a test module. ``REFUSED`` must be refused in every field of every table; ``INERT`` must pass and then
print as themselves in every format. ``build(tmp, builder)`` writes a one-page Sphinx book that prints every
inert value through ``edition.safe_text.myst`` in the places the generated chapters use (a paragraph, a
definition list's body, bold text, an inline-markup field), plus every refused value through the escaping
layer alone, and builds it with ``builder`` (html, epub or latex).
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

from edition import safe_text

OUTSIDE = "CANARY-OUTSIDE-FILE-READ"

_TAGS = ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>',
         "<svg onload=alert(1)>", '<iframe src="https://example.org/"></iframe>', '"><script>alert(1)</script>',
         "<style>body{display:none}</style>", '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
         "<![CDATA[x]]>", "<!-- x -->", '<meta http-equiv="refresh" content="0;url=https://example.org/">']
_MYST = ["{ref}`x <persons>`", "```{include} ../../outside.txt\n```", ":::{raw} html\n<b>x</b>\n:::",
         "{download}`../../outside.txt`", "{eval-rst}`x`", "~~~{literalinclude} /etc/hostname\n~~~"]
_CONTROL = ["a\x00b", "\ufeffBOM", "evil\u202etxt.exe", "\u2066isolate\u2069", "a\x1b[31mred", "line\nbreak",
            "line\rbreak", "para\u2029sep", "a" * (safe_text.MAX_LENGTH + 1)]
REFUSED = _TAGS + _MYST + _CONTROL

INERT = ["[click](javascript:alert(1))", "<javascript:alert(1)>", "javascript:alert(1)", "$x^2$", "(target)=",
         "[^1]", "% comment", "# Heading", "> quote", "- item", "1. item", "---", "| a | b |", "*not emphasis",
         r"\input{/etc/hostname}", r"\write18{id}", r"\def\x{y}", r"\\", "%", "&", "~", "^", "_", "#", "{", "}",
         "&lt;script&gt;alert(1)&lt;/script&gt;", "&#60;script&#62;", "&amp;", "]]>", "a < b > c",
         "{{ substitution }}", "\\", "`", "ü" * 40 + " Ελληνικά русский עברית", "x" * 2000]
# Values an inline field (emphasis and http(s) links only) must refuse, besides REFUSED.
INLINE_REFUSED = ["[click](javascript:alert(1))", "[x](data:text/html,hi)", "![img](https://example.org/x.png)",
                  "`code`", "[x](ftp://example.org/)", "<mailto:a@b.org>"]

CONF = """
project = "hostile"
version = "1"
smartquotes = False  # as the edition: quotes print as written
extensions = ["myst_parser", "edition_ext.confine"]
myst_enable_extensions = ["colon_fence", "deflist"]
html_theme = "basic"
epub_basename = "hostile"
epub_show_urls = "no"
epub_copyright = "2026"
epub_author = "tests"
epub_publisher = "tests"
latex_engine = "xelatex"
latex_documents = [("index", "hostile.tex", "Hostile", "tests", "howto")]
suppress_warnings = ["epub.unknown_project_files"]
"""


def page() -> str:
    """The fixture page: each inert value in each context, numbered so a test can find it."""
    out = ["# Hostile values", ""]
    for n, value in enumerate(INERT):
        text = safe_text.myst(value)
        out += [f"Case {n} paragraph: {text} end.", "", f"Case {n} term", f": {text}", "",
                f"**Case {n} bold {text}** end.", ""]
    for n, value in enumerate(_TAGS + _MYST):
        out += [f"Escaped {n}: {safe_text._escape(value)} end.", ""]
    out += ["Inline: " + safe_text.myst("*As He Saw It* [a link](https://example.org/a_b) 1 < 2", "inline"), ""]
    return "\n".join(out)


def build(tmp: Path, builder: str, extra: str = "") -> tuple[subprocess.CompletedProcess, Path]:
    """Write and build the fixture book; ``extra`` is appended to its page (to inject a fault)."""
    src = tmp / "src"
    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text(page() + extra, encoding="utf-8")
    (tmp / "outside.txt").write_text(OUTSIDE + "\n", encoding="utf-8")
    out = tmp / builder
    result = subprocess.run([sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-q", "-b", builder,
                             "-d", str(tmp / f"doctrees-{builder}"), str(src), str(out)],
                            capture_output=True, text=True)
    return result, out


def cells(values, fields) -> list[tuple[str, str]]:
    return list(itertools.product(fields, values))
