"""The copy-texts are kept byte for byte as received."""

import hashlib

from edition import ROOT, essays

SOURCES = ROOT / "data" / "sources"
SHARED = ROOT.parent / "shared" / "sources"


def recorded() -> dict[str, str]:
    lines = (SOURCES / "SHA256SUMS").read_text().splitlines()
    return {name: digest for digest, name in (ln.split() for ln in lines)}


def test_copytexts_match_recorded_checksums():
    sums = recorded()
    assert sorted(sums) == sorted(w.copytext.name for w in essays.works())
    assert all(w.copytext.parent == SOURCES for w in essays.works())
    for name, digest in sums.items():
        assert hashlib.sha256((SOURCES / name).read_bytes()).hexdigest() == digest, name


def test_copytexts_equal_the_shared_originals_when_present():
    for work in essays.works():
        shared = SHARED / work.copytext.name
        if shared.exists():
            assert work.copytext.read_bytes() == shared.read_bytes(), work.key
