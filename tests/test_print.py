"""The print editions: the PDF carries every word of both essays and their notes, in order, typeset cleanly;
the EPUB is a valid container with every chapter; the HTML edition links both and the links resolve.

The PDF is read back with poppler's ``pdftotext -bbox-layout``, which gives each word with its box. The
height of a word's box is its type size, and that is how a reader tells the parts of a page apart:
the text (11 pt, headings larger), the notes at the foot of the page (9 pt), and the small marks: note
numbers, paragraph numbers in the margin, page-break marks (8 pt and less). Running heads and page
numbers stand outside the text block. A word TeX hyphenated at a line end carries U+2010 (set in
_latex/edition.sty), never an author's hyphen-minus, so it is joined again exactly.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from edition import data, essays, metadata

from conftest import HTML, ROOT, article, chapter, report_fidelity, words
from fidelity_helpers import copytext, unexplained

PDF = ROOT / "_build" / "pdf" / "edition.pdf"
LOG = ROOT / "_build" / "print" / "_build" / "latex" / "edition.log"
EPUB = ROOT / "_build" / "epub" / "edition.epub"
NS = "{http://www.w3.org/1999/xhtml}"
TEXT_SIZE, NOTE_SIZE, MARK_SIZE = 9.5, 8.5, 7.5  # box heights (pt) that separate text, notes and marks
TOP, BOTTOM = 66, 740  # the text block on a letter page; running heads and folios lie outside it
TEX_HYPHEN = "\u2010"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run `make pdf epub` (or `make test`, which builds them)")
    return path


@lru_cache
def pdf_lines() -> list[tuple[int, str, list[tuple[str, float]]]]:
    """Every line of the PDF in reading order: (page, kind, [(word, height)]), kind 'text', 'note' or 'other'."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(_need(PDF)), "-"], check=True, capture_output=True, text=True).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    out = []
    for number, page in enumerate(ElementTree.fromstring(xml).iter(f"{NS}page"), start=1):
        for line in page.iter(f"{NS}line"):
            boxes = [(w.text or "", float(w.get("yMax")) - float(w.get("yMin")), float(w.get("yMin"))) for w in line.iter(f"{NS}word")]
            if not boxes or min(y for _, _, y in boxes) < TOP or max(y for _, _, y in boxes) > BOTTOM:
                out.append((number, "other", [(w, h) for w, h, _ in boxes]))
                continue
            size = max(h for _, h, _ in boxes)
            kind = "text" if size >= TEXT_SIZE else "note" if size >= NOTE_SIZE else "other"
            out.append((number, kind, [(w, h) for w, h, _ in boxes]))
    return out


def _join(lines: list[list[str]]) -> str:
    """Lines of words as one string, with TeX's line-end hyphenation undone."""
    text = "\n".join(" ".join(line) for line in lines)
    return text.replace(TEX_HYPHEN + "\n", "")


@lru_cache
def essay_pages() -> dict[str, tuple[int, int]]:
    """First and last page of each essay: from its title, set as a chapter heading, to the next chapter."""
    starts = {}
    for page, kind, boxes in pdf_lines():
        if kind == "text" and boxes and max(h for _, h in boxes) > 15:  # a chapter title (\LARGE)
            starts.setdefault(" ".join(w for w, _ in boxes), page)
    ordered = sorted(starts.values())
    pages = {}
    for work in essays.works():
        first = next(p for t, p in starts.items() if work.title.startswith(t) or t.startswith(work.title[:30]))
        later = [p for p in ordered if p > first]
        pages[work.key] = (first, later[0] - 1 if later else first + 999)
    return pages


def essay_streams(essay: str) -> tuple[list[str], list[str]]:
    """The essay's text words and its notes' words, each in reading order, as printed."""
    first, last = essay_pages()[essay]
    text, notes = [], []
    for page, kind, boxes in pdf_lines():
        if not first <= page <= last:
            continue
        if kind == "text":
            text.append([w for w, h in boxes if h >= TEXT_SIZE - 1])  # drops note numbers and the edition's marks
        elif kind == "note":
            notes.append([w for w, h in boxes if h >= MARK_SIZE])  # drops each note's own number
    return words(_join(text)), words(_join(notes))


