"""Counts stated in the prose are computed from the data (the ``count`` role); the counts in chart options
(``:alt:``, which is not MyST) are checked by tests/test_data.py."""

from __future__ import annotations

import pytest

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
