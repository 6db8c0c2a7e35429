"""The ``chart`` directive: an interactive, numbered figure drawn at build time from the edition's data.

    ```{chart} trade_1913_1947
    :caption: U.S.–Soviet trade, 1913–1947, each series as its source gives it.
    :alt: Line segments of U.S. exports to and imports from Russia and the USSR ...
    ```

The directive reads the validated data package (``edition.data``, checked once per state of the data); a problem becomes a warning that names the
CSV, row and column, so ``-W`` fails the build. It builds the figure with ``edition.charts`` and emits a
numbered figure (label ``fig-<stem>``) holding the chart, its caption, a collapsible data table and links
to download the CSVs. The page depends on those CSVs, so editing one rebuilds it.

HTML: a ``<figure aria-label>`` with the plot's JSON; plotly.js (bundled from npm's plotly.js sources with only
the trace types and components the charts use, never a CDN) and ``charts.js`` are copied into the build and
added only to pages with a chart. LaTeX: the static image
(PNG from kaleido) with the same caption. Text: the caption and the alt text.

Essay paragraphs that a chart illustrates get a small link to the figure, inside an element of class
``ed`` so the authors' words stay as they were.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from edition import charts, data, essays, ids, metadata, trade
from . import topics

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE.parent / "node_modules"
# plotly.js as the charts use it: the modules plotly_bundle.js registers, bundled by esbuild from npm's plotly.js
# sources (at the version the Python package writes figures for), once per entry file, plotly.js and esbuild.
PLOTLY_ENTRY = HERE / "plotly_bundle.js"
PLOTLY_SOURCES = NODE_MODULES / "plotly.js"
ESBUILD = NODE_MODULES / ".bin" / "esbuild"
PLOTLY_CACHE = NODE_MODULES / ".cache" / "edition-plotly"
BUNDLED = re.compile(r'require\("plotly\.js/(?:src/traces|src/components|lib)/([a-z0-9]+)"\)')
# What a figure asks of plotly.js beyond its trace types: layout keys, axis keys and trace keys -> component.
LAYOUT_COMPONENTS = {"annotations": "annotations", "shapes": "shapes", "images": "images",
                     "updatemenus": "updatemenus", "sliders": "sliders", "selections": "selections"}
AXIS_COMPONENTS = {"rangeslider": "rangeslider", "rangeselector": "rangeselector"}
TRACE_COMPONENTS = {"error_x": "errorbars", "error_y": "errorbars"}
ASSETS = "charts"  # under the build's _static/, written by this extension only, so other pages never load it
PACKAGE = "edition-data.zip"  # the whole data package in one file: datapackage.json, every CSV, README.md
EXTRA_FILES = ("README.md", "redraw_trade.py")  # beside the tables in the zip: what they are, how to redraw
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so two builds write the same bytes


class chart_figure(nodes.figure):
    """A numbered figure holding one chart; a figure so that numfig counts it and :numref: finds it."""


class chart(nodes.General, nodes.Element):
    """The plot itself, with its data tables and download links."""


def tables(data_dir: Path) -> dict:
    """The validated data (``edition.data`` keeps one validation per state of the files), or its problems."""
    try:
        return {"problems": [], "tables": data.load(data_dir)}
    except data.DataError as exc:
        return {"problems": exc.problems, "tables": None}


class ChartDirective(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec = {"caption": directives.unchanged_required, "alt": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        stem = self.arguments[0]
        data_dir = Path(self.config.edition_data_dir)
        self.env.note_dependency(str(data_dir / "datapackage.json"))
        self.env.note_dependency(str(data_dir / "charts.csv"))
        state = tables(data_dir)
        if state["problems"]:
            for problem in state["problems"]:
                logger.warning("chart %s: bad data: %s", stem, problem, location=self.get_location())
            return []
        known = charts.specs(state["tables"])
        spec = known.get(stem)
        if spec is None:
            logger.warning("unknown chart %r; known charts (data/charts.csv): %s", stem, ", ".join(known),
                           location=self.get_location())
            return []
        for option in ("caption", "alt"):
            if not self.options.get(option):
                logger.warning("chart %s needs a :%s: option", stem, option, location=self.get_location())
                return []
        for name in spec.csvs:
            self.env.note_dependency(str(data_dir / f"{name}.csv"))
        self.env.note_dependency(str(data_dir / "paragraphs.csv"))
        # The figure is a function of the data and of these modules: a change to either redraws it.
        for module in (charts, data, trade):
            self.env.note_dependency(module.__file__)
        t = state["tables"]
        fig = spec.figure(t)
        figure_json = json.loads(fig.to_json())
        missing = unbundled(figure_json, bundled_modules())
        if missing:
            logger.warning("chart %s needs %s of plotly.js, which the edition's bundle leaves out: add %s to %s",
                           stem, ", ".join(missing), " and ".join(missing), PLOTLY_ENTRY, location=self.get_location())
            return []
        label = f"fig-{stem}"
        figure = chart_figure(ids=[label], names=[label], classes=["chart-figure"], alt=self.options["alt"],
                              phone=spec.phone)
        self.state.document.note_explicit_target(figure)
        spec_json, template_json = _payload(figure_json)
        plot = chart(stem=stem, alt=self.options["alt"], spec=spec_json, template=template_json,
                     tables=[(tb.title, tb.columns, [[_cell(c) for c in row] for row in tb.rows]) for tb in spec.tables(t)],
                     csvs=list(spec.csvs), paragraphs=spec.paragraphs(t))
        caption_text = self.options["caption"]
        inline, messages = self.state.inline_text(caption_text, self.lineno)
        caption = nodes.caption(caption_text, "", *inline)
        self.set_source_info(figure)
        figure += [plot, caption]
        self.env.edition_charts = getattr(self.env, "edition_charts", {})
        self.env.edition_charts.setdefault(self.env.docname, []).append((stem, label, plot["paragraphs"]))
        return [figure, *messages]


def bundled_modules(entry: Path = PLOTLY_ENTRY) -> set[str]:
    """The trace types and components the edition's plotly.js registers (read from its entry file)."""
    return set(BUNDLED.findall(entry.read_text(encoding="utf-8"))) | {"scatter"}


