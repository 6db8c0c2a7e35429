"""The "Cite in another style" catalogue in the built site: every independent style and every locale of the
packages is there, compressed (raw DEFLATE in base64, unpacked in the browser by DecompressionStream), and
unpacks to exactly the package's XML less comments and inter-element whitespace."""

from __future__ import annotations

import base64
import json
import re
import zlib

import pytest
from conftest import HTML

from edition import csl_catalogue

CSL = HTML / "_static" / "csl"
SCRIPT = re.compile(r'EditionCSL\.(styles|locales)\[("[^"]+")\]=\{deflateRaw:("[A-Za-z0-9+/=]*")\};\n$')


def _unpack(path) -> tuple[str, str, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith(csl_catalogue.PRELUDE), path
    m = SCRIPT.fullmatch(text[len(csl_catalogue.PRELUDE):])
    assert m, f"{path.name} is not a packed style script"
    return m.group(1), json.loads(m.group(2)), zlib.decompress(base64.b64decode(json.loads(m.group(3))), -15).decode()


def test_deflate_raw_round_trips():
    xml = '<style xmlns="http://purl.org/net/xbiblio/csl"><info><title>Ünïcode “x”</title></info></style>'
    assert zlib.decompress(base64.b64decode(csl_catalogue.deflate_raw(xml)), -15).decode() == xml


def test_every_style_and_locale_is_shipped_and_unpacks_to_the_packages_xml():
    if not CSL.exists():
        pytest.fail(f"{CSL} is missing: run `make html`")
    independent, _ = csl_catalogue.catalogue()
    shipped = {p.stem: p for p in (CSL / "styles").glob("*.js")}
    assert set(shipped) == {s.id for s in independent} and len(shipped) == 2851
    for style in independent:
        registry, key, xml = _unpack(shipped[style.id])
        assert (registry, key) == ("styles", style.id)
        assert xml == csl_catalogue.compact((csl_catalogue.styles_dir() / f"{style.id}.csl").read_text(encoding="utf-8"))
    locales = sorted(csl_catalogue.locales_dir().glob("locales-*.xml"))
    assert len(list((CSL / "locales").glob("*.js"))) == len(locales)
    for path in locales:
        lang = path.stem[len("locales-"):]
        assert _unpack(CSL / "locales" / f"{lang}.js") == ("locales", lang, csl_catalogue.compact(path.read_text(encoding="utf-8")))
    text = (CSL / "index.js").read_text(encoding="utf-8")[len(csl_catalogue.PRELUDE):]
    packed = re.fullmatch(r'EditionCSL\.index=\{deflateRaw:("[A-Za-z0-9+/=]*")\};\n', text)
    index = json.loads(zlib.decompress(base64.b64decode(json.loads(packed.group(1))), -15))
    assert [s[0] for s in index["styles"]] == [s.id for s in independent] and len(index["dependents"]) == 7993
    assert (CSL / "LICENCES.txt").read_text(encoding="utf-8").strip() == csl_catalogue.LICENCES


def test_a_catalogue_written_from_the_same_inputs_is_not_written_again(tmp_path, monkeypatch):
    independent, dependents = csl_catalogue.catalogue()
    monkeypatch.setattr(csl_catalogue, "catalogue", lambda: (independent[:3], dependents[:3]))  # a small one
    stamp = tmp_path / "doctrees" / "csl-catalogue.key"
    assert csl_catalogue.write(tmp_path, stamp) is not None
    style = tmp_path / "csl" / "styles" / f"{independent[0].id}.js"
    before = style.stat().st_mtime_ns
    assert csl_catalogue.write(tmp_path, stamp) is None and style.stat().st_mtime_ns == before
    stamp.write_text("other inputs", encoding="utf-8")
    assert csl_catalogue.write(tmp_path, stamp) is not None and stamp.read_text() == csl_catalogue.inputs_key()
    assert csl_catalogue.write(tmp_path) is not None  # without a stamp: always written
