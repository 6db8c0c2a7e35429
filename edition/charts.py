"""The edition's charts as pure functions: validated tables in, a Plotly figure and its data tables out.

Each chart is named by the stem of its main CSV (``trade_1913_1947`` → ``data/trade_1913_1947.csv`` →
figure label ``fig-trade_1913_1947``). ``CHARTS[stem]`` gives the figure, the tables a reader sees beside
it, and the essay paragraphs the figure illustrates. The same input always gives the same figure.

Every string taken from the data is escaped before it reaches Plotly, which would otherwise read
``<b>``-style tags in labels and hover text: a label ``<img src=x onerror=alert(1)>`` is shown as text.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from edition import ROOT, essays, ids
from edition.data import PERIODS, UNITS, partial_date

KIND_COLOURS = {
    "conference": "#1f77b4", "summit": "#d62728", "mission": "#2ca02c", "negotiation": "#9467bd",
    "archival": "#8c564b", "interview": "#e377c2", "primary_published": "#ff7f0e", "secondary": "#7f7f7f",
}
FLOWS = {"us_exports_to_ussr": "U.S. exports to Russia/USSR", "us_imports_from_ussr": "U.S. imports from Russia/USSR",
         "lend_lease_to_ussr": "Lend-Lease to the USSR"}
TEMPLATE = "plotly_white"
FONT = dict(family="Helvetica, Arial, sans-serif", size=13)


def esc(text) -> str:
    """Data text made safe for Plotly's pseudo-HTML labels: tags show as text."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrap(text: str, width: int = 70) -> str:
    return "<br>".join(esc(line) for line in textwrap.wrap(str(text), width)) or ""


def para_href(pid: str) -> str:
    """A paragraph's address relative to the book's root."""
    return f"{essays.get(ids.key_of(pid)).page}#{pid}"


def para_label(pid: str) -> str:
    return f"{essays.get(ids.key_of(pid)).label} ¶ {ids.label_of(pid)}"


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass
class Table:
    """A data table shown beside a figure; cells are text or Links, escaped when written."""

    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)


@dataclass(frozen=True)
class Chart:
    figure: Callable[[dict], go.Figure]
    tables: Callable[[dict], list[Table]]
    paragraphs: Callable[[dict], list[str]]
    csvs: tuple[str, ...]


def _layout(fig: go.Figure, title: str, height: int, **extra) -> go.Figure:
    fig.update_layout(template=TEMPLATE, font=FONT, height=height, title=dict(text=esc(title), x=0.01),
                      margin=dict(l=20, r=20, t=70, b=40), hoverlabel=dict(align="left"),
                      legend=dict(orientation="h", yanchor="top", y=-0.06, x=0))
    return fig.update_layout(**extra)


def _million(row: dict) -> float:
    return row["value"] * UNITS[row["unit"]] / 1_000_000


def _short(measured_by: str) -> str:
    return re.split(r" \(|,| as | by ", measured_by)[0]


def _series_name(rows: list[dict]) -> str:
    first = rows[0]
    years = sorted({r["period_start"][:4] for r in rows} | {r["period_end"][:4] for r in rows})
    span = years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"
    basis = PERIODS[first["period_kind"]].split(" (")[0]
    return f"{_short(first['measured_by'])} · {basis} · {span}"


# The events the essays tie to trade, placed from the data: (label, table, key column, key, date column).
TRADE_EVENTS = [
    ("1927: long-term credits", "essay_claims", "claim_id", "wesser-trade-03", None),
    ("Recognition, 16 Nov 1933", "milestones", "date", "1933-11-16", "date"),
    ("Lend-Lease to the USSR, 7 Nov 1941", "milestones", "date", "1941-11-07", "date"),
]


def _trade_events(tables: dict) -> list[tuple[str, str, str, str]]:
    """Each event as (label, x0, x1, hover text); the 1927 credits are known only to the year."""
    out = []
    for label, table, column, key, date_column in TRADE_EVENTS:
        row = next((r for r in tables[table] if r[column] == key), None)
        if row is None:
            raise KeyError(f"trade chart: no row {column}={key} in {table}")
        if date_column:
            out.append((label, row[date_column], row[date_column], row["event"]))
        else:
            out.append((label, "1927-01-01", "1927-12-31", row["claim"] + " Editors: " + row["explanation"]))
    return out


