"""Verdicts that agree with their explanations (data/essay_claims.csv; the verdicts are defined in
chapters/principles.md, "Verdicts on the essays' claims").

edition.data refuses a verdict that the row's own explanation contradicts in the principles' terms: an
explanation that calls the claim false needs ``contradicted``, one that leaves the claim's point unverified
needs ``unverifiable``, and one that finds the claim overstated or inexact cannot carry ``supported``.
"""

from __future__ import annotations

import csv
import re

import pytest

from edition import data

FIELDS = [f["name"] for f in data.resource("essay_claims")["schema"]["fields"]]
PRINCIPLES = data.ROOT / "chapters" / "principles.md"


def claims() -> list[dict]:
    return data.table("essay_claims")


def check(tmp_path, row: dict) -> list[str]:
    path = tmp_path / "essay_claims.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, FIELDS)
        writer.writeheader()
        writer.writerow(row)
    return [str(p) for p in data.check_table("essay_claims", path) if p.column == "verdict"]


def test_the_table_passes():
    problems = [p for p in data.validate() if p.file.endswith("essay_claims.csv")]
    assert not problems, "\n".join(map(str, problems))


def test_every_verdict_in_use_is_defined_in_the_principles():
    vocabulary = next(f for f in data.resource("essay_claims")["schema"]["fields"] if f["name"] == "verdict")
    text = PRINCIPLES.read_text(encoding="utf-8")
    defined = set(re.findall(r"^- `([a-z_]+)`:", text, flags=re.M))
    assert set(vocabulary["constraints"]["enum"]) <= defined
    assert {r["verdict"] for r in claims()} <= defined


@pytest.mark.parametrize("verdict", ["supported", "roughly_supported", "unverifiable"])
def test_an_explanation_that_calls_the_claim_false_needs_contradicted(tmp_path, verdict):
    row = next(r for r in claims() if r["verdict"] == "contradicted")
    assert check(tmp_path, row) == []
    found = check(tmp_path, row | {"verdict": verdict})
    assert any("calls the claim false" in m for m in found), found


def test_an_explanation_that_leaves_the_point_unverified_needs_unverifiable(tmp_path):
    row = next(r for r in claims() if "the claim's point" in r["explanation"])
    assert row["verdict"] == "unverifiable"
    found = check(tmp_path, row | {"verdict": "roughly_supported"})
    assert any("unverified" in m for m in found), found


def test_an_explanation_that_finds_the_claim_overstated_cannot_be_supported(tmp_path):
    row = next(r for r in claims() if "overstated" in r["explanation"])
    assert check(tmp_path, row) == []
    found = check(tmp_path, row | {"verdict": "supported"})
    assert any("inexact" in m for m in found), found


def test_the_reported_case_is_caught(tmp_path):
    """Issue 16: wesser-aid-09 was labelled roughly_supported though its explanation refutes both parts."""
    row = next(r for r in claims() if r["claim_id"] == "wesser-aid-09")
    found = check(tmp_path, row | {"verdict": "roughly_supported"})
    assert any("calls the claim false" in m for m in found), found