def unbundled(figure: dict, modules: set[str]) -> list[str]:
    """The trace types and components a figure (as plotly JSON) uses that ``modules`` do not hold."""
    need = {trace.get("type") or "scatter" for trace in figure.get("data", [])}
    need |= {c for trace in figure.get("data", []) for key, c in TRACE_COMPONENTS.items()
             if (trace.get(key) or {}).get("visible", bool(trace.get(key)))}
    layout = figure.get("layout", {})
    need |= {c for key, c in LAYOUT_COMPONENTS.items() if layout.get(key)}
    need |= {c for axis, value in layout.items() if re.fullmatch(r"[xy]axis\d*", axis) and isinstance(value, dict)
             for key, c in AXIS_COMPONENTS.items() if (value.get(key) or {}).get("visible", bool(value.get(key)))}
    if any(key.endswith("calendar") for trace in figure.get("data", []) for key in trace):
        need.add("calendars")
    return sorted(need - modules)


def plotly_bundle() -> Path:
    """The charts' plotly.js, built by esbuild when the cache has none for this entry, plotly.js and esbuild."""
    for path in (PLOTLY_SOURCES / "package.json", ESBUILD):
        if not path.exists():
            raise ExtensionError(f"{path} is missing: `make html` installs it (npm ci, from package.json)")
    version = json.loads((PLOTLY_SOURCES / "package.json").read_text(encoding="utf-8"))["version"]
    esbuild = json.loads((NODE_MODULES / "esbuild" / "package.json").read_text(encoding="utf-8"))["version"]
    key = hashlib.sha256(PLOTLY_ENTRY.read_bytes() + f"{version} {esbuild}".encode()).hexdigest()[:16]
    target = PLOTLY_CACHE / f"plotly-{version}-{key}.min.js"
    if target.exists():
        return target
    PLOTLY_CACHE.mkdir(parents=True, exist_ok=True)
    banner = (f"/*! plotly.js v{version}, the modules of the edition's charts ({PLOTLY_ENTRY.name}); "
              "Copyright 2012-2026 Plotly, Inc.; MIT licence */")
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    result = subprocess.run([str(ESBUILD), str(PLOTLY_ENTRY), "--bundle", "--minify", "--format=iife",
                             "--global-name=Plotly", "--define:global=window", "--define:define.amd=false",
                             "--target=es2020", f"--banner:js={banner}", f"--outfile={partial}", "--log-level=error"],
                            capture_output=True, text=True, cwd=HERE)
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        raise ExtensionError(f"charts: esbuild could not bundle plotly.js from {PLOTLY_ENTRY}:\n{result.stderr[-2000:]}")
    os.replace(partial, target)  # whole or not at all, should two builds make it at once
    return target


