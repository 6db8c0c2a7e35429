"""The edition's charts as pure functions: validated tables in, a Plotly figure and its data tables out.

Each chart is a row of ``data/charts.csv``: its stem (figure label ``fig-<stem>``), the function here that
draws it, the tables it reads, the essay paragraphs it illustrates, and what a phone shows. ``specs(tables)``
(or ``CHARTS``) gives, per stem, the figure, the tables a reader sees beside it and those paragraphs. The
same input always gives the same figure. No chart has a title inside the plot: the numbered caption is
its title, and every label wraps rather than being cut short.

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

from edition import ROOT, essays, ids, trade
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
    phone: str = "chart"  # what a 390-pixel screen shows: the chart, or its first table as a list


ROW = 30  # pixels per bar of the citation chart: room for a label wrapped on two lines


def _left_titles(fig: go.Figure) -> None:
    """Panel titles at the left edge in a smaller size: a centred one runs off a phone's screen."""
    fig.for_each_annotation(lambda a: a.update(x=0, xanchor="left", font=dict(size=12)))


def _layout(fig: go.Figure, height: int, **extra) -> go.Figure:
    # No title inside the plot: the numbered caption is the title, and a long one would overflow a phone.
    fig.update_layout(template=TEMPLATE, font=FONT, height=height,
                      margin=dict(l=20, r=20, t=40, b=40), hoverlabel=dict(align="left"),
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


def _year_x(year: int) -> str:
    """A calendar year's figure is drawn at the middle of its year."""
    return f"{year}-07-01"


def _events(tables: dict) -> list[tuple[str, str, str, str]]:
    """Each event the essays tie to trade (data/trade_events.csv) as (label, start, end, plain-language text)."""
    out = []
    for e in tables["trade_events"]:
        if e["table"] == "milestones":
            row = next(r for r in tables["milestones"] if r["date"] == e["row_id"])
            text = row["event"]
        else:
            row = next(r for r in tables["essay_claims"] if r["claim_id"] == e["row_id"])
            text = f"{para_label(row['paragraph'])}: {row['claim']} Editors: {row['explanation']}"
        out.append((e["label"], e["start"], e["end"], text))
    return out


def _annual_hover(total: trade.Total) -> list[str]:
    first = total.rows[0]
    parts = " + ".join(f"{trade.PARTS[r['part']]} {trade._num(float(r['value']))}" for r in total.rows)
    printed = f"{parts} {first['unit']}" if len(total.rows) > 1 else f"printed as {trade._num(float(first['value']))} {first['unit']}"
    vols = sorted({str(r["source_volume_year"]) for r in total.rows})
    pages = sorted({r["page"] for r in total.rows})
    return [str(total.year), f"{total.million:,.1f}", esc(printed),
            esc(f"Foreign Commerce and Navigation of the United States, {', '.join(vols)} volume, p. {', '.join(pages)} "
                "(general trade; transcribed by RICardo)")]


HEIGHT = 720  # the trade chart's main view, in pixels


def trade_figure(tables: dict) -> go.Figure:
    """Main view: the annual U.S. series; a button adds the other sources' figures; Lend-Lease on its own scale."""
    totals = trade.totals(tables["trade_us_annual"])
    years = [y for y, _ in totals]
    first, last = min(years), max(years)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12, row_heights=[0.8, 0.2])
    fig.add_annotation(x=0, y=1, xref="x2 domain", yref="y2 domain", yshift=6, xanchor="left", yanchor="bottom",
                       showarrow=False, text="Lend-Lease to the USSR, on its own scale", font=dict(size=12))
    colours = {"us_exports_to_ussr": "#1f5fa6", "us_imports_from_ussr": "#c2570c"}
    main = []
    for flow in ("us_exports_to_ussr", "us_imports_from_ussr"):
        xs, ys, custom = [], [], []
        for year in range(first, last + 1):
            t = totals.get((year, flow))
            # A year without a figure is a gap in the line, never a value.
            xs.append(_year_x(year))
            ys.append(t.million if t else None)
            custom.append(_annual_hover(t) if t else [str(year), "", "", ""])
        fig.add_trace(go.Scatter(x=xs, y=ys, customdata=custom, mode="lines+markers", connectgaps=False,
                                 name=esc(FLOWS[flow].split(" to ")[0].split(" from ")[0] + ", yearly"),
                                 line=dict(width=3, color=colours[flow]), marker=dict(size=6, color=colours[flow]),
                                 meta=dict(view="main", flow=flow),
                                 hovertemplate=f"<b>%{{customdata[0]}}</b>: {esc(FLOWS[flow])}<br>"
                                               "%{customdata[1]} million dollars (%{customdata[2]})"
                                               "<br>%{customdata[3]}<extra></extra>"), row=1, col=1)
        main.append(True)
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in tables["trade_1913_1947"]:
        if row["flow"] != "lend_lease_to_ussr":
            groups.setdefault((row["series"], row["flow"]), []).append(row)
    palette = ["#6b8e23", "#8c564b", "#9467bd", "#d62728", "#17becf", "#7f7f7f", "#bcbd22", "#e377c2", "#2ca02c"]
    series = list(dict.fromkeys(s for s, _ in groups))
    symbols = {"us_exports_to_ussr": "diamond", "us_imports_from_ussr": "square"}
    for (name, flow), group in groups.items():
        group = sorted(group, key=lambda r: r["period_start"])
        xs, ys, custom = [], [], []
        for r in group:
            cd = [esc(r["period_label"]), f"{_million(r):,.1f}", esc(PERIODS[r["period_kind"]]),
                  esc(r["measured_by"]), wrap(r["source"], 80)]
            xs += [r["period_start"], r["period_end"], None]
            ys += [_million(r), _million(r), None]
            custom += [cd, cd, cd]
        colour = palette[series.index(name) % len(palette)]
        # One legend entry per source: its exports (diamonds) and imports (squares) share its colour.
        whole = [r for (s, _), g in groups.items() if s == name for r in g]
        fig.add_trace(go.Scatter(x=xs, y=ys, customdata=custom, mode="lines+markers", connectgaps=False, visible=False,
                                 line=dict(dash="dot", width=2, color=colour),
                                 marker=dict(size=6, color=colour, symbol=symbols[flow]),
                                 name=wrap(_series_name(sorted(whole, key=lambda r: r["period_start"])), 40),
                                 legendgroup=name, showlegend=flow == next(f for s, f in groups if s == name),
                                 meta=dict(view="comparison", series=name, flow=flow),
                                 hovertemplate=f"<b>%{{customdata[0]}}</b>: {esc(FLOWS[flow])}<br>"
                                               "%{customdata[1]} million dollars, %{customdata[2]}"
                                               "<br>Compiled by %{customdata[3]}<br>%{customdata[4]}<extra></extra>"),
                      row=1, col=1)
        main.append(False)
    for r in (r for r in tables["trade_1913_1947"] if r["flow"] == "lend_lease_to_ussr"):
        text = f"{_million(r):,.0f} million dollars in all, {r['period_start'][:4]}–{r['period_end'][2:4]}"
        fig.add_trace(go.Scatter(x=[r["period_start"], r["period_end"]], y=[1, 1], mode="lines",
                                 line=dict(width=14, color="#7a7a00"), name="Lend-Lease, one total",
                                 customdata=[[esc(text), wrap(r["source"], 80)]] * 2,
                                 meta=dict(view="lend-lease", series=r["series"], flow=r["flow"]),
                                 hovertemplate="<b>Lend-Lease to the USSR</b><br>%{customdata[0]}<br>"
                                               "Not given year by year in any source found<br>%{customdata[1]}"
                                               "<extra></extra>"), row=2, col=1)
        main.append(True)
        fig.add_annotation(x=r["period_start"], y=1, xref="x2", yref="y2", xanchor="right", showarrow=False,
                           text=f"{esc(text)}:<br>no yearly figures found ", font=dict(size=11))
    # What the series lacks, said on the chart: the years after the last volume, and any year missing inside it.
    fig.add_vrect(x0=f"{last + 1}-01-01", x1="1947-12-31", fillcolor="#888", opacity=0.12, line_width=0, row=1, col=1)
    fig.add_annotation(x=f"{(last + 1 + 1947) // 2 + 1}-01-01", y=0.5, xref="x", yref="y domain", showarrow=False,
                       text=f"No sourced<br>U.S. yearly<br>figures,<br>{last + 1}–47", font=dict(size=10, color="#333"))
    for flow in ("us_exports_to_ussr", "us_imports_from_ussr"):
        for year in range(first, last + 1):
            if (year, flow) not in totals:
                fig.add_annotation(x=_year_x(year), y=0.16, xref="x", yref="y domain", showarrow=False, yanchor="bottom",
                                   text=f"{year}:<br>no {FLOWS[flow].split()[1]}<br>figure", font=dict(size=9, color="#333"))
    for i, (label, x0, x1, text) in enumerate(_events(tables)):
        if x0 == x1:
            fig.add_vline(x=x0, line=dict(color="#444", width=1, dash="dot"), row="all", col=1)
        else:
            fig.add_vrect(x0=x0, x1=x1, fillcolor="#999", opacity=0.18, line_width=0, row="all", col=1)
        # Each label on its own line above the plot, ending at its line, so none covers another at any width.
        fig.add_annotation(x=x0, y=1.0, xref="x", yref="paper", yshift=6 + 17 * (2 - i % 3), text=esc(label),
                           showarrow=False, xanchor="right", yanchor="bottom", font=dict(size=11),
                           hovertext=wrap(text, 80))
    comparison = [True] * len(main)
    fig.update_layout(updatemenus=[dict(
        type="buttons", direction="right", x=0, xanchor="left", y=1.0, yanchor="bottom", pad=dict(t=0, b=70),
        showactive=True, font=dict(size=11),
        # The second view is taller by one legend line per source, so its legend takes no room from the plot.
        buttons=[dict(label="U.S. yearly series", method="update", args=[{"visible": main}, {"height": HEIGHT}]),
                 dict(label="Add other sources", method="update",
                      args=[{"visible": comparison}, {"height": HEIGHT + 44 * len(series)}])])])
    # A little room below zero, so the markers of the smallest years are not cut by the axis.
    top = max([y for t in fig.data if t.yaxis in (None, "y") for y in t.y if y is not None] + [1])
    fig.update_yaxes(range=[-0.04 * top, 1.06 * top], title_text="million dollars", row=1, col=1)
    fig.update_yaxes(visible=False, range=[0, 2], row=2, col=1)
    # Half a year either side of the first and last figures, so no marker is cut at an axis end.
    fig.update_xaxes(type="date", range=["1912-01-01", "1948-06-30"], dtick="M60", tickformat="%Y")
    return _layout(fig, HEIGHT, margin=dict(l=10, r=10, t=150, b=20))