def trade_figure(tables: dict) -> go.Figure:
    rows = tables["trade_1913_1947"]
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.09, row_heights=[0.42, 0.33, 0.25],
                        subplot_titles=[FLOWS["us_exports_to_ussr"] + " (million USD)",
                                        FLOWS["us_imports_from_ussr"] + " (million USD)",
                                        "Lend-Lease to the USSR: one total for the whole period, not annual"])
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        groups.setdefault((row["series"], row["flow"]), []).append(row)
    dashes = {"calendar_year": "solid", "fiscal_year": "dash", "multi_year": "dot"}
    palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f"]
    colours = {s: palette[i % len(palette)] for i, s in enumerate(dict.fromkeys(r["series"] for r in rows))}
    shown = set()
    for (series, flow), group in groups.items():
        group = sorted(group, key=lambda r: r["period_start"])
        xs, ys, custom = [], [], []
        for r in group:
            # Each figure is drawn over its own period; None between periods keeps gaps as gaps.
            cd = [esc(r["period_label"]), f"{r['value']:,.3f}".rstrip("0").rstrip("."), esc(r["unit"]),
                  esc(PERIODS[r["period_kind"]]), esc(r["series"]), wrap(r["source"], 80)]
            xs += [r["period_start"], r["period_end"], None]
            ys += [_million(r), _million(r), None]
            custom += [cd, cd, cd]
        row_no = {"us_exports_to_ussr": 1, "us_imports_from_ussr": 2, "lend_lease_to_ussr": 3}[flow]
        hover = ("<b>%{customdata[0]}</b><br>%{customdata[1]} %{customdata[2]} (%{customdata[3]})"
                 "<br>series %{customdata[4]}<br>%{customdata[5]}<extra></extra>")
        if flow == "lend_lease_to_ussr":
            ys = [1 if y is not None else None for y in ys]
            fig.add_trace(go.Scatter(x=xs, y=ys, customdata=custom, mode="lines", line=dict(width=14, color="#bcbd22"),
                                     name=esc(_series_name(group)), hovertemplate=hover, legendgroup=series,
                                     meta=dict(series=series, flow=flow)), row=3, col=1)
            for r in group:
                fig.add_annotation(x=r["period_start"], y=1, xanchor="right", showarrow=False, row=3, col=1,
                                   text=esc(f"{r['value']:,.0f} {r['unit']} in total, "
                                            f"{r['period_start']} to {r['period_end']} "))
            continue
        fig.add_trace(go.Scatter(x=xs, y=ys, customdata=custom, mode="lines+markers", connectgaps=False,
                                 line=dict(dash=dashes[group[0]["period_kind"]], width=3, color=colours[series]),
                                 marker=dict(size=7, color=colours[series]), name=esc(_series_name(group)),
                                 showlegend=series not in shown, legendgroup=series, hovertemplate=hover,
                                 meta=dict(series=series, flow=flow)), row=row_no, col=1)
        shown.add(series)
    for i, (label, x0, x1, text) in enumerate(_trade_events(tables)):
        if x0 == x1:
            fig.add_vline(x=x0, line=dict(color="#444", width=1, dash="dot"), row="all", col=1)
        else:
            fig.add_vrect(x0=x0, x1=x1, fillcolor="#999", opacity=0.15, line_width=0, row="all", col=1)
        # Alternate heights so neighbouring labels do not overlap; the last one ends at its line.
        fig.add_annotation(x=x0, y=1.95 - 0.45 * (i % 2), yref="y3", xref="x3", text=esc(label), showarrow=False,
                           xanchor="right" if i == len(TRADE_EVENTS) - 1 else "left",
                           yanchor="top", font=dict(size=11), hovertext=wrap(text, 80), bgcolor="rgba(255,255,255,0.8)")
    fig.update_yaxes(rangemode="tozero", row=1, col=1)
    fig.update_yaxes(rangemode="tozero", row=2, col=1)
    fig.update_yaxes(visible=False, range=[0, 2], row=3, col=1)
    fig.update_xaxes(type="date", range=["1912-06-01", "1947-12-31"])
    return _layout(fig, "U.S.–Russian/Soviet trade, 1913–1947: each figure over its own period", 900,
                   legend=dict(orientation="v", y=-0.05, font=dict(size=11)), margin=dict(l=20, r=20, t=70, b=20))


def trade_tables(tables: dict) -> list[Table]:
    data = Table("The figures", ["Series", "Period", "Basis", "Flow", "Value", "Unit", "Measured by", "Source", "Note"])
    for r in tables["trade_1913_1947"]:
        value = f"{r['value']:,.3f}".rstrip("0").rstrip(".")
        source = Link(r["source"], r["url"]) if r["url"] else r["source"]
        data.rows.append([r["series"], f"{r['period_label']} ({r['period_start']} to {r['period_end']})",
                          PERIODS[r["period_kind"]], FLOWS[r["flow"]], value, r["unit"], r["measured_by"], source,
                          r["note"] or ""])
    claims = Table("The essays' figures beside the data", ["Paragraph", "Claim", "Verdict", "Why", "Source"])
    for r in tables["essay_claims"]:
        claims.rows.append([Link(para_label(r["paragraph"]), para_href(r["paragraph"])), r["claim"],
                            r["verdict"].replace("_", " "), r["explanation"],
                            Link(r["source"], r["url"]) if r["url"] else r["source"]])
    return [data, claims]


