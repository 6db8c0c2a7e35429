"""The annual U.S. trade series, its totals and the claims it decides: pure functions of validated rows.

``data/trade_us_annual.csv`` keeps each figure as printed: where *Foreign Commerce and Navigation* prints
European and Asiatic Russia on separate lines, both are rows (``part`` european / asiatic) and the whole
is computed here, never typed. ``data/claim_checks.csv`` names, for each claim the series decides, the
flow, the years and the multiple or share the essay states; ``verdict`` computes the verdict from the
data and writes out the arithmetic, and the data check refuses an ``essay_claims`` verdict that differs.

Rows may be typed (from ``edition.data.load``) or raw strings (inside the data check): both are read.
"""

from __future__ import annotations

from dataclasses import dataclass

# Multipliers to U.S. dollars, as in edition.data.UNITS (repeated here so the data check can import this module).
UNITS = {"USD": 1, "thousand USD": 1_000, "million USD": 1_000_000}
PARTS = {"european": "European Russia", "asiatic": "Asiatic Russia", "whole": "Russia/USSR as a whole"}
# The parts that make one whole: a year printed in parts must have all of them.
WHOLE = ("european", "asiatic")
# How far a computed multiple may lie from the essay's, as a fraction of it, for each verdict.
TOLERANCE = {"supported": 0.10, "roughly_supported": 0.30}


@dataclass(frozen=True)
class Total:
    year: int
    flow: str
    usd: float
    rows: tuple[dict, ...]

    @property
    def million(self) -> float:
        return self.usd / 1_000_000

    def arithmetic(self) -> str:
        """How the total was made, in the source's own unit: '6,305 + 1,312 = 7,617 thousand USD'."""
        unit = self.rows[0]["unit"]
        values = [float(r["value"]) for r in self.rows]
        if len(values) == 1:
            return f"{_num(values[0])} {unit}"
        return " + ".join(_num(v) for v in values) + f" = {_num(sum(values))} {unit}"


def _num(x: float) -> str:
    return f"{x:,.3f}".rstrip("0").rstrip(".")


def totals(rows: list[dict]) -> dict[tuple[int, str], Total]:
    """The whole of each (year, flow): the 'whole' row, or the sum of its parts, in U.S. dollars."""
    groups: dict[tuple[int, str], list[dict]] = {}
    for r in rows:
        groups.setdefault((int(r["year"]), r["flow"]), []).append(r)
    out = {}
    for key, group in sorted(groups.items()):
        group = sorted(group, key=lambda r: list(PARTS).index(r["part"]))
        usd = sum(float(r["value"]) * UNITS[r["unit"]] for r in group)
        out[key] = Total(key[0], key[1], usd, tuple(group))
    return out


def problems(rows: list[dict]) -> list[tuple[int, str, str, str]]:
    """What a Table Schema cannot say about the annual table, as (row, column, message, fix); header = row 1."""
    out = []
    groups: dict[tuple[str, str], list[tuple[int, dict]]] = {}
    for row_no, r in enumerate(rows, start=2):
        groups.setdefault((r["year"], r["flow"]), []).append((row_no, r))
    for (year, flow), group in groups.items():
        parts = [r["part"] for _, r in group]
        if "whole" in parts and len(group) > 1:
            row_no = group[[r["part"] for _, r in group].index("whole")][0] if parts.count("whole") == 1 else group[1][0]
            out.append((row_no, "part", f"{year} {flow} appears twice: as a whole and in parts, or as two wholes",
                        "keep one figure per year and flow: either the whole, or each of its parts once"))
            continue
        present = [p for p in parts if p in WHOLE]
        missing = [p for p in WHOLE if p not in present]
        if present and missing:
            out.append((group[0][0], "part", f"{year} {flow} has the part(s) {', '.join(present)} without "
                        f"{', '.join(missing)}", f"add the row for {', '.join(missing)} as printed, or give the "
                        "whole as one row with part 'whole'"))
        units = {r["unit"] for _, r in group}
        if len(units) > 1:
            row_no = next(n for n, r in group if r["unit"] != group[0][1]["unit"])
            out.append((row_no, "unit", f"{year} {flow}: parts in different units {sorted(units)}",
                        "give every part of one year in the unit the source prints it in"))
    return out


def verdict(check: dict, annual: list[dict]) -> tuple[str, str]:
    """The verdict a check row's figures give, and the arithmetic behind it."""
    found = totals(annual)
    first, last = int(check["from_year"]), int(check["to_year"])
    a, b = found.get((first, check["flow"])), found.get((last, check["flow"]))
    if a is None or b is None:
        gone = [str(y) for y, t in ((first, a), (last, b)) if t is None]
        return "unverifiable", f"no figure for {', '.join(gone)} in the series"
    ratio = b.usd / a.usd
    claimed = float(check["claimed"])
    off = abs(ratio / claimed - 1)
    result = next((v for v, tol in TOLERANCE.items() if off <= tol), "contradicted")
    sums = (f"{last}: {b.arithmetic()}; {first}: {a.arithmetic()}; "
            f"{_num(b.usd / 1000)} ÷ {_num(a.usd / 1000)} = {ratio:.1f}-fold, "
            f"against the essay's {_num(claimed)}-fold ({off:.0%} off)")
    return result, sums
