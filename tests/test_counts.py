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


def test_a_filter_takes_any_of_several_values_or_none_of_them():
    rows = [r for r in data.load()["citations"] if r["essay"] == "wesser"]
    keys = sorted({r["bibkey"] for r in rows})[:2]
    some = {r["note"] for r in rows if r["bibkey"] in keys}
    rest = {r["note"] for r in rows if r["bibkey"] not in keys}
    assert counts.count(f"citations[essay=wesser,bibkey={'/'.join(keys)}]:note") == len(some) > 0
    assert counts.count(f"citations[essay=wesser,bibkey!={'/'.join(keys)}]:note") == len(rest) > 0
    assert counts.count(f"citations[essay=wesser,bibkey!={'/'.join(keys)}]:bibkey") == \
        len({r["bibkey"] for r in rows}) - 2


@pytest.mark.parametrize("spec", ["nosuchtable", "milestones:nosuchcolumn", "milestones[x=1]", "milestones[x!=1]",
                                  "bad spec!"])
def test_a_count_of_nothing_is_refused(spec):
    with pytest.raises(ValueError):
        counts.count(spec)
