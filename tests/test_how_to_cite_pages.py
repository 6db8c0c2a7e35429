"""What the built pages give a reader who cites: how-to-cite sections, downloads, meta tags, the version,
and paragraph anchors that keep their meaning (the registry only grows; withdrawn ids keep a stub)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess

import pytest
from bs4 import BeautifulSoup
from conftest import HTML, chapter

from edition import citation_styles as styles
from edition import data, exports, metadata, paragraphs

ED = metadata.edition()


def page(path: str) -> BeautifulSoup:
    file = HTML / path
    if not file.exists():
        pytest.fail(f"{file} is missing: run `make html`")
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def meta(soup: BeautifulSoup) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for tag in soup.select("head meta[name]"):
        if tag["name"].startswith(("citation_", "DC.")):
            out.setdefault(tag["name"], []).append(tag["content"])
    return out


def built_pages() -> list:
    return sorted(p for p in HTML.rglob("*.html") if "_static" not in p.parts)


# Meta tags for reference managers -----------------------------------------------------------------------------

def test_essay_pages_describe_the_reprint_as_a_book_section_of_the_edition(essay):
    # The rules of Zotero's "Embedded Metadata.js" (zotero/translators): citation_inbook_title sets the item
    # type to bookSection; citation_technical_report_institution would set it to report; DC.source becomes
    # the publication title; DC.description the abstract.
    work = metadata.work(essay)
    tags = meta(chapter(essay))
    released = ED.released.strftime("%Y/%m/%d")
    assert tags["citation_title"] == [work.title]
    assert tags["citation_author"] == [f"{work.author.family}, {work.author.given}"]
    assert tags["citation_inbook_title"] == [ED.title]
    assert tags["citation_publication_date"] == [released]
    assert not [k for k in tags if k.startswith(("citation_journal", "citation_technical", "citation_publisher",
                                                 "citation_book_title", "citation_conference", "citation_dissertation"))]
    assert "citation_public_url" not in tags  # the edition has no public address yet
    assert "DC.source" not in tags and "DC.publisher" not in tags and "DC.relation" not in tags
    assert tags["DC.title"] == [work.title]
    assert tags["DC.creator"] == [f"{work.author.family}, {work.author.given}"]
    assert tags["DC.date"] == [ED.released.isoformat()]
    assert tags["DC.description"] == [styles.plain(styles.originally(work))]


def test_the_landing_page_describes_the_edition():
    tags = meta(page("index.html"))
    assert tags["citation_title"] == [ED.title] == tags["DC.title"]
    assert tags["DC.date"] == [ED.released.isoformat()]
    assert ED.version in tags["DC.description"][0]
    assert "citation_author" not in tags


def test_other_pages_claim_no_citation_metadata():
    assert meta(page("chapters/principles.html")) == {}


# The version -----------------------------------------------------------------------------------------------------

def test_the_version_is_shown_on_every_page():
    pages = built_pages()
    assert len(pages) >= 4
    for path in pages:
        footer = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("footer .edition-version")
        assert footer is not None, f"{path.relative_to(HTML)} shows no edition version"
        assert f"version {ED.version}" in footer.get_text()


# How to cite -----------------------------------------------------------------------------------------------------

def cite_section(soup: BeautifulSoup):
    sections = soup.select("details.how-to-cite")
    assert len(sections) == 1
    assert "ed" in sections[0]["class"], "the edition's own words must carry the class ed"
    return sections[0]


def test_each_essay_page_shows_how_to_cite_the_reprint_and_the_original(essay):
    work = metadata.work(essay)
    soup = chapter(essay)
    section = cite_section(soup)
    texts = [" ".join(p.get_text().split()) for p in section.select(".cite-text")]
    expected = [styles.plain(t) for _, t in styles.styles(ED, work) + styles.styles(ED, work, original=True)]
    assert texts == expected
    # Italics survive as <i>/<em>: the edition's title is set in italics in the Chicago note.
    assert section.select_one(".cite-text em").get_text() == ED.title
    # The section sits right after the title block, before the first paragraph of the text.
    titleblock = soup.select_one(".titleblock")
    assert titleblock.find_next(lambda t: t.name in ("details", "div") and (
        "how-to-cite" in t.get("class", []) or "para" in t.get("class", []))) is section


def test_the_landing_page_shows_how_to_cite_the_edition():
    section = cite_section(page("index.html"))
    texts = [" ".join(p.get_text().split()) for p in section.select(".cite-text")]
    assert texts == [styles.plain(t) for _, t in styles.styles(ED)]


@pytest.mark.parametrize("path,stem", [("chapters/wesser.html", "wesser"), ("chapters/phillips.html", "phillips"),
                                       ("index.html", "edition")])
def test_download_links_lead_to_the_files_the_build_wrote(path, stem):
    from pybtex.database import parse_string

    links = {a["href"] for a in cite_section(page(path)).select(".cite-downloads a[download]")}
    prefix = "../" if "/" in path else ""
    assert links == {f"{prefix}cite/{stem}.{ext}" for ext in ("bib", "ris", "json")}
    work = None if stem == "edition" else metadata.work(stem)
    files = {ext: (HTML / "cite" / f"{stem}.{ext}").read_text(encoding="utf-8") for ext in ("bib", "ris", "json")}
    assert list(parse_string(files["bib"], "bibtex").entries) == exports.keys(work)
    assert [i["id"] for i in json.loads(files["json"])] == exports.keys(work)
    assert files["ris"] == exports.ris(ED, work)


def test_the_script_is_local_and_only_where_it_is_needed():
    for path in built_pages():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        scripts = [s["src"] for s in soup.select("script[src]") if "how_to_cite.js" in s["src"]]
        needed = bool(soup.select("details.how-to-cite, a.para-num"))
        assert len(scripts) == int(needed), path.relative_to(HTML)
        assert all(not s.startswith(("http:", "https:", "//")) for s in scripts)
    assert (HTML / "_static" / "how_to_cite.js").stat().st_size < 10_000


# The paragraph registry: a contract that only grows --------------------------------------------------------------

def registry_versions() -> list[tuple[str, str]]:
    """Every committed version of data/paragraphs.csv, oldest first, as (commit, text)."""
    try:
        log = subprocess.run(["git", "log", "--format=%H", "--reverse", "--", "data/paragraphs.csv"],
                             cwd=metadata.ROOT, capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: the registry's history cannot be read")
    return [(c, subprocess.run(["git", "show", f"{c}:data/paragraphs.csv"], cwd=metadata.ROOT,
                               capture_output=True, text=True, check=True).stdout) for c in log]


def test_the_registry_is_unchanged_except_by_additions():
    current = paragraphs.REGISTRY.read_text(encoding="utf-8")
    current_rows = list(csv.reader(io.StringIO(current)))
    versions = registry_versions()
    assert versions, "data/paragraphs.csv has no committed version"
    for commit, text in versions:
        old_rows = list(csv.reader(io.StringIO(text)))
        assert current_rows[0] == old_rows[0], f"the registry's columns changed since {commit[:8]}"
        missing = [row for row in old_rows if row not in current_rows]
        assert not missing, f"rows of {commit[:8]} changed or removed: {missing[:3]}"
        assert current_rows[:len(old_rows)] == old_rows, f"rows were reordered or inserted before those of {commit[:8]}"


# Withdrawn paragraphs keep a stub anchor -----------------------------------------------------------------------

RETIRED_HEADER = "id,essay,opening,reason,replaced_by\n"


def test_the_edition_s_retired_list_is_valid():
    retired = paragraphs.retired()
    known = paragraphs.load()
    assert all(r.id in known for r in retired.values())
    assert data.check_table("paragraphs_retired", paragraphs.RETIRED) == []


def read_retired(path) -> dict[str, paragraphs.Retired]:
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["id"]: paragraphs.Retired(**row) for row in csv.DictReader(fh)}


def test_a_retired_id_is_accepted_in_place_of_its_paragraph(tmp_path):
    known = paragraphs.load()
    first = known["wesser-3"]
    path = tmp_path / "retired.csv"
    path.write_text(RETIRED_HEADER + f'wesser-3,wesser,"{first.opening}",merged into the next paragraph,wesser-4\n',
                    encoding="utf-8")
    assert data.check_table("paragraphs_retired", path) == []  # the data package accepts the retirement
    retired = read_retired(path)
    assert set(retired) == {"wesser-3"}
    current = [e for e in known.values() if e.id != "wesser-3"]
    assert paragraphs.compare(current, known, set(retired)) == ([], [])
    # Without the retirement, the missing paragraph breaks the contract; with it, the id may not come back.
    assert paragraphs.compare(current, known, set())[0]
    assert paragraphs.compare(list(known.values()), known, set(retired))[0]


OPENING = "Joseph Stalin had a passionate interest in transforming"


# An essay that is not the id's is refused as a pair: (id, essay) is a foreign key into data/paragraphs.csv;
# the problem names the column that is wrong (the essay, when the id exists under another).
@pytest.mark.parametrize("rows,row,column,message", [
    (["wesser-999,wesser,Whatever,gone,"], 2, "id", "id 'wesser-999', 'wesser' does not exist in data/paragraphs.csv"),
    ([f"wesser-3,phillips,{OPENING},gone,"], 2, "essay", "'wesser-3' is in data/paragraphs.csv with essay 'wesser', not 'phillips'"),
    (["wesser-3,wesser,Other words,gone,"], 2, "opening", f"must repeat the registry's opening {OPENING!r}"),
    ([f"wesser-3,wesser,{OPENING},,"], 2, "reason", "empty cell"),
    ([f"wesser-3,wesser,{OPENING},gone,wesser-999"], 2, "replaced_by",
     "replaced_by 'wesser-999' does not exist in data/paragraphs.csv"),
    ([f"wesser-3,wesser,{OPENING},gone,wesser-4"] * 2, 3, "id", "duplicate key"),
], ids=["id", "essay", "opening", "reason", "replaced_by", "duplicate"])
def test_a_bad_retirement_is_refused_naming_row_and_column(tmp_path, rows, row, column, message):
    path = tmp_path / "retired.csv"
    path.write_text(RETIRED_HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    problems = data.check_table("paragraphs_retired", path)
    assert problems, "the bad retirement was accepted"
    assert [(p.row, p.column) for p in problems] == [(row, column)], [str(p) for p in problems]
    (problem,) = problems
    assert message in problem.message and problem.fix
    assert re.search(rf"retired\.csv, row {row}, column {column}: .*{re.escape(message)}.*\. Fix: ", str(problem))


def test_a_stub_says_what_happened_and_links_onward():
    from edition_ext.retired import stubs

    row = paragraphs.Retired("wesser-3", "wesser", OPENING, "merged into the next paragraph", "wesser-4")
    box = stubs([row])
    assert "ed" in box["classes"]
    (para,) = [p for p in box.findall(lambda n: "retired-para" in getattr(n, "get", lambda *_: [])("classes", []))]
    assert para["ids"] == ["wesser-3"]
    text = para.astext()
    assert text.startswith("¶ 3 (it began “Joseph Stalin had a passionate interest in transforming …”) has been withdrawn")
    assert "merged into the next paragraph" in text and text.endswith("Its text now stands at ¶ 4.")
    assert [r["refid"] for r in para.findall(lambda n: n.tagname == "reference")] == ["wesser-4"]
