"""The edition in TEI P5: valid against tei_all (checked with Debian's jing), complete, and faithful.

The files are read as an XML consumer would: the words of each work's text (without the editors' notes,
the copy-text's replaced readings and the back matter's indices) must be the copy-text's, in order, with
only the recorded emendations changed, and each author's note complete in its ``<note place="foot">``.
The ids are the edition's anchors, every pointer resolves, every textual and editors' note is there, and a
decision that would give invalid TEI stops ``make tei`` naming its row, leaving the last good files as
they were.
"""

from __future__ import annotations

import copy
import csv
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from conftest import HTML, ROOT, NOTE_LINE, SUPERSCRIPTS, report_fidelity, words
from fidelity_helpers import copytext, emendation_rows, unexplained

from edition import data, essays, ids, tei
from edition.copytext import PageBreak, numbered, parse

TEI_DIR = ROOT / "_build" / "tei"
SCHEMA = ROOT / "schemas" / "tei_all.rng"
NS = {"t": tei.TEI}
T = f"{{{tei.TEI}}}"
XML_ID = tei.XML_ID
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "third_essay"
CODE = {"edition", "_ext", "scripts", "tests", ".ci", ".github"}


def _file(name: str) -> Path:
    path = TEI_DIR / name
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run `make tei` (or `make test`, which builds it)")
    return path


def _doc(key: str) -> ET.Element:
    return ET.parse(_file(f"{key}.xml")).getroot()


def _member(key: str) -> ET.Element:
    corpus = ET.parse(_file(f"{tei.CORPUS}.xml")).getroot()
    return next(t for t in corpus.findall("t:TEI", NS) if t.get(XML_ID) == f"tei-{key}")


def _strip(root: ET.Element, drop) -> ET.Element:
    """A copy of ``root`` without the elements ``drop`` selects, their tails kept."""
    root = copy.deepcopy(root)
    for parent in list(root.iter()):
        for child in list(parent):
            if drop(child):
                tei._remove(parent, child)
    return root


def _editorial(node: ET.Element) -> bool:
    """The editors' matter inside the text: their notes, the replaced readings, the figure's description."""
    tag = tei.local(node)
    return (tag == "note" and node.get("place") != "foot") or tag in ("rdg", "figDesc") or (
        tag == "div" and node.get("type") in ("persons", "glossary"))


def text_words(doc: ET.Element) -> list[str]:
    text = doc.find("t:text", NS)
    body = _strip(text, lambda n: _editorial(n) or (tei.local(n) == "note" and n.get("place") == "foot"))
    return words("".join(body.itertext()))


def note_words(doc: ET.Element) -> dict[int, list[str]]:
    out = {}
    for note in doc.find("t:text", NS).iter(f"{T}note"):
        if note.get("place") == "foot":
            out[int(note.get("n"))] = words("".join(_strip(note, _editorial).itertext()))
    return out


def _jing(paths: list[Path]) -> subprocess.CompletedProcess:
    if not SCHEMA.is_file():
        pytest.fail(f"{SCHEMA} is missing: the TEI schema is vendored in schemas/ (see its README)")
    if not shutil.which("jing"):
        pytest.fail("jing is not installed: run `make system-tei-deps` (or `make test`)")
    return subprocess.run(["jing", str(SCHEMA), *map(str, paths)], capture_output=True, text=True)


def test_every_tei_file_is_valid_against_tei_all():
    paths = [_file(f"{k}.xml") for k in essays.keys()] + [_file(f"{tei.CORPUS}.xml")]
    run = _jing(paths)
    assert run.returncode == 0, run.stdout