def _compact(value) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _payload(figure: dict) -> tuple[str, str]:
    """The figure (as plotly JSON) compact, and its layout template apart: a page writes each template once."""
    layout = {key: value for key, value in figure["layout"].items() if key != "template"}
    return _compact({**figure, "layout": layout}), _compact(figure["layout"].get("template", {}))


def _cell(cell):
    """Table cells as plain data for the doctree: text, or a list of (text, href) links."""
    if isinstance(cell, charts.Link):
        return [(cell.text, cell.href)]
    if isinstance(cell, list):
        return [(c.text, c.href) for c in cell]
    return str(cell)


def _root(translator) -> str:
    return "../" * translator.builder.current_docname.count("/")


def _href(href: str, root: str) -> str:
    return href if "://" in href else root + href


def _render_cell(cell, root: str) -> str:
    if isinstance(cell, str):
        return html.escape(cell)
    return ", ".join(f'<a href="{html.escape(_href(h, root))}">{html.escape(t)}</a>' for t, h in cell)


def visit_chart_figure_html(self, node: chart_figure) -> None:
    phone = " chart-phone-table" if node.get("phone") == "table" else ""
    self.body.append(self.starttag(node, "figure", CLASS="chart-figure" + phone, **{"aria-label": node["alt"]}))


def depart_chart_figure_html(self, node: chart_figure) -> None:
    self.body.append("</figure>\n")


def visit_chart_html(self, node: chart) -> None:
    root = _root(self)
    stem = node["stem"]
    # The JSON sits in script elements; "<" is written as \u003c so no data can close the element.
    payload = node["spec"].replace("<", "\\u003c")
    template = "chart-template-" + hashlib.sha256(node["template"].encode()).hexdigest()[:12]
    written = getattr(self, "edition_chart_templates", set())
    self.edition_chart_templates = written
    out = []
    if template not in written:  # the charts of a page share their template; it is written before the first
        written.add(template)
        template_json = node["template"].replace("<", "\\u003c")
        out.append(f'<script type="application/json" id="{template}">{template_json}</script>\n')
    out += [f'<div class="chart-plot" id="chart-{stem}" data-root="{root}"></div>\n',
            f'<script type="application/json" class="chart-spec" data-chart="chart-{stem}" data-template="{template}">'
            f'{payload}</script>\n']
    if node.parent.get("phone") == "table":
        # A narrow screen shows the figure's tables as lists instead of the chart (charts.css); charts.js makes
        # the lists from the tables below, so the page carries the data once for both.
        out.append('<div class="chart-phone"></div>\n')
    out += ['<details class="chart-data"><summary>Data behind this figure (tables and CSV)</summary>\n',
            '<p class="chart-downloads">Download: ' + ", ".join(
                f'<a href="{root}_static/{ASSETS}/{name}.csv" download>{name}.csv</a>' for name in node["csvs"])
            + f' (described in <a href="{root}_static/{ASSETS}/datapackage.json" download>datapackage.json</a>), '
            f'or the whole data package: <a href="{root}_static/{ASSETS}/{PACKAGE}" download>{PACKAGE}</a></p>\n']
    for title, columns, rows in node["tables"]:
        out.append(f'<div class="chart-table-wrap"><table class="chart-table"><caption>{html.escape(title)}</caption>'
                   "<thead><tr>" + "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
                   + "</tr></thead><tbody>\n")
        for row in rows:
            out.append("<tr>" + "".join(f"<td>{_render_cell(c, root)}</td>" for c in row) + "</tr>\n")
        out.append("</tbody></table></div>\n")
    out.append("</details>\n")
    self.body.append("".join(out))
    raise nodes.SkipNode


