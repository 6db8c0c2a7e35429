"""Give every link in the typeset PDF a description (its annotation's ``/Contents``), after XeLaTeX has run.

    python -m edition.pdf_links PDF AUX

hyperref writes link annotations without ``/Contents``, the alternate description that PDF 1.x and PDF/UA
give a link for assistive technology (ISO 32000-1, 12.5.2 and 12.5.6.5). This step adds it to each link of
the built PDF, in place (a copy is written beside it and moved over it), before ``make pdf`` publishes it:

- a web address: the source, as ``data/editorial/hosts.csv`` describes its host, and the host
  ("Cambridge University Press (Cambridge Core), cambridge.org"); a host the list lacks is named by itself;
- a place in the book: what is there, from the LaTeX run's ``.aux`` file, which maps each destination to its
  Sphinx labels, its page and the heading above it ("Wesser ¶ 12, page 20"; "Editors' note d on Wesser";
  "Bibliography: Butler 2015"); the works and their anchor ids come from the registry and ``edition.ids``.

A link whose target cannot be named this way keeps a plain description of its kind and page, never nothing.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pikepdf

from edition import ROOT, essays, ids, references

HOSTS = ROOT / "data" / "editorial" / "hosts.csv"

# \newlabel{<label>}{{<number>}{<page>}{<heading>}{<anchor>}{}} as hyperref and nameref write it.
_NEWLABEL = re.compile(r"^\\newlabel\{(?P<label>[^}]*)\}\{\{(?P<number>[^}]*)\}\{(?P<page>[^}]*)\}"
                       r"\{(?P<title>.*)\}\{(?P<anchor>[^{}]*)\}\{[^{}]*\}\}$", re.M)
# \contentsline {chapter}{<heading>}{<page>}{<anchor>}: headings that have no label (the index, the colophon).
_CONTENTSLINE = re.compile(r"\\contentsline \{\w+\}\{(?P<title>.*)\}\{(?P<page>[^{}]*)\}"
                           r"\{(?P<anchor>[^{}]*)\}\\protected")
_EDNOTE = re.compile(r"ednote-(?P<letter>[a-z])-(?P<mark>[a-z]{1,2})(?P<ref>-ref)?")
_TEX_WORDS = {r"\sphinxhyphen": "-", r"\textquotesingle": "'", r"\textendash": "–", r"\textemdash": "—",
              r"\&": "&", r"\%": "%", r"\#": "#", r"\_": "_", r"\$": "$"}


def _plain(tex: str) -> str:
    """A heading as the .aux file keeps it (``U.S.\\sphinxhyphen {}Soviet``), as plain text."""
    for macro, text in _TEX_WORDS.items():
        tex = re.sub(re.escape(macro) + r"(?![a-zA-Z])\s*(\{\})?", lambda _m, t=text: t, tex)
    tex = re.sub(r"\\[a-zA-Z]+\*?\s*", "", tex)
    return " ".join(tex.replace("{", "").replace("}", "").replace("~", " ").split())


def host_names(path: Path = HOSTS) -> dict[str, str]:
    """host -> what the source is, for the hosts the editors accept (refused hosts are never linked)."""
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["host"]: row["reason"].strip() for row in csv.DictReader(fh) if row["category"] != "refused"}


def describe_url(url: str, hosts: dict[str, str]) -> str:
    parts = urlsplit(url)
    if parts.scheme == "mailto":
        return f"E-mail to {parts.path}"
    host = (parts.hostname or "").lower().rstrip(".")
    host = host[4:] if host.startswith("www.") else host
    if not host:
        return f"Web address {url}"
    source = hosts.get(host)
    return f"{source}, {host}" if source else f"Web page on {host}"


class Targets:
    """The book's destinations, read from the LaTeX run's .aux file: anchor -> labels, page, heading."""

    def __init__(self, aux: str):
        self.labels: dict[str, list[tuple[str, str, str, str]]] = {}
        for m in _NEWLABEL.finditer(aux):
            self.labels.setdefault(m["anchor"], []).append((m["label"], m["number"], m["page"], _plain(m["title"])))
        for m in _CONTENTSLINE.finditer(aux):
            self.labels.setdefault(m["anchor"], []).append(("", "", m["page"], _plain(m["title"])))
        self.works = {w.key: w for w in essays.works()}
        self.letters = {w.letter.lower(): w for w in essays.works()}

    def _label(self, label: str) -> str | None:
        """What a Sphinx label (``chapters/wesser:wesser-12``) names, or None for a plain heading's label."""
        name = label.rpartition(":")[2]
        paragraph = ids.parse_paragraph(name)
        if paragraph and paragraph.key in self.works:
            return f"{self.works[paragraph.key].label} ¶ {paragraph.label}"
        note = ids.parse_note(name.removesuffix("-ref"))
        if note and note[0] in self.works:
            return f"{self.works[note[0]].label}, note {note[1]}"
        page = ids.PAGE.fullmatch(name)
        if page and page["key"] in self.works:
            return f"{self.works[page['key']].label}, start of page {page['number']} of the original"
        ednote = _EDNOTE.fullmatch(name)
        if ednote and ednote["letter"] in self.letters:
            work = self.letters[ednote["letter"]].label
            return (f"Editors' note {ednote['mark']} marker in {work}" if ednote["ref"]
                    else f"Editors' note {ednote['mark']} on {work}")
        if name.startswith("tn-"):
            return "Textual note" + (" marker" if name.endswith("-ref") else "")
        return None

    def describe(self, anchor: str, bibliography: dict[str, str], page_of_dest: str | None) -> str:
        if anchor.startswith("cite."):
            key = anchor.rpartition(":bib-")[2]
            return f"Bibliography: {bibliography[key]}" if key in bibliography else "Bibliography entry"
        if anchor.startswith("Hfootnote."):
            return f"Note at the foot of page {page_of_dest}" if page_of_dest else "Note at the foot of the page"
        if anchor.startswith("page."):
            return f"Page {anchor.partition('.')[2]}"
        entries = self.labels.get(anchor, [])
        named = [d for d in (self._label(label) for label, _, _, _ in entries) if d]
        page = entries[0][2] if entries else page_of_dest
        heading = next((title for _, _, _, title in entries if title), "")
        if anchor.startswith("figure."):
            number = next((n for _, n, _, _ in entries if n), "")
            what = f"Figure {number}" if number else "Figure"
        else:
            what = named[0] if named else heading or "A place in this edition"
        return f"{what}, page {page}" if page else what