def test_jing_refuses_invalid_tei(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text(_file(f"{essays.keys()[0]}.xml").read_text(encoding="utf-8").replace("<pb ", "<pagebreak ", 1),
                   encoding="utf-8")
    assert _jing([bad]).returncode != 0


def test_the_html_edition_offers_the_same_files():
    for name in [f"{k}.xml" for k in essays.keys()] + [f"{tei.CORPUS}.xml"]:
        offered = HTML / "tei" / name
        assert offered.exists(), f"{offered} is missing: run `make html`"
        assert offered.read_bytes() == _file(name).read_bytes(), name


def test_each_essay_page_and_the_landing_page_link_their_tei():
    from bs4 import BeautifulSoup

    index = BeautifulSoup((HTML / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in index.select("p.tei-downloads a")}
    assert hrefs == {f"tei/{k}.xml" for k in essays.keys()} | {f"tei/{tei.CORPUS}.xml"}
    for work in essays.works():
        page = BeautifulSoup((HTML / work.page).read_text(encoding="utf-8"), "html.parser")
        links = [a["href"] for a in page.select("p.tei-downloads a")]
        assert links == [f"../tei/{work.key}.xml"], work.key
        assert (HTML / work.page).parent.joinpath(links[0]).resolve().is_file()


@pytest.mark.parametrize("member", [False, True], ids=["file", "corpus"])
def test_every_word_of_the_text_is_in_the_tei_in_order(essay, member):
    source, _ = copytext(essay)
    doc = _member(essay) if member else _doc(essay)
    ratio, problems = unexplained(essay, source, text_words(doc))
    report_fidelity(f"{essay} (TEI{' corpus' if member else ''}): {ratio:.2%} of {len(source)} text words accounted for")
    assert not problems, problems
    assert ratio == 1.0


@pytest.mark.parametrize("member", [False, True], ids=["file", "corpus"])
def test_every_note_is_complete_in_its_tei_note(essay, member):
    _, notes = copytext(essay)
    built = note_words(_member(essay) if member else _doc(essay))
    assert sorted(built) == sorted(notes)
    total = sum(len(w) for w in notes.values())
    same = sum(len(w) for n, w in notes.items() if built[n] == w)
    report_fidelity(f"{essay} (TEI{' corpus' if member else ''}): {same / total:.2%} of {total} note words accounted for")
    assert [n for n in notes if built[n] != notes[n]] == []


def test_the_tei_fidelity_check_detects_a_lost_word(essay):
    doc = _doc(essay)
    p = doc.find("t:text", NS).find(".//t:p", NS)
    p.text = " ".join((p.text or "").split()[1:]) or "intruder"
    source, _ = copytext(essay)
    _, problems = unexplained(essay, source, text_words(doc))
    assert problems


def test_ids_are_the_edition_anchors(essay):
    doc, parsed = _doc(essay), parse(essay)
    paras = [n.get(XML_ID) for n in doc.find("t:text", NS).iter() if tei.local(n) in ("p", "bibl") and n.get(XML_ID)]
    assert paras == [pid for pid, _, _ in numbered(parsed)]
    pages = [n.get("n") for n in doc.iter(f"{T}pb")]
    assert pages == ["1"] + [str(pb.number) for pb in parsed.pagebreaks]
    assert [n.get(XML_ID) for n in doc.iter(f"{T}pb")][1:] == [ids.page(essay, pb.number) for pb in parsed.pagebreaks]
    notes = [n.get(XML_ID) for n in doc.iter(f"{T}note") if n.get("place") == "foot"]
    assert notes == [ids.note(essay, n) for n in sorted(parsed.notes)]


def test_every_pointer_resolves(essay):
    for doc in (_doc(essay), ET.parse(_file(f"{tei.CORPUS}.xml")).getroot()):
        known = {n.get(XML_ID) for n in doc.iter() if n.get(XML_ID)}
        pointers = [v[1:] for n in doc.iter() for a in ("ref", "resp", "wit", "target") if (v := n.get(a)) and v.startswith("#")]
        assert pointers and not sorted(set(pointers) - known)


def test_the_apparatus_is_complete(essay):
    doc = _doc(essay)
    apps = {a.get(XML_ID): a for a in doc.iter(f"{T}app")}
    rows = [r for r in emendation_rows() if r["essay"] == essay]
    assert sorted(apps) == sorted(f"tn-{r['emendation_id'].lower()}" for r in rows)
    for r in rows:
        app = apps[f"tn-{r['emendation_id'].lower()}"]
        lem, rdg = app.find("t:lem", NS), app.findall("t:rdg", NS)
        assert app.get("type") == r["action"]
        if r["action"] == "emend":
            assert words("".join(lem.itertext())) == words(r["reading"])
            assert lem.get("resp") == "#editors" and rdg[0].get("wit") == f"#wit-{essay}"
            assert words("".join(rdg[0].itertext())) == words(r["original"])
        else:
            assert words("".join(lem.itertext())) == words(r["original"]) and lem.get("wit") == f"#wit-{essay}"
        kinds = {n.get("type") for n in app.findall("t:note", NS)}
        assert {"reason", "source"} <= kinds, r["emendation_id"]
    ednotes = {n.get(XML_ID) for n in doc.iter(f"{T}note") if n.get("type") == "editorial"}
    expected = {ids.ednote_target(r["note_id"]) for r in data.table("editorial_notes") if r["essay"] == essay}
    assert ednotes == expected
    assert all(n.get("resp") == "#editors" for n in doc.iter(f"{T}note") if n.get("type") == "editorial")


def test_mentions_point_to_the_back_matter(essay):
    doc = _doc(essay)
    with open(ROOT / "data" / "mentions.csv", newline="", encoding="utf-8") as fh:
        found = Counter(r["kind"] for r in csv.DictReader(fh) if r["essay"] == essay)
    persons = [n.get("ref") for n in doc.iter(f"{T}persName") if n.get("ref")]
    terms = [n.get("ref") for n in doc.iter(f"{T}term") if n.get("ref")]
    # Every kind of entry found in the text is marked; each marked entry is listed once in the back matter.
    assert bool(persons) == bool(found["person"]) and bool(terms) == bool(found["term"])
    listed = {p.get(XML_ID) for p in doc.iter(f"{T}person")} | {t.get(XML_ID) for t in doc.iter(f"{T}term") if t.get(XML_ID)}
    assert {r[1:] for r in persons + terms} == listed


def test_every_mention_is_marked_unless_it_lies_in_the_apparatus(essay):
    ctx = tei.Context.load()
    doc = tei.document(essays.get(essay), ctx)
    refs = [n for n in doc.find("t:text", NS).iter() if tei.local(n) in ("persName", "term") and n.get("ref")]
    assert len(refs) == len(ctx.found[essay]) - len(ctx.dropped)
    emended = [(e.line, e.col, e.col + len(e.original)) for e in ctx.emendations if e.essay == essay]
    for m in ctx.dropped:  # each one the edition leaves unmarked stands inside an emended reading
        assert m.kind == "mention" and any(line == m.line and s <= m.start and m.end <= e for line, s, e in emended), m.where
    report_fidelity(f"{essay} (TEI): {len(refs)} of {len(ctx.found[essay])} mentions marked "
                    f"({len(ctx.dropped)} inside an emended reading)")


def test_the_header_describes_original_and_edition(essay):
    doc, work = _doc(essay), essays.get(essay)
    header = doc.find("t:teiHeader", NS)
    assert header.find(".//t:titleStmt/t:title", NS).text == work.title
    assert header.find(".//t:sourceDesc//t:surname", NS).text == work.author.family
    assert header.find(".//t:editionStmt/t:edition", NS).get("n") == tei.metadata.version()
    assert header.find(".//t:licence", NS).get("target")
    assert header.find(".//t:editorialDecl/t:correction/t:p", NS).text
    assert header.find(".//t:witness", NS).get(XML_ID) == f"wit-{essay}"
    usage = {u.get("gi"): int(u.get("occurs")) for u in header.iter(f"{T}tagUsage")}
    assert usage["p"] == len(list(doc.find("t:text", NS).iter(f"{T}p")))


# --- Bad input ----------------------------------------------------------------------------------------


def _tree(tmp_path: Path, overlay: Path | None = None) -> Path:
    """A copy of the book's data and prose (not its code: the installed package builds it)."""
    tree = tmp_path / "book"
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in tracked:
        if name.split("/", 1)[0] not in CODE:
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, tree / name)
    for path in (overlay.rglob("*") if overlay else []):
        if path.is_file() and path.name != "SOURCE.md":
            target = tree / path.relative_to(overlay)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return tree


def _run(tree: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=tree, capture_output=True, text=True,
                          env={**os.environ, "EDITION_ROOT": str(tree)})


def _edit_row(path: Path, row_id: str, column: str, value: str) -> int:
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    fields = list(rows[0])
    for n, row in enumerate(rows, start=2):
        if row[fields[0]] == row_id:
            row[column] = value
            line = n
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return line


@pytest.mark.slow
def test_a_decision_that_would_give_invalid_tei_fails_naming_its_row(tmp_path):
    tree = _tree(tmp_path)
    out = tree / "_build" / "tei"
    good = _run(tree, "-m", "edition.tei", "--out", str(out))
    assert good.returncode == 0, good.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # A proposed reading that opens emphasis it does not close cannot nest in the apparatus.
    row = next(r for r in data.table("emendations") if "*" in r["reading"] and r["action"] != "emend")
    line = _edit_row(tree / "data" / "emendations.csv", row["emendation_id"], "reading", row["reading"].rstrip("*"))
    bad = _run(tree, "-m", "edition.tei", "--out", str(out))
    assert bad.returncode == 2
    assert f"data/emendations.csv: row {line} ({row['emendation_id']}), column 'reading'" in bad.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # the last good files, untouched
    assert not any(p.name.startswith(".tei") for p in out.parent.iterdir())
    # A character XML cannot hold, in an editors' note.
    _edit_row(tree / "data" / "emendations.csv", row["emendation_id"], "reading", row["reading"])
    note = data.table("editorial_notes")[0]
    line = _edit_row(tree / "data" / "editorial_notes.csv", note["note_id"], "text", note["text"].replace(" ", " \x01", 1))
    bad = _run(tree, "-m", "edition.tei", "--out", str(out))
    assert bad.returncode == 2
    # the data package's own check refuses it first (edition.safe_text), naming row, column and fix
    assert f"data/editorial_notes.csv, row {line}, column text: holds the control" in bad.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.slow
def test_the_third_essay_fixture_gives_valid_complete_tei(tmp_path):
    tree = _tree(tmp_path, FIXTURE)
    run = _run(tree, "-m", "edition.make_chapters", "--add-new")
    assert run.returncode == 0, run.stderr
    run = _run(tree, "-m", "edition.tei", "--out", str(tree / "_build" / "tei"), "--schema", str(SCHEMA))
    assert run.returncode == 0, run.stdout + run.stderr
    doc = ET.parse(tree / "_build" / "tei" / "hull.xml").getroot()
    assert [p.get(XML_ID) for p in doc.find("t:text", NS).iter(f"{T}p")] == ["hull-1", "hull-2", "hull-3"]
    text = (tree / "data" / "sources" / "hull-1939.txt").read_text(encoding="utf-8")
    body, notes = [], {}
    for ln in text.splitlines():
        m = NOTE_LINE.match(ln)
        if m:
            notes[int(m.group(1).translate(str.maketrans(SUPERSCRIPTS, "0123456789")))] = words(ln[m.end():])
        else:
            body += words(ln)
    assert text_words(doc) == body
    assert note_words(doc) == notes
    corpus = ET.parse(tree / "_build" / "tei" / f"{tei.CORPUS}.xml").getroot()
    assert [t.get(XML_ID) for t in corpus.findall("t:TEI", NS)] == ["tei-wesser", "tei-phillips", "tei-hull", "tei-indices"]
