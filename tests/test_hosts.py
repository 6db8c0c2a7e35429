"""Every web address the edition cites is on a host the editors have reviewed and trust.

The source policy (data/editorial/hosts.csv) names every host that appears in a URL in the edition's own
files, with a category and the reason for it. Publishers, archives, libraries, government sites, journals,
newspapers' own archives, universities, encyclopedias and reviewed reference sites may be cited; mirrors,
pirate copies, content farms, blogs, test servers, bare IP addresses and children's encyclopedias are
``refused`` and must not be cited (where no legitimate copy exists, the printed work is cited without a URL).

The files checked are the editors' own: every CSV/YAML/JSON file under data/ except data/sources/ (the
copy-texts, whose URLs are the authors' and stay as printed), the hand-written chapters, index.md and
references.bib, comments included. The generated chapters are built from data/ and so are covered by it.
"""

from __future__ import annotations

import csv
import ipaddress
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOSTS = ROOT / "data" / "editorial" / "hosts.csv"
CATEGORIES = {"government", "archive", "library", "publisher", "journal", "newspaper", "encyclopedia",
              "university", "reference", "refused"}
HAND_WRITTEN_CHAPTERS = ["introduction.md", "comparison.md", "principles.md", "data.md", "bibliography.md"]

# A candidate address runs from the scheme to the first character that cannot be part of it in these files
# (white space, quotes, angle brackets, BibTeX braces, a CSV or Markdown delimiter); trailing punctuation and
# an unbalanced closing parenthesis (Markdown links, prose) are trimmed afterwards.
CANDIDATE = re.compile(r"https?://[^\s<>\"'{}\[\]|\\^`]+", re.IGNORECASE)
TRAILING = ".,;:!?*_"


def checked_files() -> list[Path]:
    data = ROOT / "data"
    files = [p for p in sorted(data.rglob("*"))
             if p.is_file() and p.suffix in {".csv", ".yml", ".yaml", ".json"}
             and "sources" not in p.relative_to(data).parts and p != HOSTS]
    files += [ROOT / "chapters" / name for name in HAND_WRITTEN_CHAPTERS]
    files += [ROOT / "index.md", ROOT / "references.bib"]
    return files


def trim(url: str) -> str:
    while url:
        if url[-1] in TRAILING:
            url = url[:-1]
        elif url[-1] == ")" and url.count(")") > url.count("("):
            url = url[:-1]
        else:
            break
    return url


def normalise(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def cited_urls() -> list[tuple[str, str, str]]:
    """(place, url, host) for every http(s) URL in the checked files; host is None-safe ('' if unparsable)."""
    found = []
    for path in checked_files():
        rel = path.relative_to(ROOT)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in CANDIDATE.finditer(line):
                url = trim(match.group())
                try:
                    host = urlsplit(url).hostname or ""
                except ValueError:
                    host = ""
                found.append((f"{rel}:{number}", url, normalise(host)))
    return found


def policy() -> list[dict]:
    with open(HOSTS, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def categories() -> dict[str, str]:
    return {row["host"]: row["category"] for row in policy()}


URLS = cited_urls()


def test_the_files_are_found_and_cite_urls():
    assert all(p.is_file() for p in checked_files()), [str(p) for p in checked_files() if not p.is_file()]
    assert len(URLS) > 100, "the URL extraction found suspiciously few addresses"


def test_hosts_csv_is_well_formed():
    with open(HOSTS, newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == ["host", "category", "reason", "name"], \
            "hosts.csv: columns are host,category,reason,name"
    rows = policy()
    problems = [f"line {i}: {row}" for i, row in enumerate(rows, 2)
                if row["category"] not in CATEGORIES or not (row["reason"] or "").strip()
                or row["host"] != normalise(row["host"]) or not row["host"]]
    assert not problems, ("hosts.csv: every row needs a normalised host (lower case, no leading www.), one of the "
                          f"categories {sorted(CATEGORIES)} and a reason: {problems}")
    duplicates = [h for h, n in Counter(row["host"] for row in rows).items() if n > 1]
    assert not duplicates, f"hosts.csv lists these hosts more than once: {duplicates}"


def test_every_url_parses_to_a_host():
    bad = [f"{place} {url}" for place, url, host in URLS if not host]
    assert not bad, f"URLs without a recognisable host: {bad}"


def test_no_bare_ip_addresses():
    bad = []
    for place, url, host in URLS:
        try:
            ipaddress.ip_address(host)
        except ValueError:
            continue
        bad.append(f"{place} {url}")
    assert not bad, f"cite a named host, never a bare IP address: {bad}"


def test_every_host_is_reviewed():
    known = categories()
    bad = sorted({f"{host} ({place} {url})" for place, url, host in URLS if host and host not in known})
    assert not bad, ("hosts not yet reviewed: add it to data/editorial/hosts.csv with a category: "
                     + "; ".join(bad))


def test_no_refused_host_is_cited():
    known = categories()
    reasons = {row["host"]: row["reason"] for row in policy()}
    bad = [f"{place} {url} — {reasons[host]}" for place, url, host in URLS if known.get(host) == "refused"]
    assert not bad, ("these URLs are on refused hosts; cite a trustworthy copy you have read, or the printed "
                     "work without a URL: " + "; ".join(bad))


@pytest.mark.parametrize("line, expected", [
    ('"Time, 1946. http://www.Example.ORG/a,b.html ; next"', ["example.org"]),
    ("[x](https://en.wikipedia.org/wiki/Bullitt_(disambiguation)).", ["en.wikipedia.org"]),
    ("url = {https://history.state.gov./d1},", ["history.state.gov"]),
    ("<http://127.0.0.1:8000/x>", ["127.0.0.1"]),
])
def test_extraction(line, expected):
    assert [normalise(urlsplit(trim(m.group())).hostname) for m in CANDIDATE.finditer(line)] == expected