def edition_runs(essay: str) -> list[list[str]]:
    """The words of the edition's own additions in the text (class ``ed``), in order, read from the HTML chapter."""
    runs = []
    for el in article(chapter(essay)).select(".ed"):
        if el.find_parent(class_="ed") or el.find_parent("aside") or {"para-num", "pb"} & set(el.get("class", [])):
            continue
        if el.name == "sup" or el.find_parent("sup"):
            continue  # note letters and marks print as superscripts, which the PDF reading already sets aside
        if run := words(el.get_text(" ")):
            runs.append(run)
    return runs


def without_runs(built: list[str], runs: list[list[str]]) -> list[str]:
    """``built`` with each run removed at its first place after the previous one; runs not printed there are skipped."""
    out, at = list(built), 0
    for run in runs:
        n = len(run)
        hit = next((i for i in range(at, len(out) - n + 1) if out[i:i + n] == run), None)
        if hit is not None:
            del out[hit:hit + n]
            at = hit
    return out


def _contains_run(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def test_pdf_has_every_word_of_the_text_in_order(essay):
    source, _ = copytext(essay)
    built, _ = essay_streams(essay)
    # The edition's additions set in the text's size (figure links, say) are not the author's words.
    ratio, problems = unexplained(essay, source, without_runs(built, edition_runs(essay)))
    report_fidelity(f"{essay}: {ratio:.2%} of {len(source)} text words accounted for in the PDF")
    assert not problems, problems
    assert ratio == 1.0


def test_pdf_has_every_note_complete_at_the_foot_of_the_page(essay):
    _, notes = copytext(essay)
    _, printed = essay_streams(essay)
    missing = [n for n, note in notes.items() if not _contains_run(printed, note)]
    report_fidelity(f"{essay}: {len(notes) - len(missing)} of {len(notes)} notes printed word for word in the PDF")
    assert missing == [], f"{essay}: notes not printed word for word: {missing}"


def test_removing_the_editions_additions_leaves_the_authors_words():
    assert without_runs(["a", "Fig", "1", "b", "Fig", "1"], [["Fig", "1"], ["x"]]) == ["a", "b", "Fig", "1"]


def test_the_pdf_fidelity_check_detects_a_lost_note_word():
    assert not _contains_run(["a", "b", "c", "d"], ["b", "d"])
    assert _contains_run(["a", "b", "c", "d"], ["b", "c"])


def test_pdf_has_no_unresolved_reference():
    text = subprocess.run(["pdftotext", str(_need(PDF)), "-"], check=True, capture_output=True, text=True).stdout
    assert "??" not in text
    log = _need(LOG).read_text(errors="replace").replace("\n", "")  # TeX folds its log lines at 79 characters
    # Both kinds LaTeX reports: \ref-style references and hyperlinks (an editors' note's way back to its letter).
    assert re.findall(r"(?:Hyper r|R)eference `[^']*' on page \d+ undefined", log) == []
    assert re.findall(r"Label `[^']*' multiply defined", log) == []


def test_pdf_has_one_bibliography_with_its_entries_in_its_chapter():
    toc = _need(LOG).with_suffix(".toc").read_text(errors="replace")
    assert len(re.findall(r"\{chapter\}\{Bibliography\}", toc)) == 1, "the contents list Bibliography more than once"
    text = subprocess.run(["pdftotext", str(PDF), "-"], check=True, capture_output=True, text=True).stdout
    chapter = text.split("Every work either author cites", 1)[-1].split("Index of persons", 1)[0]
    assert "Butler, Susan. Roosevelt and Stalin" in " ".join(chapter.split())


def test_pdf_embeds_every_font():
    listing = subprocess.run(["pdffonts", str(_need(PDF))], check=True, capture_output=True, text=True).stdout
    fonts = [line.split() for line in listing.splitlines()[2:]]
    assert fonts, "pdffonts listed no fonts"
    # Columns from the right: emb sub uni object-id generation.
    assert [f[0] for f in fonts if f[-5] != "yes"] == []


def test_latex_log_has_no_missing_character():
    log = _need(LOG).read_text(errors="replace")
    assert "Missing character" not in log, re.findall(r"Missing character[^\n]*", log)[:5]


def test_pdf_has_a_title_page_with_version_contents_and_colophon():
    text = subprocess.run(["pdftotext", "-l", "3", str(_need(PDF)), "-"], check=True, capture_output=True, text=True).stdout
    version = metadata.version()
    assert f"Version {version}" in text
    assert "Contents" in text
    every = subprocess.run(["pdftotext", str(PDF), "-"], check=True, capture_output=True, text=True).stdout
    colophon = " ".join(every.rsplit("Colophon", 1)[-1].split())
    assert "Rights." in colophon and "CC BY 4.0" in colophon


def test_epub_is_a_valid_container_with_every_chapter():
    with zipfile.ZipFile(_need(EPUB)) as book:
        first = book.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert book.read("mimetype") == b"application/epub+zip"
        assert book.testzip() is None
        container = ElementTree.fromstring(book.read("META-INF/container.xml"))
        opf_path = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path")
        opf = book.read(opf_path).decode()
        assert 'version="3.0"' in opf
        names = set(book.namelist())
        toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
        for chapter in [toc["root"], *(c["file"] for part in toc["parts"] for c in part["chapters"])]:
            assert f"{chapter}.xhtml" in names, chapter
            assert f'href="{chapter}.xhtml"' in opf, chapter


def test_epub_notes_link_both_ways(essay):
    with zipfile.ZipFile(_need(EPUB)) as book:
        soup = BeautifulSoup(book.read(f"chapters/{essay}.xhtml"), "html.parser")
    _, notes = copytext(essay)
    for n in notes:
        ref = soup.find(id=f"{essay}-n{n}-ref")
        assert ref is not None and ref.get("href") == f"#{essay}-n{n}", n
        assert soup.find(id=f"{essay}-n{n}") is not None, n
    assert soup.select("a.para-num"), "paragraph numbers are missing from the EPUB"
    assert soup.select("span.pb"), "page-break marks are missing from the EPUB"


def test_landing_page_offers_the_pdf_and_epub_and_the_links_resolve():
    soup = BeautifulSoup((HTML / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select("p.downloads a")}
    assert set(links) == {"PDF", "EPUB"}
    for href in links.values():
        target = HTML / href
        assert target.is_file(), href
    assert (HTML / links["PDF"]).read_bytes() == _need(PDF).read_bytes()


def test_pdf_index_of_persons_gives_pages_within_the_essays():
    text = subprocess.run(["pdftotext", str(_need(PDF)), "-"], check=True, capture_output=True, text=True).stdout
    index = " ".join(text.rsplit("Index of persons by page", 1)[-1].split("Colophon", 1)[0].split())
    assert "Stalin, Joseph" in index
    first, last = essay_pages()["phillips"]
    folio = [int(w) for p, kind, boxes in pdf_lines() if p == first and kind == "other"
             for w, _ in boxes if w.isdigit()][-1]  # the folio is the last line of the chapter's first page
    printed = re.search(r"Litvinov, Maxim Maximovich \([^)]*\), ([\d–, ]+)", index)[1]
    numbers = [int(n) for n in re.findall(r"\d+", printed)]
    # Litvinov is the subject of Phillips's essay: his entry reaches into it, and no page lies beyond the essays.
    assert any(folio <= n <= folio + last - first for n in numbers), printed
    assert max(numbers) <= folio + last - first, printed


def test_persons_data_errors_name_file_row_and_column(tmp_path):
    header = (ROOT / "data" / "persons.csv").read_text(encoding="utf-8").splitlines()[0]
    bad = tmp_path / "persons.csv"
    bad.write_text(header + "\nsomebody_x,,Somebody,,,,,A source,\n", encoding="utf-8")
    problems = [str(p) for p in data.check_table("persons", bad)]
    assert any(re.search(r"persons.csv, row 2, column name: .*Fix:", p) for p in problems), problems


def test_pdf_has_every_chart_as_a_vector_figure_numbered_and_captioned_as_online():
    soup = BeautifulSoup((HTML / "chapters" / "data.html").read_text(encoding="utf-8"), "html.parser")
    online = [(f.select_one(".caption-number").get_text(" ", strip=True), f.select_one(".caption-text").get_text(" ", strip=True))
              for f in soup.select("figure.chart-figure")]
    assert online, "the HTML data chapter has no chart figures"
    text = " ".join(subprocess.run(["pdftotext", str(_need(PDF)), "-"], check=True, capture_output=True, text=True).stdout.split())
    for number, caption in online:
        assert f"{number}: {' '.join(caption.split()[:8])}" in text, (number, caption)
    assert text.count("Interactive version, with the data: online edition") == len(online)
    images = subprocess.run(["pdfimages", "-list", str(PDF)], check=True, capture_output=True, text=True).stdout
    assert images.splitlines()[2:] == [], "a figure is a raster image; the charts should be vector"