def trade_tables(tables: dict) -> list[Table]:
    totals = trade.totals(tables["trade_us_annual"])
    annual = Table("The U.S. yearly series (Foreign Commerce and Navigation, general trade, transcribed by RICardo)",
                   ["Year", "Flow", "Million dollars", "As printed", "Volume", "Pages", "RICardo file, line, commit"])
    for (year, flow), t in totals.items():
        annual.rows.append([str(year), FLOWS[flow], f"{t.million:,.3f}", _annual_hover(t)[2].replace("&amp;", "&"),
                            ", ".join(sorted({str(r["source_volume_year"]) for r in t.rows})),
                            ", ".join(sorted({r["page"] for r in t.rows})),
                            "; ".join(f"{r['ricardo_file']} line {r['ricardo_line']} @ {r['ricardo_commit'][:8]}"
                                      for r in t.rows)])
    compare = Table("The same calendar years in other sources",
                    ["Year", "Flow", "Other source", "Its figure (million dollars)", "U.S. yearly series", "Difference",
                     "What each measures"])
    for r in tables["trade_1913_1947"]:
        t = totals.get((int(r["period_start"][:4]), r["flow"]))
        if r["period_kind"] != "calendar_year" or t is None:
            continue
        compare.rows.append([r["period_start"][:4], FLOWS[r["flow"]], r["measured_by"], f"{_million(r):,.3f}",
                             f"{t.million:,.3f}", f"{_million(r) - t.million:+,.3f}",
                             f"{r['note']} The yearly series is general trade (exports including re-exports; "
                             "general imports), as printed in the later volume named above."])
    data = Table("Other sources' figures", ["Series", "Period", "Basis", "Flow", "Value", "Unit", "Measured by", "Source",
                                            "Note"])
    for r in tables["trade_1913_1947"]:
        value = f"{r['value']:,.3f}".rstrip("0").rstrip(".")
        source = Link(r["source"], r["url"]) if r["url"] else r["source"]
        data.rows.append([r["series"], f"{r['period_label']} ({r['period_start']} to {r['period_end']})",
                          PERIODS[r["period_kind"]], FLOWS[r["flow"]], value, r["unit"], r["measured_by"], source,
                          r["note"] or ""])
    checks = {c["claim_id"]: c for c in tables["claim_checks"]}
    claims = Table("The essays' figures beside the data", ["Paragraph", "Claim", "Verdict", "Why", "Arithmetic", "Source"])
    for r in tables["essay_claims"]:
        sums = trade.verdict(checks[r["claim_id"]], tables["trade_us_annual"])[1] if r["claim_id"] in checks else ""
        claims.rows.append([Link(para_label(r["paragraph"]), para_href(r["paragraph"])), r["claim"],
                            r["verdict"].replace("_", " "), r["explanation"], sums,
                            Link(r["source"], r["url"]) if r["url"] else r["source"]])
    return [annual, compare, data, claims]


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
    """The event's name and year (names recur: Hopkins went to Moscow in 1941 and 1945), wrapped, never cut."""
    return wrap(f"{row['name']} ({row['start'][:4]})", 50)


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
    # The axis runs half a year past the last event, so no diamond is cut at the end.
    fig.update_xaxes(type="date", range=["1917-01-01", "1948-06-30"], dtick="M60", tickformat="%Y")
    return _layout(fig, 120 + 34 * len(rows))


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
        title = re.split(r"[:?]\s", title, maxsplit=1)[0]  # the short title: the main title without its subtitle
        year = entry.fields.get("year", "").replace("--", "–")
        labels[key] = ", ".join(x for x in (who, title, year) if x)
    repeated = Counter(labels.values())
    return {key: f"{label} [{key}]" if repeated[label] > 1 else label for key, label in labels.items()}