def trade_paragraphs(tables: dict) -> list[str]:
    return sorted({r["paragraph"] for r in tables["essay_claims"]})


def _links(tables: dict, table: str, row_id: str) -> dict[str, list[str]]:
    """The paragraphs a row links to (rows of data/links.csv), per work in the registry's order, each once."""
    out: dict[str, list[str]] = {k: [] for k in essays.keys()}
    for link in tables["links"]:
        if (link["table"], link["row_id"]) == (table, row_id) and link["paragraph"] not in out[link["essay"]]:
            out[link["essay"]].append(link["paragraph"])
    return out


def _paras(tables: dict, table: str, row_id: str) -> list[str]:
    return [p for pids in _links(tables, table, row_id).values() for p in pids]


def _told_in(tables: dict, table: str, row_id: str, none: str) -> tuple[str, str]:
    """For the hover text and charts.js: the paragraphs' labels, and their addresses joined by spaces."""
    pids = _paras(tables, table, row_id)
    return esc("; ".join(para_label(p) for p in pids) or none), " ".join(para_href(p) for p in pids)


def _essay_cells(tables: dict, table: str, row_id: str) -> list:
    """One cell per work of a data table: a link to each paragraph, or empty."""
    return [[Link(para_label(p), para_href(p)) for p in pids] or "" for pids in _links(tables, table, row_id).values()]


def _essay_columns() -> list[str]:
    return [w.label for w in essays.works()]


def _linked_paragraphs(table: str) -> Callable[[dict], list[str]]:
    """The paragraphs a table's rows link to (data/links.csv): those that link to its figure."""
    return lambda tables: sorted({link["paragraph"] for link in tables["links"] if link["table"] == table})


def _span(row: dict, start: str, end: str) -> tuple[dt.date, dt.date | None]:
    first = partial_date(row[start])[0]
    last = partial_date(row[end])[1] if row.get(end) else None
    return first, last


def _as_recorded(row: dict, col: str) -> str:
    prec = row.get(f"{col}_precision")
    return f"{row[col]}" + ("" if prec == "day" else f" (known to the {prec})") if row.get(col) else "not found"


def _event_label(row: dict) -> str:
    """The event's name and year: names recur (Hopkins went to Moscow in 1941 and 1945)."""
    return esc(f"{textwrap.shorten(row['name'], 40, placeholder='…')} ({row['start'][:4]})")


def conference_figure(tables: dict) -> go.Figure:
    rows = sorted(tables["conferences_1919_1947"], key=lambda r: (_span(r, "start", "end")[0], r["event_id"]))
    fig = go.Figure()
    names = [_event_label(r) for r in rows]
    for kind in ("conference", "summit", "mission", "negotiation"):
        group = [r for r in rows if r["kind"] == kind]
        if not group:
            continue
        xs, ys, custom, line_x, line_y = [], [], [], [], []
        for r in group:
            first, last = _span(r, "start", "end")
            told, hrefs = _told_in(tables, "conferences_1919_1947", r["event_id"], "none")
            xs.append(first.isoformat())
            ys.append(_event_label(r))
            custom.append([esc(_as_recorded(r, "start")), esc(_as_recorded(r, "end")), esc(r["place"]),
                           wrap(r["participants"]), wrap(r["outcome"]),
                           told, esc(r["event_id"]), hrefs])
            if last > first:
                line_x += [first.isoformat(), last.isoformat(), None]
                line_y += [_event_label(r), _event_label(r), None]
        colour = KIND_COLOURS[kind]
        if line_x:
            fig.add_trace(go.Scatter(x=line_x, y=line_y, mode="lines", line=dict(color=colour, width=6),
                                     hoverinfo="skip", showlegend=False, legendgroup=kind))
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers", marker=dict(color=colour, size=11, symbol="diamond"), name=esc(kind),
            legendgroup=kind, customdata=custom, meta=dict(kind=kind),
            hovertemplate=("<b>%{y}</b><br>%{customdata[0]} to %{customdata[1]}<br>%{customdata[2]}"
                           "<br>Participants: %{customdata[3]}<br>%{customdata[4]}"
                           "<br>Discussed in: %{customdata[5]} (click to read)<extra>%{fullData.name}</extra>")))
    fig.update_yaxes(categoryorder="array", categoryarray=names[::-1], tickmode="array", tickvals=names,
                     automargin=True, tickfont=dict(size=11))
    fig.update_xaxes(type="date", range=["1917-01-01", "1947-12-31"], dtick="M60", tickformat="%Y")
    return _layout(fig, "Meetings named in the essays, 1919–1947",
                   160 + 24 * len(rows))


