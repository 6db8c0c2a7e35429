"""The PDF as assistive technology reads it: every link has a description, every chart its alt text.

A screen reader announces a PDF link by its annotation's ``/Contents``; hyperref writes none, so ``make pdf``
adds them (``edition/pdf_links.py``). The charts are images: their alt text, the same the HTML and EPUB
give (the ``:alt:`` of each ``chart`` directive), sits on the image's marked content (``/Span`` with ``/Alt``)
as _ext/charts.py writes it. The built PDF is read back with pikepdf; the step itself is also run on a small
PDF made here, so its rules are checked without a TeX run.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pikepdf
import pytest

from edition import ROOT, essays, pdf_links

PDF = ROOT / "_build" / "pdf" / "edition.pdf"
CHART = re.compile(r"^```\{chart\} (?P<stem>\S+)\n(?:^:[a-z]+:.*\n)*?^:alt: (?P<alt>.+)$", re.M)


def _pdf() -> pikepdf.Pdf:
    if not PDF.exists():
        pytest.fail(f"{PDF.relative_to(ROOT)} is missing: run `make pdf` (or `make test`, which builds it)")
    return pikepdf.open(PDF)


def _links(pdf: pikepdf.Pdf) -> list[tuple[int, pikepdf.Dictionary]]:
    return [(n, a) for n, page in enumerate(pdf.pages, 1) for a in page.obj.get("/Annots", [])
            if a.get("/Subtype") == "/Link"]


def chart_alts() -> dict[str, str]:
    """stem -> alt text, from every chapter's chart directives."""
    found = {}
    for path in sorted((ROOT / "chapters").glob("*.md")):
        found |= {m["stem"]: m["alt"].strip() for m in CHART.finditer(path.read_text(encoding="utf-8"))}
    return found


def test_every_link_in_the_pdf_has_a_description():
    with _pdf() as pdf:
        links = _links(pdf)
        assert len(links) > 1000, f"only {len(links)} link annotations: is this the edition's PDF?"
        bare = [(n, str(a.A.get("/URI") or a.A.get("/D"))) for n, a in links
                if not str(a.get("/Contents", "")).strip()]
    assert not bare, f"{len(bare)} of {len(links)} links have no /Contents, e.g. {bare[:5]}"


def test_web_links_are_described_by_their_source_not_their_address():
    hosts = pdf_links.host_names()
    with _pdf() as pdf:
        web = [(n, str(a.A.URI), str(a.Contents)) for n, a in _links(pdf) if a.A.get("/S") == "/URI"]
    assert len(web) > 100
    wrong = []
    for n, url, text in web:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        if host in hosts and text != f"{hosts[host]}, {host}":
            wrong.append((n, url, text))
    assert not wrong, f"web links not named by their source in hosts.csv: {wrong[:5]}"
    assert sum(1 for _, url, _ in web if (urlsplit(url).hostname or "").removeprefix("www.") in hosts) > 100


def test_links_to_paragraphs_name_the_work_and_paragraph():
    with _pdf() as pdf:
        texts = {str(a.Contents) for _, a in _links(pdf) if a.A.get("/S") == "/GoTo"}
    for work in essays.works():
        assert any(re.fullmatch(rf"{re.escape(work.label)} ¶ f?\d+, page \d+", t) for t in texts), work.key
    assert any(t.startswith("Bibliography: ") for t in texts)
    assert any(t.startswith("Note at the foot of page ") for t in texts)


def test_each_chart_image_carries_its_alt_text():
    alts = chart_alts()
    assert alts, "no chart directive with :alt: found in chapters/"
    found = []
    with _pdf() as pdf:
        for page in pdf.pages:
            inside = None
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "BDC" and operands[0] == "/Span" and isinstance(operands[1], pikepdf.Dictionary):
                    inside = str(operands[1].get("/Alt", "")) or None
                elif str(operator) == "EMC":
                    inside = None
                elif str(operator) == "Do" and inside:
                    found.append(inside)
    missing = [stem for stem, alt in alts.items() if alt not in found]
    assert not missing, f"charts whose image has no alt text in the PDF: {missing}"


def _tiny_pdf(path, targets: list[pikepdf.Dictionary]) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    page = pdf.pages[0]
    pdf.Root.Names = pikepdf.Dictionary(Dests=pikepdf.Dictionary(
        Names=pikepdf.Array(["section*.2", pikepdf.Array([page.obj, pikepdf.Name.XYZ, 0, 700, 0])])))
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([
        pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                             Rect=[0, 0, 10, 10], A=action)) for action in targets]))
    pdf.save(path)


def test_the_step_describes_web_internal_and_unknown_links(tmp_path):
    work = essays.works()[0]
    host, source = next(iter(pdf_links.host_names().items()))
    aux = tmp_path / "edition.aux"
    aux.write_text(f"\\newlabel{{{work.docname}:{work.key}-7}}{{{{}}{{12}}{{A heading\\sphinxhyphen {{}}here}}"
                   "{section*.2}{}}\n", encoding="utf-8")
    pdf_path = tmp_path / "edition.pdf"
    _tiny_pdf(pdf_path, [
        pikepdf.Dictionary(S=pikepdf.Name.URI, URI=f"https://www.{host}/x"),
        pikepdf.Dictionary(S=pikepdf.Name.URI, URI="https://unlisted.example/x"),
        pikepdf.Dictionary(S=pikepdf.Name.GoTo, D="section*.2"),
        pikepdf.Dictionary(S=pikepdf.Name.GoTo, D="section*.99"),
    ])
    assert pdf_links.describe_links(pdf_path, aux) == (4, 2)
    with pikepdf.open(pdf_path) as pdf:
        texts = [str(a.Contents) for a in pdf.pages[0].obj.Annots]
    assert texts == [f"{source}, {host}", "Web page on unlisted.example", f"{work.label} ¶ 7, page 12",
                     "A place in this edition"]


def test_the_step_names_a_missing_input_and_fails(tmp_path, capsys):
    assert pdf_links.main([str(tmp_path / "edition.pdf"), str(tmp_path / "edition.aux")]) == 1
    assert "edition.pdf: no such file" in capsys.readouterr().err
