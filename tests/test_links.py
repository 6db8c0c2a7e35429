"""``make links`` (lychee, offline, fragments included) fails on a broken internal link or anchor and names it.

``make test`` runs it over the built site; here it runs on a two-page site written for the test, so the
check is known to catch what it is for.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _site(tmp_path: Path, index: str) -> Path:
    html = tmp_path / "html"
    (html / "chapters").mkdir(parents=True)
    (html / "index.html").write_text(f'<html lang="en"><body><h1 id="top">T</h1>{index}</body></html>')
    (html / "chapters" / "a.html").write_text('<html lang="en"><body><p id="there">x</p>'
                                              '<a href="../index.html#top">up</a></body></html>')
    return tmp_path


def _links(build: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", "links", f"BUILD={build}"], cwd=ROOT, capture_output=True, text=True)


def test_broken_anchor_and_missing_page_fail(tmp_path):
    build = _site(tmp_path, '<a href="chapters/a.html#there">ok</a> <a href="chapters/a.html#nowhere">x</a> '
                            '<a href="missing.html">y</a> <a href="https://example.org/">web</a>')
    result = _links(build)
    assert result.returncode != 0
    assert "chapters/a.html#nowhere" in result.stdout and "Cannot find fragment" in result.stdout
    assert "missing.html" in result.stdout
    assert "0 Errors" not in result.stdout


def test_a_sound_site_passes_offline(tmp_path):
    result = _links(_site(tmp_path, '<a href="chapters/a.html#there">ok</a> <a href="https://example.org/">web</a>'))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 Errors" in result.stdout
