"""The landing page's table of works is written from the registry and the data, one column per work."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from edition import essays
from edition_ext.counts import count

SITE = Path(__file__).resolve().parent.parent / "_build" / "html"


def test_each_registered_work_has_its_column_with_its_record_and_counted_notes():
    soup = BeautifulSoup((SITE / "index.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("table.edition-works")
    works = essays.works()
    assert [th.get_text(strip=True) for th in table.select("thead th")] == \
        ["Work"] + [f"{w.label} ({w.year})" for w in works]
    rows = {tr.select_one("td").get_text(strip=True): tr.select("td")[1:] for tr in table.select("tbody tr")}
    for i, work in enumerate(works):
        link = rows["Title"][i].select_one("a")
        assert link.get_text(strip=True) == work.title and link["href"].endswith(work.page)
        assert rows["Author"][i].get_text(strip=True) == work.author.full
        assert " ".join(rows["First published"][i].get_text().split()) == " ".join(work.publication.split())
        assert rows["Notes"][i].get_text(strip=True).startswith(f"{count(f'citations[essay={work.key}]:note')} numbered notes")
