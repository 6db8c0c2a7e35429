"""The edition's bibliographic metadata, read from ``CITATION.cff``; the works' records are in ``edition.essays``.

``CITATION.cff`` holds what describes the edition as a whole (title, version, release date, licence and,
once it has one, its public ``url``), with ``data/edition.yml`` for the two forms of its title the styles
need; the registry ``data/essays.yml`` holds the works. Everything that cites the
edition reads them here: the how-to-cite sections, the downloads, the meta tags, the footer and the PDF's
title page (``version()``). A missing or malformed value is an error naming the file and the key.

The edition's public address is ``address()``: the deployment's (the ``EDITION_URL`` environment variable,
which the GitHub Pages workflow sets from ``actions/configure-pages``), else ``url`` in CITATION.cff, else
None. Who stands behind the edition is CITATION.cff's too: its editors are the persons among ``authors``
(a collective ``name`` alone means their names are not yet set), its publisher is
``preferred-citation.publisher``; ``credits()`` words both honestly when they are not set.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from edition import ROOT, essays
from edition.essays import Person, Work  # noqa: F401  (the works' records, re-exported for the citations)

CFF = ROOT / "CITATION.cff"
ESSAYS_YML = essays.REGISTRY
EDITION_YML = ROOT / "data" / "edition.yml"
ENV_URL = "EDITION_URL"  # set by the deployment (.github/workflows/pages.yml) to the address it publishes at
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")


class MetadataError(ValueError):
    """A metadata file lacks a value the citations need, or has one of the wrong form."""


@dataclass(frozen=True)
class Edition:
    title: str
    short_title: str
    title_sentence_case: str
    version: str
    released: dt.date
    license: str
    url: str  # public base address ending in "/", or "" while the edition has none
    authors: tuple[str, ...] = ()  # as CITATION.cff names them (a person's given and family names, or a name)
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    editors: tuple[Person, ...] = ()  # the persons among CITATION.cff's authors; empty while their names are not set
    license_url: str = ""  # CITATION.cff's license-url, for records that want the licence as an address
    publisher: str = ""  # preferred-citation.publisher.name in CITATION.cff, or "" while there is none

    @property
    def year(self) -> str:
        return str(self.released.year)

    def address(self, path: str) -> str:
        """A page's address: absolute once ``url`` is set in CITATION.cff, else relative to the edition's root."""
        return self.url + path


def _name(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def _require(data: dict, key: str, where: str, path: Path):
    value = data.get(key) if isinstance(data, dict) else None
    if value in (None, ""):
        raise MetadataError(f"{_name(path)}: {where}{key!r} is missing; add it")
    return value


def _load_yaml(path: Path) -> dict:
    if not path.exists():
        raise MetadataError(f"{_name(path)} is missing")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise MetadataError(f"{_name(path)}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise MetadataError(f"{_name(path)}: expected a mapping at the top level")
    return data


@cache
def edition(cff_path: Path = CFF, extra_path: Path = EDITION_YML) -> Edition:
    cff = _load_yaml(cff_path)
    version = str(_require(cff, "version", "", cff_path))
    if not SEMVER.fullmatch(version):
        raise MetadataError(f"{_name(cff_path)}: 'version' is {version!r}; use semantic versioning, e.g. 0.1.0")
    released = _require(cff, "date-released", "", cff_path)
    if not isinstance(released, dt.date):
        try:
            released = dt.date.fromisoformat(str(released))
        except ValueError as exc:
            raise MetadataError(f"{_name(cff_path)}: 'date-released' must be a date YYYY-MM-DD") from exc
    url = _address(os.environ.get(ENV_URL, ""), f"the environment variable {ENV_URL}") or _address(
        str(cff.get("url") or ""), f"{_name(cff_path)}: 'url'")
    authors = cff.get("authors") or []
    if not isinstance(authors, list) or not all(isinstance(a, dict) for a in authors):
        raise MetadataError(f"{_name(cff_path)}: 'authors' must be a list of persons or entities")
    cited = cff.get("preferred-citation") or {}
    publisher = (cited.get("publisher") or {}) if isinstance(cited, dict) else {}
    if not isinstance(publisher, dict):
        raise MetadataError(f"{_name(cff_path)}: 'preferred-citation.publisher' must be an entity with a 'name'")
    extra = _load_yaml(extra_path)
    return Edition(
        title=_require(cff, "title", "", cff_path),
        short_title=_require(extra, "short_title", "", extra_path),
        title_sentence_case=_require(extra, "title_sentence_case", "", extra_path),
        version=version,
        released=released,
        license=_require(cff, "license", "", cff_path),
        license_url=str(cff.get("license-url") or ""),
        url=url,
        authors=tuple(a.get("name") or _person(a) for a in authors),
        editors=tuple(Person(family=" ".join(str(a[k]) for k in ("name-particle", "family-names", "name-suffix")
                                             if a.get(k)), given=str(a.get("given-names") or ""))
                      for a in authors if a.get("family-names")),
        publisher=" ".join(str(publisher.get("name") or "").split()),
        abstract=" ".join(str(cff.get("abstract") or "").split()),
        keywords=tuple(str(k) for k in cff.get("keywords") or []),
    )


def _person(entry: dict) -> str:
    return " ".join(str(entry[k]) for k in ("given-names", "name-particle", "family-names", "name-suffix")
                    if entry.get(k))


def _address(value: str, where: str) -> str:
    """A base address normalised to end in "/", or "" for none; anything but http(s) is refused."""
    value = value.strip()
    if not value:
        return ""
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        raise MetadataError(f"{where} is {value!r}; give an absolute http(s) address such as "
                            "https://example.org/two-essays/, or leave it unset")
    return value.rstrip("/") + "/"


def address() -> str | None:
    """The edition's public base address (ending in "/"), or None while it has none.

    The deployment's address (``EDITION_URL``) wins over ``url`` in CITATION.cff, so a fork deployed
    elsewhere cites its own address. Every citation, canonical link, meta tag, sitemap, JSON-LD record and
    the PDF's "interactive version" lines take it from here (through ``edition().url``).
    """
    return edition().url or None


def credits(ed: Edition | None = None) -> tuple[str, str]:
    """Who edits and who publishes the edition, as sentences: from CITATION.cff, honest where a name is unset."""
    ed = ed or edition()
    if ed.editors:
        full = [p.full.strip() for p in ed.editors]
        names = full[0] if len(full) == 1 else ", ".join(full[:-1]) + " and " + full[-1]
        edited = f"Edited by {names}."
    else:
        edited = "The editors' names are not yet set in this version."
    published = f"Published by {ed.publisher}." if ed.publisher else "There is no publisher yet."
    return edited, published


def version() -> str:
    """The edition's version (semantic versioning), as CITATION.cff gives it: for title pages and footers."""
    return edition().version


def work(key: str) -> Work:
    """A work's record, from the registry (a missing or malformed value is an ``essays.RegistryError``)."""
    return essays.get(key)
