"""The PDF describes itself: title, authors, subject, keywords and language, in its Info dictionary and in XMP.

Library catalogues, reference managers and screen readers read these rather than the title page. Every value
comes from CITATION.cff (through ``edition.metadata``); the rights statement names each work's rights holder
from the registry.
"""

from __future__ import annotations

import subprocess

import pytest

from edition import ROOT, essays, metadata

PDF = ROOT / "_build" / "pdf" / "edition.pdf"


def _run(*args: str, to_stdout: bool = False) -> str:
    if not PDF.exists():
        pytest.fail(f"{PDF.relative_to(ROOT)} is missing: run `make pdf` (or `make test`, which builds it)")
    out = ["-"] if to_stdout else []
    return subprocess.run([*args, str(PDF), *out], check=True, capture_output=True, text=True).stdout


def test_the_info_dictionary_gives_title_and_subject():
    info = dict(line.split(":", 1) for line in _run("pdfinfo").splitlines() if ":" in line)
    ed = metadata.edition()
    assert info["Title"].strip() == ed.title
    assert info["Subject"].strip() == ed.abstract


def test_the_info_dictionary_gives_author_and_keywords():
    # hyperxmp drops both from the Info dictionary unless told to keep them (keeppdfinfo, _ext/printedition.py).
    info = dict(line.split(":", 1) for line in _run("pdfinfo").splitlines() if ":" in line)
    ed = metadata.edition()
    assert info.get("Author", "").strip() == ", ".join(ed.authors)
    assert info.get("Keywords", "").strip() == ", ".join(ed.keywords)


def test_the_xmp_metadata_give_authors_keywords_and_language():
    xmp = _run("pdfinfo", "-meta")
    ed = metadata.edition()
    assert all(f"<rdf:li>{name}</rdf:li>" in xmp for name in ed.authors)
    assert f"<pdf:Keywords>{', '.join(ed.keywords)}</pdf:Keywords>" in xmp
    assert "<dc:language>" in xmp and "<rdf:li>en</rdf:li>" in xmp.split("<dc:language>", 1)[1]


def test_the_colophon_names_each_works_rights_holder():
    colophon = " ".join(_run("pdftotext", to_stdout=True).rsplit("Rights.", 1)[-1].split())
    for work in essays.works():
        assert f"{work.rights_holder} for “{work.title}”" in colophon, work.key
