"""The source policy's hosts (``data/editorial/hosts.csv``): what the institution or site behind an address is called.

A link printed as its bare address is named, for a screen reader, by its source (``_ext/link_names.py``).
The name is the ``name`` column of the host's row; a host the editors have not named is called by the host
itself, so a link is never named by a guess.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from edition import data, safe_text


def normalise(host: str) -> str:
    """A host as the policy lists it: lower case, without a trailing dot or a leading ``www.``."""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


@functools.cache
def names() -> dict[str, str]:
    """Host → the name of its institution or site, for every host the editors have named."""
    return {row["host"]: safe_text.check(row["name"], "text") for row in data.table("hosts") if row["name"]}


def host(url: str) -> str:
    """The policy's form of ``url``'s host ('' if it has none)."""
    try:
        return normalise(urlsplit(url).hostname or "")
    except ValueError:
        return ""


def source_name(url: str) -> str:
    """The name of the source ``url`` points to: the host's name in the policy, else the host itself."""
    h = host(url)
    return names().get(h, h)