def visit_chart_figure_latex(self, node: chart_figure) -> None:
    # The caption's visitor writes the figure's label, after \caption, where it takes the figure's number.
    self.body.append("\n\\begin{figure}[htbp]\n\\centering\n")


def depart_chart_figure_latex(self, node: chart_figure) -> None:
    # Print says where the interactive figure, its data tables and CSV files are (edvoice: _latex/edition.sty).
    label = node["ids"][0]
    doc = next((d for d, entries in self.builder.env.edition_charts.items() if any(e[1] == label for e in entries)), "")
    where = metadata.edition().address(f"{doc}.html#{label}").replace("#", "\\#")
    self.body.append(f"\\par{{\\edvoice Interactive version, with the data: online edition, \\url{{{where}}}\\par}}\n"
                     "\\end{figure}\n")


def visit_chart_latex(self, node: chart) -> None:
    # An untagged PDF's one home for an image's alt text: a Span marked-content sequence with /Alt (ISO 32000-1,
    # 14.9.3), written by xdvipdfmx; the text goes in as a UTF-16 hex string, so no character of it is TeX.
    alt = "FEFF" + node["alt"].encode("utf-16-be").hex().upper()
    image = f"\\includegraphics[width=\\linewidth,height=0.8\\textheight,keepaspectratio]{{chart-{node['stem']}.pdf}}"
    self.body.append(f"\\special{{pdf:code /Span <</Alt <{alt}>>> BDC}}{image}\\special{{pdf:code EMC}}\n")
    raise nodes.SkipNode


def depart_chart_figure_epub(self, node: chart_figure) -> None:
    # The HTML5 writer leaves <figcaption> for the figure to close; XHTML must close it.
    self.body.append("</figcaption>\n</figure>\n" if node.next_node(nodes.caption) else "</figure>\n")


def _render_cell_epub(cell, root: str, suffix: str) -> str:
    if isinstance(cell, str):
        return html.escape(cell)
    links = [(t, h if "://" in h else root + re.sub(r"\.html(?=#|$)", suffix, h)) for t, h in cell]
    return ", ".join(f'<a href="{html.escape(h)}">{html.escape(t)}</a>' for t, h in links)


def visit_chart_epub(self, node: chart) -> None:
    """The EPUB's chart: the static SVG written by ``epub_images``, then the data tables (no script, no CSV links)."""
    root = _root(self)
    out = [f'<img class="chart-image" src="{root}_images/chart-{node["stem"]}.svg" alt="{html.escape(node["alt"])}" />\n']
    for title, columns, rows in node["tables"]:
        out.append(f'<table class="chart-table"><caption>{html.escape(title)}</caption>'
                   "<thead><tr>" + "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
                   + "</tr></thead><tbody>\n")
        for row in rows:
            out.append("<tr>" + "".join(f"<td>{_render_cell_epub(c, root, self.builder.out_suffix)}</td>" for c in row)
                       + "</tr>\n")
        out.append("</tbody></table>\n")
    self.body.append("".join(out))
    raise nodes.SkipNode


