"""The data package: the descriptor and every table validate, every row has a source, bad tables are refused."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys

import pytest

from edition import ROOT, data, essays

FIXTURES = ROOT / "tests" / "fixtures" / "data"
SOURCED = ["trade_1913_1947", "essay_claims", "conferences_1919_1947", "litvinov_offices", "milestones"]


def test_descriptor_is_a_valid_data_package():
    assert data.check_descriptor() == []


def test_every_table_validates():
    assert [str(p) for p in data.validate()] == []


def test_every_resource_is_described_and_licensed():
    desc = data.descriptor()
    on_disk = {p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*.csv")}
    assert {r["path"] for r in desc["resources"]} <= on_disk
    assert {"trade_1913_1947.csv", "essay_claims.csv", "conferences_1919_1947.csv", "litvinov_offices.csv",
            "milestones.csv", "works.csv", "citations.csv"} <= {r["path"] for r in desc["resources"]}
    for res in desc["resources"]:
        # RICardo's rows keep their Open Database License; the edition's own tables are CC-BY-4.0.
        expected = ["ODbL-1.0", "DbCL-1.0"] if res["name"] == "trade_us_annual" else ["CC-BY-4.0"]
        assert [lic["name"] for lic in res["licenses"]] == expected, res["name"]
        assert res["sources"]
        assert res["schema"]["primaryKey"]


@pytest.mark.parametrize("name", SOURCED)
def test_every_row_has_a_source(name):
    with open(ROOT / "data" / f"{name}.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    assert [i for i, row in enumerate(rows, start=2) if not row["source"].strip()] == []


def test_every_trade_value_has_a_known_unit_and_currency():
    for row in data.load()["trade_1913_1947"]:
        assert row["unit"] in data.UNITS and row["currency"] == "USD" and row["value"] is not None


@pytest.mark.parametrize("fixture,resource,row,column,words", [
    ("trade_missing_column", "trade_1913_1947", 1, "unit", "missing column"),
    ("trade_wrong_type", "trade_1913_1947", 3, "value", "'about seven million' is not allowed; expected a number"),
    ("trade_unknown_unit", "trade_1913_1947", 3, "unit", "'billion USD' is not allowed; expected one of 'USD'"),
    ("conferences_date_out_of_range", "conferences_1919_1947", 3, "start", "out of range; expected a date from 1919"),
    ("offices_date_out_of_range", "litvinov_offices", 3, "end", "'1948' is out of range"),
    ("conferences_end_before_start", "conferences_1919_1947", 3, "end", "is before start"),
    ("trade_end_before_start", "trade_1913_1947", 3, "period_end", "is before start"),
    ("claims_duplicate_key", "essay_claims", 3, "claim_id", "duplicate key"),
    ("milestones_missing_source", "milestones", 3, "source", "empty cell; expected text, not empty"),
    ("claims_unknown_paragraph", "essay_claims", 3, "paragraph",
     "paragraph 'wesser-999', 'wesser' does not exist in data/paragraphs.csv"),
])
def test_bad_table_is_refused_with_file_row_and_column(fixture, resource, row, column, words):
    problems = data.check_table(resource, FIXTURES / f"{fixture}.csv")
    matching = [p for p in problems if p.row == row and p.column == column and words in p.message]
    assert matching, [str(p) for p in problems]
    text = str(matching[0])
    assert text.startswith(f"tests/fixtures/data/{fixture}.csv, row {row}, column {column}: ")
    assert "Fix: " in text


def test_command_line_refuses_bad_data_and_names_the_place(tmp_path):
    bad = tmp_path / "data"
    shutil.copytree(ROOT / "data", bad, ignore=shutil.ignore_patterns("sources"))
    shutil.copy(FIXTURES / "trade_unknown_unit.csv", bad / "trade_1913_1947.csv")
    run = subprocess.run([sys.executable, "-m", "edition.data", "--data", str(bad)], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "trade_1913_1947.csv, row 3, column unit" in run.stderr


def test_paragraph_ids_agree_with_the_locators():
    run = subprocess.run([sys.executable, "-m", "edition.locate", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_derived_tables_are_current():
    # data/citations.csv and data/mentions.csv (derived from the notes and the text), the paragraph ids of
    # data/links.csv and data/essay_claims.csv (from the locators) and the generated chapters.
    run = subprocess.run([sys.executable, "-m", "edition.make_chapters", "--check"], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_ibid_resolves_to_the_previous_notes_works():
    rows = data.load()["citations"]
    # Phillips n. 6 cites "*Ibid.*, 177" after n. 5 cites Lih's edition of Stalin's letters to Molotov.
    assert [(r["bibkey"], r["ibid"]) for r in rows if r["essay"] == "phillips" and r["note"] == 6] == [("lih1995", "yes")]


NUMBER_WORDS = dict(zip("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(),
                        range(10, 21)))


def test_the_data_chapter_counts_agree_with_the_data():
    # The captions, alt texts and prose of chapters/data.md give counts in words a reader can check.
    text = " ".join((ROOT / "chapters" / "data.md").read_text(encoding="utf-8").split())
    tables = data.load()
    trade = tables["trade_1913_1947"]
    # The prose's counts come from the data (the count role); the options' counts are checked here.
    assert "The table has {count}`trade_1913_1947` figures in {count}`trade_1913_1947:series|word` series" in text
    assert trade
    m = re.search(r"one row per event, (\d+) in all", text)
    assert m and int(m[1]) == len(tables["conferences_1919_1947"])
    cites = tables["citations"]
    for essay, name in ((w.key, w.label) for w in essays.works()):
        mine = [r for r in cites if r["essay"] == essay]
        m = re.search(rf"{name} cites (\d+) works in (\d+) notes", text)
        assert m and (int(m[1]), int(m[2])) == (len({r["bibkey"] for r in mine}), len({r["note"] for r in mine})), essay
    m = re.search(r"Litvinov's (\w+) offices", text)
    assert m and NUMBER_WORDS[m[1]] == len(tables["litvinov_offices"])
    m = re.search(r"Below it, (\w+) milestones", text)
    assert m and NUMBER_WORDS[m[1]] == len(tables["milestones"])
