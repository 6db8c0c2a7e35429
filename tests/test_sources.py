"""The copy-texts are kept byte for byte as received."""

import hashlib

from conftest import ESSAYS, ROOT

SHARED = ROOT.parent / "shared" / "sources"


def recorded() -> dict[str, str]:
    lines = (ROOT / "data" / "sources" / "SHA256SUMS").read_text().splitlines()
    return {name: digest for digest, name in (ln.split() for ln in lines)}


def test_copytexts_match_recorded_checksums():
    sums = recorded()
    assert sorted(sums) == sorted(ESSAYS.values())
    for name, digest in sums.items():
        assert hashlib.sha256((ROOT / "data" / "sources" / name).read_bytes()).hexdigest() == digest, name


def test_copytexts_equal_the_shared_originals_when_present():
    for name in ESSAYS.values():
        shared = SHARED / name
        if shared.exists():
            assert (ROOT / "data" / "sources" / name).read_bytes() == shared.read_bytes(), name