def conference_tables(tables: dict) -> list[Table]:
    t = Table("The events", ["Event", "Kind", "Start", "End", "Place", "Participants", "Outcome", *_essay_columns(),
                             "Source"])
    for r in sorted(tables["conferences_1919_1947"], key=lambda r: (_span(r, "start", "end")[0], r["event_id"])):
        t.rows.append([r["name"], r["kind"], _as_recorded(r, "start"), _as_recorded(r, "end"), r["place"],
                       r["participants"], r["outcome"], *_essay_cells(tables, "conferences_1919_1947", r["event_id"]),
                       Link(r["source"], r["url"]) if r["url"] else r["source"]])
    return [t]


@lru_cache(maxsize=1)
def _bibliography() -> dict[str, str]:
    from edition import references

    labels = {}
    for key, entry in references.database().entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        who = " ".join(people[0].last_names).strip("{}") if people else ""
        title = re.sub(r"[{}]", "", entry.fields.get("title", key)).replace("--", "–")
        title = title.replace("``", "“").replace("''", "”")
        title = title if len(title) <= 32 else title[:30].rstrip() + "…"
        year = entry.fields.get("year", "").replace("--", "–")
        labels[key] = ", ".join(x for x in (who, title, year) if x)
    repeated = Counter(labels.values())
    return {key: f"{label} [{key}]" if repeated[label] > 1 else label for key, label in labels.items()}


def work_label(bibkey: str) -> str:
    return _bibliography().get(bibkey, bibkey)


def _citation_counts(tables: dict, essay: str) -> list[tuple[str, str, int]]:
    rows = [r for r in tables["citations"] if r["essay"] == essay]
    kinds = {r["bibkey"]: r["kind"] for r in rows}
    counts = Counter(r["bibkey"] for r in rows)
    return sorted(((key, kinds[key], n) for key, n in counts.items()), key=lambda t: (-t[2], t[0]))


def citation_figure(tables: dict) -> go.Figure:
    works = essays.works()
    counts = {w.key: _citation_counts(tables, w.key) for w in works}
    works = [w for w in works if counts[w.key]]  # a work whose notes cite nothing gets no panel
    sizes = [len(counts[w.key]) for w in works]
    fig = make_subplots(rows=len(works), cols=1, vertical_spacing=90 / (200 + 18 * sum(sizes)),
                        row_heights=[n / sum(sizes) for n in sizes],
                        subplot_titles=[f"{w.label}: {len(counts[w.key])} works, "
                                        f"{len({r['note'] for r in tables['citations'] if r['essay'] == w.key})} notes"
                                        for w in works])
    shown = set()
    for row_no, work in enumerate(works, start=1):
        essay = work.key
        order = [work_label(k) for k, _, _ in counts[essay]]
        for kind in ("archival", "interview", "primary_published", "secondary"):
            group = [(k, n) for k, kk, n in counts[essay] if kk == kind]
            if not group:
                continue
            fig.add_trace(go.Bar(
                x=[n for _, n in group], y=[esc(work_label(k)) for k, _ in group], orientation="h",
                marker_color=KIND_COLOURS[kind], name=esc(kind.replace("_", " ")), legendgroup=kind,
                showlegend=kind not in shown, customdata=[[esc(k), esc(kind.replace("_", " "))] for k, _ in group],
                meta=dict(essay=essay, kind=kind),
                hovertemplate=(f"<b>%{{y}}</b> ({esc(work.label)})<br>cited in %{{x}} note(s)"
                               "<br>%{customdata[1]} · key %{customdata[0]}<extra></extra>")), row=row_no, col=1)
            shown.add(kind)
        labels = [esc(o) for o in order[::-1]]
        fig.update_yaxes(categoryorder="array", categoryarray=labels, tickmode="array", tickvals=labels,
                         automargin=True, tickfont=dict(size=11), row=row_no, col=1)
    fig.update_xaxes(title_text="notes citing the work", dtick=5)
    height = 200 + 18 * sum(sizes)
    return _layout(fig, "Works cited in each essay's notes, by kind", height,
                   legend=dict(orientation="h", yanchor="bottom", y=1 + 40 / height, x=0),
                   margin=dict(l=20, r=20, t=130, b=40))