def work_label(bibkey: str) -> str:
    """The work's label for the chart's axis, wrapped with <br> (Plotly's line break), never cut short."""
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
    fig = make_subplots(rows=len(works), cols=1, vertical_spacing=90 / (200 + ROW * sum(sizes)),
                        row_heights=[n / sum(sizes) for n in sizes],
                        subplot_titles=[f"{w.label}: {len(counts[w.key])} works, "
                                        f"{len({r['note'] for r in tables['citations'] if r['essay'] == w.key})} notes"
                                        for w in works])
    _left_titles(fig)
    shown = set()
    for row_no, work in enumerate(works, start=1):
        essay = work.key
        order = [work_label(k) for k, _, _ in counts[essay]]
        for kind in ("archival", "interview", "primary_published", "secondary"):
            group = [(k, n) for k, kk, n in counts[essay] if kk == kind]
            if not group:
                continue
            fig.add_trace(go.Bar(
                x=[n for _, n in group], y=[wrap(work_label(k), 72) for k, _ in group], orientation="h",
                marker_color=KIND_COLOURS[kind], name=esc(kind.replace("_", " ")), legendgroup=kind,
                showlegend=kind not in shown, customdata=[[esc(k), esc(kind.replace("_", " "))] for k, _ in group],
                meta=dict(essay=essay, kind=kind),
                hovertemplate=(f"<b>%{{y}}</b><br>cited in %{{x}} of {esc(work.label)}'s notes"
                               "<br>%{customdata[1]}<extra></extra>")), row=row_no, col=1)
            shown.add(kind)
        labels = [wrap(o, 72) for o in order[::-1]]
        fig.update_yaxes(categoryorder="array", categoryarray=labels, tickmode="array", tickvals=labels,
                         automargin=True, tickfont=dict(size=11), row=row_no, col=1)
    fig.update_xaxes(title_text="notes citing the work", dtick=5)
    height = 200 + ROW * sum(sizes)
    return _layout(fig, height,
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
    _left_titles(fig)
    xs, ys, custom = [], [], []
    for r in offices:
        first, last = _span(r, "start", "end")
        cd = [esc(_as_recorded(r, "start")), esc(_as_recorded(r, "end")), wrap(r["source"], 80),
              *_told_in(tables, "litvinov_offices", r["office"], "neither essay")]
        label = wrap(r["office"], 50)
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
    return _layout(fig, 760)


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


def static(fig: go.Figure) -> go.Figure:
    """The figure for print (PDF, EPUB, SVG): the main view without its buttons, which a page cannot press."""
    out = go.Figure(fig)
    out.layout.updatemenus = ()
    return out


# The drawing functions a row of data/charts.csv may name: the chart list itself is data.
FUNCTIONS: dict[str, Callable] = {
    "trade_figure": trade_figure, "trade_tables": trade_tables, "trade_paragraphs": trade_paragraphs,
    "conference_figure": conference_figure, "conference_tables": conference_tables,
    "citation_figure": citation_figure, "citation_tables": citation_tables,
    "offices_figure": offices_figure, "offices_tables": offices_tables,
}


def specs(tables: dict) -> dict[str, Chart]:
    """The charts of data/charts.csv, in its order: stem → what draws it, its tables and its paragraphs."""
    out = {}
    for row in tables["charts"]:
        figure = FUNCTIONS[row["figure"]]
        tables_fn = FUNCTIONS[row["figure"].replace("_figure", "_tables")]
        rule = row["paragraphs"]
        if rule == "none":
            paragraphs = lambda t: []  # noqa: E731 - a chart no paragraph links to
        elif rule.startswith("linked:"):
            paragraphs = _linked_paragraphs(rule.partition(":")[2])
        else:
            paragraphs = FUNCTIONS[rule]
        out[row["stem"]] = Chart(figure, tables_fn, paragraphs, tuple(row["tables"].split()), row["phone"])
    return out


def __getattr__(name: str):
    """``charts.CHARTS``: the chart list of the validated data (data/charts.csv)."""
    if name == "CHARTS":
        from edition import data

        return specs(data.load())
    raise AttributeError(name)
