"""The edition's bibliographic metadata, read from ``CITATION.cff``; the works' records are in ``edition.essays``.

``CITATION.cff`` holds what describes the edition as a whole (title, version, release date, licence and,
once it has one, its public ``url``), with ``data/edition.yml`` for the two forms of its title the styles
need; the registry ``data/essays.yml`` holds the works. Everything that cites the
edition reads them here: the how-to-cite sections, the downloads, the meta tags, the footer and the PDF's
title page (``version()``). A missing or malformed value is an error naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
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
    url = str(cff.get("url") or "")
    if url and not re.match(r"https?://", url):
        raise MetadataError(f"{_name(cff_path)}: 'url' must be an absolute http(s) address or absent")
    extra = _load_yaml(extra_path)
    return Edition(
        title=_require(cff, "title", "", cff_path),
        short_title=_require(extra, "short_title", "", extra_path),
        title_sentence_case=_require(extra, "title_sentence_case", "", extra_path),
        version=version,
        released=released,
        license=_require(cff, "license", "", cff_path),
        url=url.rstrip("/") + "/" if url else "",
        authors=tuple(a.get("name") or " ".join(filter(None, (a.get("given-names"), a.get("family-names"))))
                      for a in cff.get("authors") or []),
        abstract=" ".join(str(cff.get("abstract") or "").split()),
        keywords=tuple(str(k) for k in cff.get("keywords") or []),
    )


def version() -> str:
    """The edition's version (semantic versioning), as CITATION.cff gives it: for title pages and footers."""
    return edition().version


def work(key: str) -> Work:
    """A work's record, from the registry (a missing or malformed value is an ``essays.RegistryError``)."""
    return essays.get(key)