def visit_chart_figure_text(self, node: chart_figure) -> None:
    pass


def depart_chart_figure_text(self, node: chart_figure) -> None:
    pass


def visit_chart_text(self, node: chart) -> None:
    self.add_text(f"[Chart: {node['alt']}]")
    raise nodes.SkipNode


def _in_footnote(node: nodes.Node, stop: nodes.Node) -> bool:
    # The LaTeX builder moves notes into the paragraph that cites them; the link belongs to the text.
    while node is not None and node is not stop:
        if isinstance(node, nodes.footnote):
            return True
        node = node.parent
    return False


def link_paragraphs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each essay paragraph a chart illustrates a link to that figure (class ``ed``: the edition's words)."""
    figures = {pid: [("Fig. " + ".".join(map(str, number)) if number else "Figure",
                      app.builder.get_relative_uri(docname, chart_doc) + "#" + label, stem)
                     for chart_doc, number, label, stem in links]
               for pid, links in _figure_links(app.env).items()}
    if not figures:
        return
    for para in doctree.findall(lambda n: isinstance(n, nodes.Element) and "para" in n["classes"] and n["ids"]):
        links = figures.get(para["ids"][0])
        if not links:
            continue
        target = [p for p in para.findall(nodes.paragraph) if not _in_footnote(p, para)]
        if not target:
            continue
        mark = nodes.inline("", "", classes=["ed", "fig-link"])
        mark += nodes.Text(" ")
        for i, (text, uri, stem) in enumerate(links):
            if i:
                mark += nodes.Text(", ")
            mark += nodes.reference("", text, refuri=uri, classes=["fig-ref"], reftitle=f"The data: {stem}")
        target[-1] += mark


def add_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is not None and next(iter(doctree.findall(chart)), None) is not None:
        app.add_js_file(f"{ASSETS}/plotly.min.js", loading_method="defer")
        app.add_js_file(f"{ASSETS}/charts.js", loading_method="defer")
        app.add_css_file(f"{ASSETS}/charts.css")


def copy_assets(app: Sphinx, exception) -> None:
    if exception is not None or not getattr(app.env, "edition_charts", None):
        return
    if app.builder.format == "html":
        out = Path(app.outdir) / "_static" / ASSETS
        out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(plotly_bundle(), out / "plotly.min.js")
        shutil.copyfile(HERE / "charts.js", out / "charts.js")
        shutil.copyfile(HERE / "charts.css", out / "charts.css")
        data_dir = Path(app.config.edition_data_dir)
        # The whole data package, laid out as its descriptor says, so the download's paths resolve.
        files = [r["path"] for r in data.descriptor(data_dir / "datapackage.json")["resources"]] + ["datapackage.json"]
        for rel in files:
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(data_dir / rel, out / rel)
        write_package(data_dir, files, out / PACKAGE)
    elif app.builder.format == "latex":
        import plotly.io as pio

        state = tables(Path(app.config.edition_data_dir))
        stems = [stem for entries in app.env.edition_charts.values() for stem, _, _ in entries]
        figs = [charts.static(charts.specs(state["tables"])[s].figure(state["tables"])) for s in stems]
        # PDF: vector figures in the printed edition.
        pio.write_images(figs, [str(Path(app.outdir) / f"chart-{s}.pdf") for s in stems], format="pdf", width=1000,
                         height=[f.layout.height for f in figs])


def write_package(data_dir: Path, files: list[str], target: Path) -> None:
    """The data package as one zip (datapackage.json, the CSVs, README.md), the same bytes on every build."""
    import zipfile

    extra = [name for name in EXTRA_FILES if (data_dir / name).exists()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel in sorted(files) + extra:
            info = zipfile.ZipInfo(f"edition-data/{rel}", ZIP_DATE)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            zf.writestr(info, (data_dir / rel).read_bytes())


EMPTY_PATH = re.compile(r"<path(?![^>]*\sd=)[^>]*/>")


def epub_images(app: Sphinx, env) -> None:
    """Write each chart as SVG into the EPUB before it is packed (build-finished would be too late)."""
    if app.builder.name != "epub" or not getattr(env, "edition_charts", None):
        return
    import plotly.io as pio

    state = tables(Path(app.config.edition_data_dir))
    stems = [stem for entries in env.edition_charts.values() for stem, _, _ in entries]
    figs = [charts.static(charts.specs(state["tables"])[s].figure(state["tables"])) for s in stems]
    out = Path(app.outdir) / "_images"
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"chart-{s}.svg" for s in stems]
    pio.write_images(figs, [str(p) for p in paths], format="svg", width=1000, height=[f.layout.height for f in figs])
    for path in paths:
        # Plotly leaves empty <path/> placeholders, which SVG (and epubcheck) require to have a "d".
        path.write_text(EMPTY_PATH.sub("", path.read_text(encoding="utf-8")), encoding="utf-8")


def _figure_links(env) -> dict[str, list[tuple]]:
    """What ``link_paragraphs`` gives each paragraph: the figure's page, number, label and stem."""
    links: dict[str, list[tuple]] = {}
    for chart_doc, entries in getattr(env, "edition_charts", {}).items():
        for stem, label, paragraphs in entries:
            number = env.toc_fignumbers.get(chart_doc, {}).get("figure", {}).get(label)
            for pid in paragraphs:
                links.setdefault(pid, []).append((chart_doc, number, label, stem))
    return links


def note_links(app: Sphinx, env, added, changed, removed) -> list[str]:
    # Before Sphinx forgets the removed pages and reads the changed ones again: the links as the pages show them.
    env.edition_figure_links = _figure_links(env)
    return []


def rewrite_linked_pages(app: Sphinx, env) -> list[str]:
    """Rewrite the pages that show a paragraph whose figure links changed (a chart added, removed, moved,
    renumbered or its paragraphs changed): the paragraph's essay, and the topics' side-by-side views, which copy
    essays' paragraphs. An edit of a chart's numbers alone rewrites only the chart's page."""
    before, after = getattr(env, "edition_figure_links", {}), _figure_links(env)
    changed = {pid for pid in before.keys() | after.keys() if before.get(pid) != after.get(pid)}
    if not changed:
        return []
    pages = {essays.get(ids.key_of(pid)).docname for pid in changed}
    views = {doc for doc in env.all_docs if doc.startswith(topics.PAGE.format(""))}
    return sorted((pages | views) & set(env.all_docs))


def merge_info(app: Sphinx, env, docnames, other) -> None:
    env.edition_charts = getattr(env, "edition_charts", {})
    env.edition_charts.update(getattr(other, "edition_charts", {}))


def purge(app: Sphinx, env, docname: str) -> None:
    getattr(env, "edition_charts", {}).pop(docname, None)


def setup(app: Sphinx) -> dict:
    app.add_enumerable_node(chart_figure, "figure", html=(visit_chart_figure_html, depart_chart_figure_html),
                            epub=(visit_chart_figure_html, depart_chart_figure_epub),
                            latex=(visit_chart_figure_latex, depart_chart_figure_latex),
                            text=(visit_chart_figure_text, depart_chart_figure_text))
    app.add_node(chart, html=(visit_chart_html, None), epub=(visit_chart_epub, None), latex=(visit_chart_latex, None),
                 text=(visit_chart_text, None))
    app.add_config_value("edition_data_dir", str(data.DATA), "env")  # tests point it at fixture data
    app.add_directive("chart", ChartDirective)
    app.connect("doctree-resolved", link_paragraphs)
    app.connect("html-page-context", add_assets)
    app.connect("build-finished", copy_assets)
    app.connect("env-updated", epub_images)
    app.connect("env-get-outdated", note_links)
    app.connect("env-get-updated", rewrite_linked_pages)
    app.connect("env-merge-info", merge_info)
    app.connect("env-purge-doc", purge)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
