"""Counts stated in the prose are computed from the data (the ``count`` role), and the few that stand in
chart options (``:alt:``, which is not MyST) agree with the data."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from edition import data
from edition_ext import counts


def test_the_count_role_counts_rows_distinct_values_and_filters():
    tables = data.load()
    assert counts.count("milestones") == len(tables["milestones"])
    assert counts.count("trade_1913_1947:series") == len({r["series"] for r in tables["trade_1913_1947"]})
    notes = {r["note"] for r in tables["citations"] if r["essay"] == "wesser" and r["note"] is not None}
    assert counts.count("citations[essay=wesser]:note") == len(notes)
    assert counts.spelt("milestones|word", 20) == "twenty"


@pytest.mark.parametrize("spec", ["nosuchtable", "milestones:nosuchcolumn", "milestones[x=1]", "bad spec!"])
def test_a_count_of_nothing_is_refused(spec):
    with pytest.raises(ValueError):
        counts.count(spec)


def _alt(stem: str) -> str:
    text = (ROOT / "chapters" / "data.md").read_text(encoding="utf-8")
    return re.search(rf"```{{chart}} {stem}\n(?:.*\n)*?:alt: (.*)\n", text)[1]


@pytest.mark.parametrize("stem, phrase, spec", [
    ("conferences_1919_1947", "{} in all", "conferences_1919_1947"),
    ("litvinov_offices", "Litvinov's {} offices", "litvinov_offices|word"),
    ("litvinov_offices", "{} milestones", "milestones|word"),
    ("citations", "Wesser cites {} works", "citations[essay=wesser]:bibkey"),
    ("citations", "in {} notes", "citations[essay=wesser]:note"),
    ("citations", "Phillips cites {} works", "citations[essay=phillips]:bibkey"),
    ("citations", "in {} notes", "citations[essay=phillips]:note"),
])
def test_counts_in_chart_descriptions_agree_with_the_data(stem, phrase, spec):
    expected = phrase.format(counts.spelt(spec, counts.count(spec)))
    assert expected in _alt(stem), f"{stem}: the alt text should say {expected!r}"
