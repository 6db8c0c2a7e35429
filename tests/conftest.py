"""Shared fixtures: the built edition and the copy-texts, read the way the tests need them."""

from __future__ import annotations

import csv
import re

import pytest
from bs4 import BeautifulSoup

from edition import ROOT, essays

HTML = ROOT / "_build" / "html"
ESSAYS = {w.key: w.copytext.name for w in essays.works()}
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
NOTE_LINE = re.compile(rf"^(?:- )?([{SUPERSCRIPTS}]+|\d{{1,2}}) ")
WORD = re.compile(r"[^\W_]+")


_FIDELITY: list[str] = []


def report_fidelity(line: str) -> None:
    """Keep a fidelity ratio for the summary at the end of the run (pytest hides a passing test's output)."""
    _FIDELITY.append(line)


def pytest_terminal_summary(terminalreporter) -> None:
    if _FIDELITY:
        terminalreporter.section("fidelity: words of the copy-texts accounted for")
        for line in _FIDELITY:
            terminalreporter.write_line(line)


def words(text: str) -> list[str]:
    """Words as the fidelity tests count them: runs of letters and digits; punctuation and markup ignored."""
    return WORD.findall(re.sub(f"[{SUPERSCRIPTS}]", " ", text))


def copytext(essay: str) -> tuple[list[str], dict[int, list[str]]]:
    """The copy-text's body words and each note's words, read independently of the edition's parser."""
    body, notes = [], {}
    for line in essays.get(essay).copytext.read_text(encoding="utf-8").splitlines():
        m = NOTE_LINE.match(line)
        if m:
            number = int(m.group(1).translate(str.maketrans(SUPERSCRIPTS, "0123456789")))
            notes[number] = words(line[m.end():])
        else:
            body.extend(words(line))
    return body, notes


def chapter(essay: str) -> BeautifulSoup:
    path = HTML / essays.get(essay).page
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make html` (or `make test`, which builds first)")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(soup: BeautifulSoup) -> BeautifulSoup:
    return soup.select_one("article.bd-article") or soup.select_one("main")


def exceptions() -> list[dict]:
    with open(ROOT / "data" / "editorial" / "fidelity_exceptions.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(params=list(ESSAYS))
def essay(request) -> str:
    return request.param
