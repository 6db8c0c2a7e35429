"""The bibliography in Chicago notes-bibliography by citeproc-js: references.bib → CSL-JSON on every entry
type the file uses, the render cached by content, citeproc's HTML admitted only through an allowlist, and
every entry printed in full in the HTML, the PDF and the EPUB under its stable anchor ``bib-<key>``."""

from __future__ import annotations

import functools
import re
import subprocess
import unicodedata
import zipfile

import pytest
from bs4 import BeautifulSoup
from conftest import HTML, ROOT

from edition import bib_csl, bib_render, citeproc, references
from edition_ext.bibliography import CslHtml, _entry

PDF = ROOT / "_build" / "pdf" / "edition.pdf"
EPUB = ROOT / "_build" / "epub" / "edition.epub"
KEYS = references.keys()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> list[tuple[str, str]]:
    return bib_render.entries(tmp_path_factory.mktemp("citeproc"))


@functools.cache
def _items() -> dict[str, dict]:
    return {i["id"]: i for i in bib_csl.items()}


def _alnum(text: str) -> str:
    """Letters and digits only: line breaks, hyphenation and spacing differ between formats."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum())


def _expected(rendered) -> dict[str, str]:
    return {key: _entry(key, html, _items()[key].get("note")).astext() for key, html in rendered}


# The conversion, on one entry of each type references.bib uses --------------------------------------------

def test_every_entry_type_in_references_bib_has_a_case_here():
    used = {e.type for e in references.database().entries.values()}
    assert used == {"article", "book", "incollection", "misc", "online"}
    assert used <= set(bib_csl.TYPES)


@pytest.mark.parametrize("key, expected", [
    ("kennan1947", {"type": "article-journal", "author": [{"family": "Kennan", "given": "George F."}],
                    "title": 'The Sources of <span class="nocase">Soviet</span> Conduct',
                    "container-title": "Foreign Affairs", "volume": "25", "issue": "4", "page": "566-582",
                    "note": "Published under the signature “X”", "issued": {"date-parts": [[1947, 7]]}}),
    ("lih1995", {"type": "book", "collection-title": "Annals of Communism", "publisher": "Yale University Press",
                 "publisher-place": "New Haven and London", "issued": {"date-parts": [[1995]]},
                 "editor": [{"family": "Lih", "given": "Lars T."}, {"family": "Naumov", "given": "Oleg V."},
                            {"family": "Khlevniuk", "given": "Oleg V."}]}),
    ("haslam1994", {"type": "chapter", "container-title": "Soviet Foreign Policy, 1917–1991: A Retrospective",
                    "editor": [{"family": "Gorodetsky", "given": "Gabriel"}], "publisher": "Frank Cass"}),
    ("churchill1946", {"type": "webpage", "publisher": "International Churchill Society",
                       "issued": {"date-parts": [[1946, 3, 5]]}}),
    ("litvinov1981", {"type": "document", "publisher": "Interview by Hugh Phillips",
                      "issued": {"date-parts": [[1981, 3, 30], [1981, 3, 31]]}, "note": "30–31 March 1981. Unpublished"}),
    ("frus1919russia", {"type": "document", "author": [{"literal": "United States Department of State"}]}),
    ("vanree2002", {"author": [{"family": "Ree", "given": "Erik", "non-dropping-particle": "van"}]}),
    ("levin1968", {"author": [{"family": "Levin", "given": "N. Gordon", "suffix": "Jr."}]}),
    ("dvp1957", {"language": "ru", "issued": {"date-parts": [[1957], [0]]}}),
    ("degras1951", {"issued": {"date-parts": [[1951], [1953]]}}),
])
def test_an_entry_of_each_kind_converts_as_csl_json(key, expected):
    item = _items()[key]
    assert {k: item.get(k) for k in expected} == expected


def test_every_entry_converts():
    assert list(_items()) == KEYS


@pytest.mark.parametrize("entry, words", [
    ("@thesis{a, title = {T}, year = {2000}}", "entry a: type @thesis has no CSL type here"),
    ("@book{a, title = {T}, year = {circa 2000}}", "entry a, field year: 'circa 2000' is not a year"),
    ("@book{a, title = {T}, date = {5 May 1922}}", "entry a, field date: '5 May 1922' is not an ISO 8601 date"),
    ("@book{a, title = {<b>T</b>}, year = {2000}}", "entry a, field title: holds an HTML/XML tag"),
    ("@book{a, title = {T}, year = {2000}, shelf = {3}}", "entry a, field shelf: the field is not converted"),
    ("@book{a, title = {a < b}, year = {2000}}", "entry a, field title: holds < or >"),
    ("@book{a, title = {T}, year = {2000}, langid = {klingon}}", "entry a, field langid: 'klingon' is not known"),
])
def test_an_entry_that_cannot_convert_is_refused_naming_entry_field_and_fix(tmp_path, entry, words):
    path = tmp_path / "references.bib"
    path.write_text(entry + "\n", encoding="utf-8")
    with pytest.raises(bib_csl.BibCslError) as caught:
        bib_csl.items(path)
    assert words in str(caught.value) and "references.bib" in str(caught.value)


# The render: Chicago NB 18, cached by content ---------------------------------------------------------------

def test_the_render_is_chicago_notes_bibliography_in_its_order(rendered):
    assert [k for k, _ in rendered] != KEYS and sorted(k for k, _ in rendered) == sorted(KEYS)
    html = dict(rendered)
    assert html["butler2015"] == ('<div class="csl-entry">Butler, Susan. <i>Roosevelt and Stalin: Portrait of a '
                                  'Partnership</i>. Alfred A. Knopf, 2015.</div>')
    assert '“The Sources of Soviet Conduct.” <i>Foreign Affairs</i> 25, no. 4 (1947): 566–82.' in html["kennan1947"]
    # langid = {russian}: the title keeps its sentence case instead of English title case.
    assert "<i>Maksim Maksimovich Litvinov: revoliutsioner, diplomat, chelovek</i>" in html["sheinis1989"]


def test_a_rebuild_with_nothing_changed_does_not_start_node(tmp_path, monkeypatch, rendered):
    first = bib_render.entries(tmp_path)
    assert first == rendered
    monkeypatch.setattr(citeproc.subprocess, "run", lambda *a, **k: pytest.fail("node was started again"))
    assert bib_render.entries(tmp_path) == first
    assert len(list(tmp_path.glob("bibliography-*.json"))) == 1


def test_the_cache_key_follows_the_bibliography(tmp_path):
    bib = tmp_path / "references.bib"
    bib.write_bytes(references.BIBFILE.read_bytes())
    before = bib_render.digest(bib)
    bib.write_bytes(references.BIBFILE.read_bytes() + b"\n")
    assert bib_render.digest(bib) != before


def test_citeprocs_html_becomes_nodes_with_italics_and_links_only():
    para = CslHtml.paragraph("k", '<div class="csl-entry">A. <i>B &#38; C</i>. <a href="https://x.org/">'
                                  'https://x.org/</a>.</div>')
    assert para.astext() == "A. B & C. https://x.org/."
    assert para.children[1].tagname == "emphasis" and para.children[3]["refuri"] == "https://x.org/"
    for bad in ('<script>alert(1)</script>', '<img src="x">', '<a href="javascript:alert(1)">x</a>',
                '<span style="color:red">x</span>'):
        with pytest.raises(ValueError, match="entry k: citeproc-js wrote"):
            CslHtml.paragraph("k", f'<div class="csl-entry">{bad}</div>')


def test_text_from_the_bibliography_stays_text():
    para = CslHtml.paragraph("k", '<div class="csl-entry">&lt;b&gt;x&lt;/b&gt; *y* {z}`w`</div>')
    assert para.astext() == "<b>x</b> *y* {z}`w`" and len(para.children) == 1


# Every entry printed in full, in each format ---------------------------------------------------------------

def test_every_entry_is_printed_in_the_html_in_chicago_style(rendered):
    path = HTML / "chapters" / "bibliography.html"
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make html`")
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    entries = soup.select('[id^="bib-"]')
    assert [e["id"] for e in entries] == [f"bib-{k}" for k, _ in rendered]
    for key, text in _expected(rendered).items():
        entry = soup.find(id=f"bib-{key}")
        printed = entry.select_one("p.csl-entry")
        assert printed is not None and printed.get_text() == text, key
        assert not entry.select(".label"), f"{key} still carries a number"
    butler = soup.find(id="bib-butler2015").select_one("p.csl-entry")
    assert butler.find("em").get_text() == "Roosevelt and Stalin: Portrait of a Partnership"


def test_every_entry_is_printed_in_the_epub(rendered):
    if not EPUB.exists():
        pytest.fail("_build/epub/edition.epub is missing: run `make epub`")
    with zipfile.ZipFile(EPUB) as book:
        name = next(n for n in book.namelist() if n.endswith("bibliography.xhtml"))
        soup = BeautifulSoup(book.read(name).decode("utf-8"), "html.parser")
    for key, text in _expected(rendered).items():
        entry = soup.find(id=f"bib-{key}")
        assert entry is not None, key
        assert _alnum(entry.select_one("p.csl-entry").get_text()) == _alnum(text), key


def test_every_entry_is_printed_in_the_pdf_in_order(rendered):
    if not PDF.exists():
        pytest.fail("_build/pdf/edition.pdf is missing: run `make pdf`")
    text = subprocess.run(["pdftotext", str(PDF), "-"], check=True, capture_output=True, text=True).stdout
    chapter = _alnum(text.split("Every work either author cites", 1)[-1].split("Index of persons", 1)[0])
    at = 0
    for key, entry in _expected(rendered).items():
        found = chapter.find(_alnum(entry), at)
        assert found >= 0, f"{key} is not printed in full, after the entry before it: {entry}"
        at = found
    assert not re.search(r"\[\d+\]", text.split("Every work either author cites", 1)[-1][:3000])