def citation_tables(tables: dict) -> list[Table]:
    summary = Table("Citations by kind", ["Essay", "Archival", "Interview", "Primary published", "Secondary"])
    works = Table("Works cited", ["Essay", "Work", "Key", "Kind", "Notes citing it", "Note numbers"])
    for work in essays.works():
        rows = [r for r in tables["citations"] if r["essay"] == work.key]
        by_kind = Counter(r["kind"] for r in rows)
        summary.rows.append([work.label] + [str(by_kind[k]) for k in
                                            ("archival", "interview", "primary_published", "secondary")])
        for key, kind, n in _citation_counts(tables, work.key):
            notes = [r["note"] for r in rows if r["bibkey"] == key]
            works.rows.append([work.label, work_label(key), key, kind.replace("_", " "), str(n),
                               [Link(f"n. {x}", f"{work.page}#{ids.note(work.key, x)}") for x in notes]])
    return [summary, works]


def offices_figure(tables: dict) -> go.Figure:
    offices = sorted(tables["litvinov_offices"], key=lambda r: (_span(r, "start", "end")[0], r["office"]))
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.72, 0.28], vertical_spacing=0.08,
                        subplot_titles=["Litvinov's offices", "Milestones of Soviet–American relations"])
    xs, ys, custom = [], [], []
    for r in offices:
        first, last = _span(r, "start", "end")
        cd = [esc(_as_recorded(r, "start")), esc(_as_recorded(r, "end")), wrap(r["source"], 80),
              *_told_in(tables, "litvinov_offices", r["office"], "neither essay")]
        label = esc(textwrap.shorten(r["office"], 60, placeholder="…"))
        xs += [first.isoformat(), (last or first).isoformat(), None]
        ys += [label, label, None]
        custom += [cd, cd, cd]
    fig.add_trace(go.Scatter(x=xs, y=ys, customdata=custom, mode="lines+markers", line=dict(width=8, color="#1f77b4"),
                             marker=dict(size=9), name="Office held", meta=dict(table="litvinov_offices"),
                             hovertemplate="<b>%{y}</b><br>from %{customdata[0]} to %{customdata[1]}"
                                           "<br>%{customdata[2]}<br>Told of in: %{customdata[3]}<extra></extra>"),
                  row=1, col=1)
    ms = tables["milestones"]
    fig.add_trace(go.Scatter(x=[m["date"] for m in ms], y=[0] * len(ms), mode="markers",
                             marker=dict(size=11, symbol="triangle-up", color="#d62728"), name="Milestone",
                             customdata=[[wrap(m["event"]), wrap(m["source"], 80)] for m in ms],
                             meta=dict(table="milestones"),
                             hovertemplate="<b>%{x|%d %b %Y}</b><br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>"),
                  row=2, col=1)
    fig.update_yaxes(categoryorder="array", categoryarray=[y for y in dict.fromkeys(ys) if y][::-1], automargin=True,
                     tickfont=dict(size=11), row=1, col=1)
    fig.update_yaxes(visible=False, row=2, col=1)
    fig.update_xaxes(type="date", range=["1917-01-01", "1947-12-31"], dtick="M60", tickformat="%Y")
    return _layout(fig, "Litvinov's offices and the milestones, 1917–1947", 620)


def offices_tables(tables: dict) -> list[Table]:
    offices = Table("Offices", ["Office", "From", "To", *_essay_columns(), "Source"])
    for r in tables["litvinov_offices"]:
        offices.rows.append([r["office"], _as_recorded(r, "start"), _as_recorded(r, "end"),
                             *_essay_cells(tables, "litvinov_offices", r["office"]),
                             Link(r["source"], r["url"]) if r["url"] else r["source"]])
    milestones = Table("Milestones", ["Date", "Event", "Source"])
    for m in tables["milestones"]:
        milestones.rows.append([m["date"], m["event"], Link(m["source"], m["url"]) if m["url"] else m["source"]])
    return [offices, milestones]


CHARTS: dict[str, Chart] = {
    "trade_1913_1947": Chart(trade_figure, trade_tables, trade_paragraphs,
                             ("trade_1913_1947", "essay_claims", "milestones")),
    "conferences_1919_1947": Chart(conference_figure, conference_tables, _linked_paragraphs("conferences_1919_1947"),
                                   ("conferences_1919_1947", "links")),
    "citations": Chart(citation_figure, citation_tables, lambda t: [],
                       ("citations", "works")),
    "litvinov_offices": Chart(offices_figure, offices_tables,
                              _linked_paragraphs("litvinov_offices"), ("litvinov_offices", "milestones", "links")),
}