def bibliography_names() -> dict[str, str]:
    """bib key -> "Butler 2015": the first author's (or editor's) family name and the year, else the title."""
    names = {}
    for key, entry in references.database().entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        who = " ".join(people[0].last_names) if people else entry.fields.get("title", key)
        who = _plain(who.replace("{", "").replace("}", ""))
        names[key] = f"{who} {entry.fields.get('year', '')}".strip()
    return names


def describe_links(pdf_path: Path, aux_path: Path) -> tuple[int, int]:
    """Set /Contents on every link annotation of the PDF; returns (links, of which web addresses)."""
    targets = Targets(aux_path.read_text(encoding="utf-8", errors="replace"))
    hosts, bibliography = host_names(), bibliography_names()
    links = web = 0
    with pikepdf.open(pdf_path) as pdf:
        page_numbers = {page.obj.objgen: page.label for page in pdf.pages}
        dests = pikepdf.NameTree(pdf.Root.Names.Dests) if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names else {}
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") != "/Link":
                    continue
                links += 1
                action = annot.get("/A")
                if action is not None and action.get("/S") == "/URI":
                    web += 1
                    text = describe_url(str(action.URI), hosts)
                else:
                    dest = action.get("/D") if action is not None else annot.get("/Dest")
                    anchor = str(dest) if isinstance(dest, pikepdf.String) else ""
                    target = dests.get(anchor) if anchor and anchor in dests else None
                    if isinstance(target, pikepdf.Dictionary):
                        target = target.get("/D")
                    on_page = isinstance(target, pikepdf.Array) and len(target)
                    where = page_numbers.get(target[0].objgen) if on_page else None
                    text = targets.describe(anchor, bibliography, where)
                annot.Contents = pikepdf.String(text)
        staged = pdf_path.with_name(f".{pdf_path.name}.links-{os.getpid()}")
        pdf.save(staged)
    os.replace(staged, pdf_path)
    return links, web


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("aux", type=Path)
    args = parser.parse_args(argv)
    for path in (args.pdf, args.aux):
        if not path.is_file():
            print(f"{path}: no such file; run the LaTeX build first (make pdf)", file=sys.stderr)
            return 1
    links, web = describe_links(args.pdf, args.aux)
    print(f"{args.pdf}: described {links} links ({web} web addresses, {links - web} within the book)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
