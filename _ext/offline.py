"""The ``offline-copy`` directive: the whole HTML edition as one zip, written into the site and linked where
the directive stands (the landing page), for a reader or a school platform without the network.

    :::{offline-copy}
    :::

At the end of an HTML build that met the directive, every file of the output goes into
``_downloads/edition-<version>-offline.zip`` under one folder, ``edition-<version>/``: the pages, scripts,
charts, search index, citation styles and the PDF and EPUB when they were built. Left out are the files that
only a web server uses (``404.html``, ``robots.txt``, ``sitemap.xml``, ``.buildinfo``). The pages link to one
another relatively and load nothing from the network, so the unzipped folder works from ``file://``. The
copy's own landing page says it is the offline copy instead of linking the zip it is in. Entries are
sorted and dated by the release date, so two builds of one state write the same bytes.

Each file is deflated once: its compressed bytes are kept (``offline-zip.pickle`` beside the doctrees) under a
hash of its bytes, so a rebuild compresses only the files that changed. The archive is written
here (``_archive``: the ZIP format's local headers, central directory and end record) because Python's
``zipfile`` cannot take bytes that are already compressed.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import struct
import zlib
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from edition import metadata

# Used only by a web server: the missing-page answer, crawler rules and the sitemap (absolute addresses).
SERVER_ONLY = {"404.html", "robots.txt", "sitemap.xml", ".buildinfo"}


class offline_copy(nodes.General, nodes.Element):
    """Where the landing page offers the offline copy."""


class OfflineCopyDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        # Recorded in the environment, so an incremental build that does not rewrite the page still renews the zip.
        if not hasattr(self.env, "edition_offline_docs"):
            self.env.edition_offline_docs = set()
        self.env.edition_offline_docs.add(self.env.docname)
        node = offline_copy()
        self.set_source_info(node)
        return [node]


def purge(app: Sphinx, env, docname: str) -> None:
    getattr(env, "edition_offline_docs", set()).discard(docname)


def merge(app: Sphinx, env, docnames, other) -> None:
    env.edition_offline_docs = getattr(env, "edition_offline_docs", set()) | getattr(other, "edition_offline_docs", set())


def names(version: str) -> tuple[str, str]:
    """The zip's path in the site and the folder it unpacks to."""
    return f"_downloads/edition-{version}-offline.zip", f"edition-{version}"


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def online_paragraph(href: str, size: str) -> str:
    return (f'<p class="offline-copy">For reading without the network: <a class="reference download" '
            f'href="{href}" download>the whole edition as one ZIP file</a> ({size}). Unzip it and open '
            "<code>index.html</code> in a browser; it works from a school platform or a USB stick too.</p>\n")


def offline_paragraph(version: str) -> str:
    return (f'<p class="offline-copy">This is the offline copy of version {version} of the edition, read from '
            "the files on this computer. Everything works as online: the texts, notes, charts, search and "
            "citations.</p>\n")


OWN_ZIPS = re.compile(r"_downloads/edition-[^/]*-offline\.zip(\.part)?")  # this copy, or an older version's
PLACEHOLDER = "size measured when the file is written"
PARAGRAPH = re.compile(r'<p class="offline-copy">.*?</p>\n', re.S)


def visit_html(self, node: offline_copy) -> None:
    here = self.builder.get_target_uri(self.builder.current_docname)
    path, _ = names(metadata.version())
    self.body.append(online_paragraph(relative_uri(here, path), PLACEHOLDER))
    raise nodes.SkipNode


def skip(self, node: offline_copy) -> None:
    raise nodes.SkipNode


CACHE = "offline-zip.pickle"
LEVEL = 6
# What a kept member was made with besides its bytes: a change to any of these empties the cache.
MADE_WITH = (1, LEVEL, zlib.ZLIB_RUNTIME_VERSION, PARAGRAPH.pattern)
UTF8_NAMES = 0x800  # general-purpose flag: the entry's name is UTF-8


def _member(name: str, data: bytes) -> tuple[bytes, int, int, bytes]:
    """One entry: its name, CRC-32, size and raw DEFLATE bytes."""
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return name.encode("utf-8"), zlib.crc32(data), len(data), packer.compress(data) + packer.flush()


def _archive(path: Path, members: list[tuple[bytes, int, int, bytes]], date: tuple[int, int, int]) -> None:
    """Write ``members`` as a ZIP file (DEFLATE, Unix permissions 644), every entry dated ``date`` at midnight."""
    year, month, day = date
    time, dos_date = 0, (year - 1980) << 9 | month << 5 | day
    central, offset = [], 0
    with path.open("wb") as out:
        for name, crc, size, deflated in members:
            flags = 0 if name.isascii() else UTF8_NAMES
            fields = (20, flags, 8, time, dos_date, crc, len(deflated), size, len(name))
            out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + name + deflated)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 3 << 8 | 20, *fields, 0, 0, 0, 0,
                                       0o644 << 16, offset) + name)
            offset += 30 + len(name) + len(deflated)
        directory = b"".join(central)
        out.write(directory)
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), offset, 0))


def write_zip(app: Sphinx, exception) -> None:
    docs = getattr(app.env, "edition_offline_docs", set())
    if exception is not None or app.builder.name != "html" or not docs:
        return
    ed = metadata.edition()
    out = Path(app.outdir)
    path, folder = names(ed.version)
    target = out / path
    target.parent.mkdir(parents=True, exist_ok=True)
    pages = {app.builder.get_target_uri(doc) for doc in docs}
    offline = offline_paragraph(ed.version)
    cache_file = Path(app.doctreedir) / CACHE
    try:
        made_with, kept = pickle.loads(cache_file.read_bytes())
        if made_with != MADE_WITH:
            kept = {}
    except Exception:  # a cache that is missing, damaged or of another shape is only a slower build
        kept = {}
    cache, members = {}, []
    for file in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = file.relative_to(out).as_posix()
        if rel in SERVER_ONLY or OWN_ZIPS.fullmatch(rel):
            continue
        data = file.read_bytes()
        key = (f"{folder}/{rel}", hashlib.blake2b(data, digest_size=16).digest(), offline if rel in pages else "")
        member = kept.get(key)
        if member is None:
            if rel in pages:
                data = PARAGRAPH.sub(lambda _: offline, data.decode("utf-8")).encode("utf-8")
            member = _member(key[0], data)
        cache[key] = member
        members.append(member)
    partial = target.with_name(target.name + ".part")
    _archive(partial, members, (ed.released.year, ed.released.month, ed.released.day))
    partial.replace(target)
    cache_file.write_bytes(pickle.dumps((MADE_WITH, cache), protocol=pickle.HIGHEST_PROTOCOL))
    size = _size(target.stat().st_size)
    for page in sorted(pages):
        page_file = out / page
        html = PARAGRAPH.sub(lambda _: online_paragraph(relative_uri(page, path), size),
                             page_file.read_text(encoding="utf-8"))
        page_file.write_text(html, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.add_node(offline_copy, html=(visit_html, None), epub=(skip, None), latex=(skip, None), text=(skip, None))
    app.add_directive("offline-copy", OfflineCopyDirective)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    # Last of the build-finished handlers: the downloads, citation files and search index are written first.
    app.connect("build-finished", write_zip, priority=950)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
