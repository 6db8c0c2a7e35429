"""Citation formats: for a fixed sample, each style's output equals a string written from the style's own rules.

The sample is the edition's real metadata at version 0.1.0, fixed here so that a later release does not
change the expected strings. Each expected string carries, in a comment, the rules it follows:
CMOS = The Chicago Manual of Style, 17th ed. (2017); MLA = MLA Handbook, 9th ed. (2021); APA = Publication
Manual of the American Psychological Association, 7th ed. (2020). `*…*` marks italics.
Wesser's venue of first publication is unknown, so no citation of his original names one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib

import pytest
import yaml

from edition import citation_styles as styles
from edition import ROOT, essays, exports, metadata
from edition.essays import Person, Work
from edition.metadata import Edition

ED = Edition(
    title="Two Essays on Soviet–American Relations, 1917–1947: A Critical Edition",
    short_title="Two Essays on Soviet–American Relations",
    title_sentence_case="Two essays on Soviet–American relations, 1917–1947: A critical edition",
    version="0.1.0", released=dt.date(2026, 11, 23), license="CC-BY-4.0", url="")
ED_ONLINE = Edition(**{**ED.__dict__, "url": "https://example.org/edition/"})
WESSER = Work(key="wesser", letter="W", label="Wesser", noun="essay",
              copytext=ROOT / "data" / "sources" / "wesser-2021.txt",
              decisions=ROOT / "data" / "editorial" / "wesser.yml", docname="chapters/wesser",
              kind="essay", title="Joseph Stalin and the Soviet-U.S. Partnership, 1917-1947",
              short_title="Soviet-U.S. Partnership",
              title_sentence_case="Joseph Stalin and the Soviet-U.S. partnership, 1917-1947",
              author=Person("Wesser", "Robert M."), date=(2021, 11, 30),
              publication="Dated 30 November 2021 (printed “11-30-2021”). The copy-text does not say where the "
                          "essay first appeared, and the editors have not established it; it is cited here by "
                          "author, title and date.")
PHILLIPS = Work(key="phillips", letter="P", label="Phillips", noun="paper",
                copytext=ROOT / "data" / "sources" / "phillips-1996.txt",
                decisions=ROOT / "data" / "editorial" / "phillips.yml", docname="chapters/phillips",
                kind="report", title="Maxim M. Litvinov and Soviet-American Relations, 1918–1946",
                short_title="Litvinov and Soviet-American Relations",
                title_sentence_case="Maxim M. Litvinov and Soviet-American relations, 1918–1946",
                author=Person("Phillips", "Hugh"), date=(1996, 6), series="Kennan Institute Occasional Paper",
                number="263", place="Washington, D.C.",
                publisher="Woodrow Wilson International Center for Scholars, Kennan Institute for Advanced Russian Studies",
                editor=Person("Moore", "Kate"),
                rights="Hugh Phillips and the Woodrow Wilson International Center for Scholars",
                publication="Kennan Institute Occasional Paper #263. Washington, D.C.: Kennan Institute for Advanced "
                            "Russian Studies, Woodrow Wilson International Center for Scholars, June 1996. Edited by "
                            "Kate Moore.")
T = "*Two Essays on Soviet–American Relations, 1917–1947: A Critical Edition*"
PUB = "Woodrow Wilson International Center for Scholars, Kennan Institute for Advanced Russian Studies"


def test_the_sample_is_the_edition_s_metadata():
    assert metadata.work("wesser") == essays.get("wesser") == WESSER
    assert metadata.work("phillips") == essays.get("phillips") == PHILLIPS
    live = metadata.edition()
    assert (live.title, live.short_title, live.title_sentence_case, live.license) == (
        ED.title, ED.short_title, ED.title_sentence_case, ED.license)


# Chicago notes-bibliography ---------------------------------------------------------------------------------

def test_chicago_note_for_the_reprint():
    # CMOS 14.20: a note gives the author's name in normal order, elements separated by commas.
    # CMOS ch. 14, "Chapter originally published elsewhere" / chapters in a book: the part's title in quotation
    #   marks, "in" and the book's title in italics. CMOS 6.9: comma inside the closing quotation mark.
    # CMOS 14.7: the URL (here the address within the edition) comes last.
    assert styles.chicago_note(ED, WESSER) == (
        f"Robert M. Wesser, “Joseph Stalin and the Soviet-U.S. Partnership, 1917-1947,” in {T}, "
        "version 0.1.0 (2026), chapters/wesser.html.")


def test_chicago_note_to_a_paragraph():
    # CMOS 14.22: a locator (here "para." for a numbered paragraph, CMOS 18th ed. 13.117) precedes the URL; the URL points at the
    #   paragraph's permanent anchor (CMOS 14.9, permalinks).
    assert styles.chicago_note(ED, PHILLIPS, para="14") == (
        f"Hugh Phillips, “Maxim M. Litvinov and Soviet-American Relations, 1918–1946,” in {T}, "
        "version 0.1.0 (2026), para. 14, chapters/phillips.html#phillips-14.")
    assert styles.chicago_note(ED_ONLINE, PHILLIPS, para="14").endswith(
        "para. 14, https://example.org/edition/chapters/phillips.html#phillips-14.")


def test_the_edition_s_own_pinpoint_uses_the_pilcrow():
    # The ¶ number copies the same Chicago note as the How-to-cite box, "para." included.
    assert styles.pinpoint(ED, WESSER, "14") == (
        f"Robert M. Wesser, “Joseph Stalin and the Soviet-U.S. Partnership, 1917-1947,” in {T}, "
        "version 0.1.0 (2026), para. 14, chapters/wesser.html#wesser-14.")


def test_chicago_shortened_note():
    # CMOS 14.30-14.33: short form = author's surname, short title (key words, at most about four), locator.
    assert styles.chicago_short_note(ED, WESSER, para="14") == "Wesser, “Soviet-U.S. Partnership,” para. 14."
    assert styles.chicago_short_note(ED, PHILLIPS) == "Phillips, “Litvinov and Soviet-American Relations.”"


def test_chicago_note_for_the_originals():
    # Phillips: CMOS ch. 14, reports and series: title in italics, series and number, then the facts of
    #   publication in parentheses (place: publisher, year) as in CMOS 14.20.
    assert styles.chicago_note(ED, PHILLIPS, original=True) == (
        "Hugh Phillips, *Maxim M. Litvinov and Soviet-American Relations, 1918–1946*, Kennan Institute Occasional "
        f"Paper 263 (Washington, D.C.: {PUB}, 1996).")
    # Wesser: venue unknown; described by its kind and full date, as the official CSL Chicago styles do (CMOS 18 14.114).
    assert styles.chicago_note(ED, WESSER, original=True) == (
        "Robert M. Wesser, “Joseph Stalin and the Soviet-U.S. Partnership, 1917-1947,” essay, November 30, 2021.")


def test_chicago_bibliography():
    # CMOS 14.21: author inverted, elements separated by full stops, "In" before the containing book;
    # a name ending in an initial takes no second full stop. "Originally published …" closes the entry
    # (CMOS ch. 14, "Chapter originally published elsewhere").
    assert styles.chicago_bibliography(ED, WESSER) == (
        f"Wesser, Robert M. “Joseph Stalin and the Soviet-U.S. Partnership, 1917-1947.” In {T}. Version 0.1.0. "
        "2026. chapters/wesser.html. Originally dated November 30, 2021.")
    assert styles.chicago_bibliography(ED, PHILLIPS) == (
        f"Phillips, Hugh. “Maxim M. Litvinov and Soviet-American Relations, 1918–1946.” In {T}. Version 0.1.0. "
        "2026. chapters/phillips.html. Originally published as Kennan Institute Occasional Paper 263. "
        f"Washington, D.C.: {PUB}, 1996.")
    assert styles.chicago_bibliography(ED, PHILLIPS, original=True) == (
        "Phillips, Hugh. *Maxim M. Litvinov and Soviet-American Relations, 1918–1946*. Kennan Institute "
        f"Occasional Paper 263. Washington, D.C.: {PUB}, 1996.")
    # The kind capitalised where it begins an element of the entry.
    assert styles.chicago_bibliography(ED, WESSER, original=True) == (
        "Wesser, Robert M. “Joseph Stalin and the Soviet-U.S. Partnership, 1917-1947.” Essay, November 30, 2021.")


def test_chicago_for_the_edition_as_a_whole():
    # No person is named as the edition's editor: CMOS ch. 14, works with no author begin with the title.
    assert styles.chicago_note(ED) == f"{T}, version 0.1.0 (2026), index.html."
    assert styles.chicago_bibliography(ED) == f"{T}. Version 0.1.0. 2026. index.html."
    assert styles.chicago_note(ED_ONLINE) == f"{T}, version 0.1.0 (2026), https://example.org/edition/."


# Chicago author-date ------------------------------------------------------------------------------------------

def test_chicago_author_date():
    # CMOS ch. 15: the year follows the author in the reference list and in the text citation (no comma).
    # CMOS ch. 15, "Reprints and modern editions": the original date in parentheses before the date of the
    #   edition used in the reference list, and in brackets in the text citation.
    assert styles.chicago_author_date(ED, WESSER) == (
        "Wesser, Robert M. (2021) 2026. “Joseph Stalin and the Soviet-U.S. Partnership, 1917-1947.” "
        f"In {T}. Version 0.1.0. chapters/wesser.html.")
    assert styles.chicago_author_date_intext(ED, WESSER, para="14") == "(Wesser [2021] 2026, para. 14)"
    assert styles.chicago_author_date(ED, PHILLIPS, original=True) == (
        "Phillips, Hugh. 1996. *Maxim M. Litvinov and Soviet-American Relations, 1918–1946*. Kennan Institute "
        f"Occasional Paper 263. Washington, D.C.: {PUB}.")
    assert styles.chicago_author_date_intext(ED, PHILLIPS, original=True) == "(Phillips 1996)"
    assert styles.chicago_author_date(ED) == f"{T}. 2026. Version 0.1.0. index.html."
    assert styles.chicago_author_date_intext(ED) == "(*Two Essays on Soviet–American Relations* 2026)"


# MLA 9 --------------------------------------------------------------------------------------------------------

def test_mla_works_cited():
    # MLA core elements in order: Author. "Title of Source." Title of Container, Version, Number, Publisher,
    #   Publication Date, Location. The optional element "date of original publication" follows the title of
    #   the source. No publisher for a work published by its own editors (MLA, "Publisher": when to omit).
    assert styles.mla(ED, WESSER) == (
        "Wesser, Robert M. “Joseph Stalin and the Soviet-U.S. Partnership, 1917-1947.” 2021. "
        f"{T}, version 0.1.0, 2026, chapters/wesser.html.")
    # MLA: months longer than four letters are abbreviated (Nov.); unknown elements are simply left out.
    assert styles.mla(ED, WESSER, original=True) == (
        "Wesser, Robert M. “Joseph Stalin and the Soviet-U.S. Partnership, 1917-1947.” Essay. 30 Nov. 2021.")
    # MLA: a stand-alone work's title in italics; the series name and number, an optional element, at the end.
    assert styles.mla(ED, PHILLIPS, original=True) == (
        f"Phillips, Hugh. *Maxim M. Litvinov and Soviet-American Relations, 1918–1946*. {PUB}, June 1996. "
        "Kennan Institute Occasional Paper 263.")
    # MLA: a work without an author begins with its title.
    assert styles.mla(ED) == f"{T}. Version 0.1.0, 2026, index.html."


def test_mla_in_text():
    # MLA ch. 6: author's surname and locator, with "par." for numbered paragraphs, after a comma.
    assert styles.mla_intext(ED, WESSER, para="14") == "(Wesser, par. 14)"
    assert styles.mla_intext(ED) == "(*Two Essays on Soviet–American Relations*)"


# APA 7 --------------------------------------------------------------------------------------------------------

def test_apa_reference_for_the_reprint():
    # APA 9.8: surname and initials. APA 9.19: titles in sentence case; the part's title plain, the book's in
    #   italics. APA, republished works: the date of the version used, then "(Original work published 2021)".
    # APA ch. 10, software and apps: a version number in parentheses after the title.
    # APA 9.35: no full stop after a URL; none after the "Original work published" note either.
    assert styles.apa(ED, WESSER) == (
        "Wesser, R. M. (2026). Joseph Stalin and the Soviet-U.S. partnership, 1917-1947. In *Two essays on "
        "Soviet–American relations, 1917–1947: A critical edition* (Version 0.1.0). chapters/wesser.html "
        "(Original work published 2021)")


def test_apa_reference_for_the_originals():
    # APA 10.4, reports: the report's series and number in parentheses after the title, then the publisher.
    assert styles.apa(ED, PHILLIPS, original=True) == (
        "Phillips, H. (1996). *Maxim M. Litvinov and Soviet-American relations, 1918–1946* (Kennan Institute "
        f"Occasional Paper No. 263). {PUB}.")
    # APA 9.4 (missing elements): with no source known, the reference ends after the title.
    assert styles.apa(ED, WESSER, original=True) == (
        "Wesser, R. M. (2021). *Joseph Stalin and the Soviet-U.S. partnership, 1917-1947* [Essay].")
    # APA 9.12: with no author, the title moves to the author position, before the date.
    assert styles.apa(ED) == (
        "*Two essays on Soviet–American relations, 1917–1947: A critical edition* (Version 0.1.0). (2026). index.html")


def test_apa_in_text():
    # APA, republished works: both years, separated by a slash. APA 8.28: "para." for a paragraph number.
    assert styles.apa_intext(ED, WESSER, para="14") == "(Wesser, 2021/2026, para. 14)"
    assert styles.apa_intext(ED, PHILLIPS, original=True) == "(Phillips, 1996)"


def test_italics_become_html_and_vanish_in_plain_text():
    assert styles.html("*A & B*, “C”") == "<i>A &amp; B</i>, “C”"
    assert styles.plain("*A*, B") == "A, B"


# Machine-readable formats -------------------------------------------------------------------------------------

@pytest.mark.parametrize("work", [WESSER, PHILLIPS, None], ids=["wesser", "phillips", "edition"])
def test_bibtex_parses_with_pybtex(work):
    from pybtex.database import parse_string

    data = parse_string(exports.bibtex(ED_ONLINE, work), "bibtex")
    assert list(data.entries) == exports.keys(work)
    if work is None:
        entry = data.entries["two_essays_edition"]
        assert (entry.type, entry.fields["version"], entry.fields["url"]) == ("book", "0.1.0", "https://example.org/edition/")
        return
    reprint, original = (data.entries[k] for k in exports.keys(work))
    assert reprint.type == "incollection"
    assert str(reprint.persons["author"][0]) == f"{work.author.family}, {work.author.given}"
    assert reprint.fields["title"] == "{" + work.title + "}"
    assert reprint.fields["booktitle"] == "{" + ED.title + "}"
    assert reprint.fields["url"] == f"https://example.org/edition/chapters/{work.key}.html"
    assert original.type == ("techreport" if work.kind == "report" else "misc")
    assert original.fields["year"] == str(work.date[0])


def test_bibtex_of_phillips_original_is_a_report():
    # pybtex's writer: quoted values, titles braced inside the quotes to keep their capitals.
    expected = (
        "@techreport{phillips_original,\n"
        '    author = "Phillips, Hugh",\n'
        '    title = "{Maxim M. Litvinov and Soviet-American Relations, 1918–1946}",\n'
        f'    institution = "{PUB}",\n'
        '    type = "Kennan Institute Occasional Paper",\n'
        '    number = "263",\n'
        '    address = "Washington, D.C.",\n'
        '    year = "1996",\n'
        '    date = "1996-06"\n'
        "}\n")
    assert exports.bibtex(ED, PHILLIPS).split("\n\n")[1] == expected


def parse_ris(text: str) -> list[dict[str, list[str]]]:
    """A strict reader of the RIS tagged format: `TY  - ` opens a record, `ER  - ` closes it."""
    records, current = [], None
    for line in text.splitlines():
        m = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert m, f"not an RIS line: {line!r}"
        tag, value = m.groups()
        if tag == "TY":
            assert current is None, "TY inside a record"
            current = {"TY": [value]}
        elif tag == "ER":
            assert current is not None and value == ""
            records.append(current)
            current = None
        else:
            assert current is not None, f"{tag} outside a record"
            current.setdefault(tag, []).append(value)
    assert current is None, "record without ER"
    return records


def test_ris_records():
    # Tags as Zotero's RIS translator maps them: a chapter's book in T2, a report's series in T2, its number in
    # SN, its institution in PB; ET the edition (version); DA the full date as YYYY/MM/DD.
    reprint, original = parse_ris(exports.ris(ED_ONLINE, PHILLIPS))
    # ST the short title (Zotero's shortTitle); M3 the report type; no GEN, which Zotero imports as a journal article.
    assert reprint == {"TY": ["CHAP"], "AU": ["Phillips, Hugh"], "TI": [PHILLIPS.title], "ST": [PHILLIPS.short_title],
                       "T2": [ED.title],
                       "PY": ["2026"], "DA": ["2026/11/23"], "ET": ["Version 0.1.0"],
                       "UR": ["https://example.org/edition/chapters/phillips.html"],
                       "N1": [f"Originally published as Kennan Institute Occasional Paper 263. Washington, D.C.: {PUB}, 1996."]}
    assert original == {"TY": ["RPRT"], "AU": ["Phillips, Hugh"], "TI": [PHILLIPS.title],
                        "ST": [PHILLIPS.short_title], "M3": ["Occasional paper"],
                        "T2": ["Kennan Institute Occasional Paper"], "SN": ["263"], "CY": ["Washington, D.C."],
                        "PB": [PUB], "PY": ["1996"], "DA": ["1996/06"]}
    assert parse_ris(exports.ris(ED, WESSER))[1]["TY"] == ["MANSCPT"]
    (edition,) = parse_ris(exports.ris(ED))
    assert edition["TY"] == ["BOOK"] and "UR" not in edition  # no address until the edition has a public one


@pytest.mark.parametrize("work", [WESSER, PHILLIPS, None], ids=["wesser", "phillips", "edition"])
def test_csl_json_renders_with_citeproc(work):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(exports.csl_json(ED_ONLINE, work))
    assert [i["id"] for i in items] == exports.keys(work)
    # citeproc-py 0.11 ships one style, harvard-cite-them-right (older releases shipped harvard1).
    bibliography = CitationStylesBibliography(CitationStylesStyle("harvard-cite-them-right", validate=False),
                                              CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items)
    if work is None:
        assert "Two Essays on Soviet–American Relations" in rendered[0] and "2026" in rendered[0]
    else:
        assert all(work.author.family in r and work.title in r for r in rendered)
        assert any("2026" in r for r in rendered) and any(str(work.date[0]) in r for r in rendered)


# The metadata sources ---------------------------------------------------------------------------------------

def test_citation_cff_is_valid_against_the_cff_1_2_0_schema():
    import jsonschema

    schema = json.loads((metadata.ROOT / "tests" / "fixtures" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((metadata.ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # YAML dates become the strings the schema expects
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["license"] == "CC-BY-4.0"
    assert data["authors"] == [{"name": "The editors of the edition"}]


def test_the_edition_s_title_agrees_with_the_book_s_and_essays_yml_lists_only_the_works():
    config = yaml.safe_load((metadata.ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["title"] == metadata.edition().title, "_config.yml's title must follow CITATION.cff's"
    entries = yaml.safe_load(essays.REGISTRY.read_text(encoding="utf-8"))
    assert isinstance(entries, list)
    # Other parts of the edition iterate over it as the list of works: every entry is a work, with its chapter.
    assert [e["key"] for e in entries] == list(essays.keys()) == [w.key for w in essays.works()]
    assert all((ROOT / f"{w.docname}.md").is_file() for w in essays.works())


def test_the_version_is_semantic_and_agrees_with_pyproject():
    assert re.fullmatch(r"\d+\.\d+\.\d+", metadata.version())
    project = tomllib.loads((metadata.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == metadata.version(), "pyproject.toml's version must follow CITATION.cff's"


def test_the_changelog_describes_the_current_version():
    changelog = (metadata.ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(metadata.version())}\] - {metadata.edition().released.isoformat()}$",
                     changelog, re.M)


def test_a_bad_version_is_refused_with_file_and_key(tmp_path):
    cff = tmp_path / "CITATION.cff"
    cff.write_text("title: T\nversion: 'one'\ndate-released: 2026-11-23\nlicense: CC-BY-4.0\n", encoding="utf-8")
    with pytest.raises(metadata.MetadataError, match=r"CITATION.cff.*'version'.*semantic"):
        metadata.edition.__wrapped__(cff, metadata.EDITION_YML)


ENTRY = {"key": "wesser", "letter": "W", "label": "Wesser", "noun": "essay", "copytext": "data/sources/wesser-2021.txt",
         "decisions": "data/editorial/wesser.yml", "page": "chapters/wesser", "title": "T", "short_title": "T",
         "title_sentence_case": "T", "author": {"family": "Wesser", "given": "Robert M."}, "date": "2021-11-30",
         "kind": "essay", "publication": "P"}


@pytest.mark.parametrize("missing,message", [
    ("author", r"essays\.yml: entry 1 \(wesser\), 'author' must be a mapping with 'family' and 'given'"),
    ("title", r"essays\.yml: entry 1 \(wesser\), 'title' is missing; add it"),
])
def test_a_missing_essay_field_is_refused_with_file_and_key(tmp_path, missing, message):
    complete = tmp_path / "complete.yml"
    complete.write_text(yaml.safe_dump([ENTRY], allow_unicode=True), encoding="utf-8")
    assert [w.key for w in essays.works(complete)] == ["wesser"]  # the entry is refused for the missing field only
    path = tmp_path / "essays.yml"
    path.write_text(yaml.safe_dump([{k: v for k, v in ENTRY.items() if k != missing}], allow_unicode=True),
                    encoding="utf-8")
    with pytest.raises(essays.RegistryError, match=message):
        essays.works(path)


def test_the_readme_example_is_what_the_edition_generates():
    readme = (metadata.ROOT / "README.md").read_text(encoding="utf-8")
    quoted = " ".join(line[2:] for line in readme.splitlines() if line.startswith("> "))
    assert styles.chicago_note(metadata.edition(), metadata.work("phillips"), para="12") in quoted


def test_ris_reads_with_rispy():
    # rispy, a published RIS reader, maps the tags to its field names (T2 secondary_title, ET edition, UR urls).
    import rispy

    reprint, original = rispy.loads(exports.ris(ED_ONLINE, PHILLIPS))
    assert reprint["type_of_reference"] == "CHAP" and reprint["authors"] == ["Phillips, Hugh"]
    assert reprint["title"] == PHILLIPS.title and reprint["secondary_title"] == ED.title
    assert reprint["edition"] == "Version 0.1.0" and reprint["urls"] == ["https://example.org/edition/chapters/phillips.html"]
    assert original["type_of_reference"] == "RPRT" and original["publisher"] == PUB
    assert original["secondary_title"] == "Kennan Institute Occasional Paper" and original["year"] == "1996"
    (edition,) = rispy.loads(exports.ris(ED))
    assert edition["type_of_reference"] == "BOOK" and "urls" not in edition


@pytest.mark.parametrize("letter,accepted", [("W", True), ("WA", True), ("w", False), ("WAB", False), ("W1", False)])
def test_a_work_letter_is_one_or_two_capitals(tmp_path, letter, accepted):
    path = tmp_path / "essays.yml"
    path.write_text(yaml.safe_dump([dict(ENTRY, letter=letter)], allow_unicode=True), encoding="utf-8")
    if accepted:
        assert essays.works(path)[0].letter == letter
    else:
        with pytest.raises(essays.RegistryError, match="one or two capital letters"):
            essays.works(path)


def test_an_id_belongs_to_the_work_whose_whole_letter_it_begins_with():
    from edition import data, ids

    assert ids.EDNOTE.fullmatch("WA-b")["letter"] == "WA"
    problems = []
    base = {"place": "text", "note": None, "action": "note", "reading": ""}
    rows = [dict(base, emendation_id=i, essay="wesser") for i in ("WA01", "W01")]
    data.RULES["emendations"](rows, {}, lambda row, column, message, fix: problems.append((row, column)))
    assert problems == [(2, "emendation_id")]
    notes = [{"note_id": i, "essay": "wesser"} for i in ("WA-a", "W-a")]
    data.RULES["editorial_notes"](notes, {}, lambda row, column, message, fix: problems.append((row, column)))
    assert problems == [(2, "emendation_id"), (2, "note_id")]
