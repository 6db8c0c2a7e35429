"""Text from data is text: the one place that checks a data field and writes it for every output.

Every string field of ``data/datapackage.json`` is one of these kinds (the field's ``markup`` property; a
field without one is ``text``):

- ``text``: plain text. Every character prints as itself: ``<b>``, ``*``, ``\\input`` and ``&amp;`` are
  shown, never obeyed.
- ``inline``: plain text plus emphasis (``*x*``), strong emphasis (``**x**``), links ``[words](https://...)``
  and autolinks ``<https://...>``, parsed by markdown-it-py (CommonMark). Nothing else: no raw HTML, image,
  code span, MyST role or directive, heading, list or footnote.
- ``copytext``: an exact quotation of a copy-text (a locator or anchor); it may run across a line break.

In every kind, a field is refused (``problems`` says why and how to fix it) if it holds a control character
(NUL, a line break where the kind allows none), a byte-order mark, a right-to-left or other bidirectional
override, an HTML tag, a MyST role or directive, or more than ``MAX_LENGTH`` characters. URLs are accepted
only as http(s) with a host, checked with ``urllib.parse`` (``url_problems``).

Writers never paste a field into output themselves. They call one of:

- ``myst(value, kind)``: MyST Markdown for the generated chapters; Sphinx's writers then escape the text
  nodes for HTML, EPUB's XHTML and LaTeX;
- ``html(value)`` / ``xml(value)``: text for HTML or XML written directly (a TEI exporter calls
  ``xml(value)`` for element content and attribute values, after ``problems`` has passed);
- ``latex(value)``: text for LaTeX written directly (an index entry, a title page).

``check(value, kind)`` raises ``UnsafeText`` with the reasons; ``problems`` returns them as a list.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

KINDS = ("text", "inline", "copytext")
MAX_LENGTH = 5000  # the longest field today is 1,463 characters; a longer text belongs in a chapter
SCHEMES = ("http", "https")

# Bidirectional embeddings, overrides and isolates reorder what a reader sees ("Trojan source").
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>|<!--|<!\[CDATA\[|<![A-Za-z]|<\?")
# A MyST role ({name}`...`), a directive fence (```{name} / :::{name}) or a block target / comment line.
_ROLE = re.compile(r"\{[A-Za-z][\w.:+-]*\}`")
_DIRECTIVE = re.compile(r"(?:^|\n)[ \t]*(?:`{3,}|~{3,}|:{3,})[ \t]*\{", re.M)
_PARSER = MarkdownIt("commonmark", {"html": True})
# Every link becomes a link token, so that ``url_problems`` (not markdown-it's own filter) judges its address.
_PARSER.validateLink = lambda url: True
_INLINE_TOKENS = {"text", "softbreak", "em_open", "em_close", "strong_open", "strong_close", "link_open",
                  "link_close"}
# Characters that start Markdown or MyST syntax anywhere in a line (escaped with a backslash, which
# CommonMark allows before any ASCII punctuation).
_SPECIAL = re.compile(r"([\\`*_\[\]<>{}$&|~])")


class UnsafeText(ValueError):
    """A data field that may not be printed as it stands; ``reasons`` lists why."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("; ".join(reasons))


def _char_problems(value: str, kind: str) -> list[str]:
    out = []
    seen: set[str] = set()
    for ch in value:
        if ch in seen:
            continue
        cat = unicodedata.category(ch)
        name = unicodedata.name(ch, f"U+{ord(ch):04X}")
        if ch == "\n" and kind == "copytext":
            continue
        if ch == "\ufeff":
            out.append("holds a byte-order mark (U+FEFF); save the file as UTF-8 without BOM and delete the character")
        elif ch in _BIDI:
            out.append(f"holds the bidirectional control {name} (U+{ord(ch):04X}), which reorders what readers see; "
                       "delete it (right-to-left words display correctly without it)")
        elif ch in "\n\r\u2028\u2029":
            out.append("holds a line break; write the field on one line (a line break would end the paragraph "
                       "it is printed in)")
        elif cat in ("Cc", "Cs", "Co", "Cn") and ch != "\t":
            out.append(f"holds the control or unassigned character U+{ord(ch):04X}; delete it")
        seen.add(ch)
    return out


def url_problems(url: str) -> list[str]:
    """Why ``url`` is not an absolute http(s) address with a host (empty if it is)."""
    if url != url.strip() or any(c.isspace() or c in "<>\"'`\\" or ord(c) < 32 for c in url):
        return [f"{url!r} holds spaces, quotes, backslashes or angle brackets; write the address percent-encoded"]
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError on a malformed port
    except ValueError as exc:
        return [f"{url!r} is not a URL ({exc})"]
    if parts.scheme.lower() not in SCHEMES:
        return [f"{url!r} is not an http(s) address (scheme {parts.scheme or 'missing'!r}); "
                "give the page's full https:// address"]
    if not parts.hostname:
        return [f"{url!r} has no host; give the page's full https:// address"]
    return []


def _inline_problems(value: str) -> list[str]:
    out = []
    for token in _PARSER.parseInline(value):
        for child in token.children or []:
            if child.type == "html_inline":
                continue  # reported as a tag
            if child.type not in _INLINE_TOKENS:
                what = {"code_inline": "a code span (backticks)", "image": "an image", "hardbreak": "a hard line break"}
                out.append(f"uses {what.get(child.type, child.type)}, which this field does not allow; it allows "
                           "only *emphasis*, **strong**, [links](https://...) and <https://...>")
            elif child.type == "link_open":
                out += url_problems(str(child.attrs.get("href", "")))
    return out


def problems(value: str, kind: str = "text") -> list[str]:
    """Why ``value`` may not be printed as a field of kind ``kind`` (empty if it may)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of field {kind!r}; expected one of {KINDS}")
    out = []
    if len(value) > MAX_LENGTH:
        out.append(f"is {len(value):,} characters long, more than {MAX_LENGTH:,}; shorten it "
                   "(a longer text belongs in a chapter)")
    out += _char_problems(value, kind)
    if _TAG.search(value):
        out.append(f"holds an HTML/XML tag ({_TAG.search(value)[0][:40]!r}); data text is printed as text: "
                   "write the words without tags (emphasis, where the field allows it, is *words*)")
    if _ROLE.search(value) or _DIRECTIVE.search(value):
        out.append("holds a MyST role or directive (such as {ref}`...` or ```{include}); data text cannot run "
                   "MyST: write plain words, and ask the editors for a chapter change if a directive is needed")
    if kind == "inline" and not out:
        out += _inline_problems(value)
    return list(dict.fromkeys(out))


def check(value: str, kind: str = "text") -> str:
    """``value``, if it may be printed as a field of kind ``kind``; else raise ``UnsafeText``."""
    reasons = problems(value, kind)
    if reasons:
        raise UnsafeText(reasons)
    return value


def _escape(text: str) -> str:
    text = " ".join(text.split("\n"))
    text = _SPECIAL.sub(r"\\\1", text)
    # At the start of a block, punctuation or "1." could open a heading, list, quote, fence or target.
    text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    if re.match(r"\(.*\)=", text):
        return "\\" + text
    return re.sub(r"^([#>+=:%-])", r"\\\1", text)


def _inline_myst(value: str) -> str:
    """The inline subset re-written from markdown-it's tokens: text escaped, only the allowed marks kept."""
    out, autolink = [], False
    for token in _PARSER.parseInline(value):
        for child in token.children or []:
            kind = child.type
            if autolink and kind != "link_close":
                continue  # an autolink's text is its address, written with it
            if kind == "text":
                out.append(_escape(child.content) if not out else _SPECIAL.sub(r"\\\1", child.content))
            elif kind == "softbreak":
                out.append(" ")
            elif kind in ("em_open", "em_close"):
                out.append("*")
            elif kind in ("strong_open", "strong_close"):
                out.append("**")
            elif kind == "link_open":
                href = str(child.attrs.get("href", ""))
                if url_problems(href):
                    raise UnsafeText(url_problems(href))
                autolink = child.markup == "autolink"
                out.append(f"<{href}>" if autolink else "[")
                links = [href]
            elif kind == "link_close":
                out.append("" if autolink else f"]({links[-1]})")
                autolink = False
            else:
                raise UnsafeText([f"{kind} is outside the inline subset"])
    return "".join(out)


BARE_URL = re.compile(r"https?://[^\s<>\"'`]+?(?=[.,;:)\]]*(?:\s|$))")


def myst(value: str, kind: str = "text", link_urls: bool = False) -> str:
    """``value`` as MyST that prints exactly its words (and, for ``inline``, its allowed marks).

    Raises ``UnsafeText`` if ``problems`` finds any: the generators never write a field the validation
    would refuse. ``link_urls`` makes bare http(s) addresses in a text field links.
    """
    check(value, kind)
    value = value.strip()
    if kind == "inline":
        return _inline_myst(value)
    if not link_urls:
        return _escape(value)
    out, pos = [], 0
    for m in BARE_URL.finditer(value):
        if url_problems(m[0]):
            continue
        out += [_escape(value[pos:m.start()]), f"<{m[0]}>"]
        pos = m.end()
    return "".join(out) + _escape(value[pos:])


def html(value: str) -> str:
    """``value`` as HTML text or a quoted attribute value."""
    return _html.escape(value, quote=True)


def xml(value: str) -> str:
    """``value`` as XML (TEI, XHTML) element content or a quoted attribute value; refuses what XML cannot hold."""
    bad = [c for c in value if (ord(c) < 32 and c not in "\t\n\r") or c in "\ufffe\uffff" or 0xD800 <= ord(c) <= 0xDFFF]
    if bad:
        raise UnsafeText([f"holds U+{ord(bad[0]):04X}, which XML 1.0 cannot hold; delete it"])
    return _html.escape(value, quote=True)


_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#", "%": r"\%",
          "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}", "<": r"\textless{}",
          ">": r"\textgreater{}", "|": r"\textbar{}", "\n": " "}


def latex(value: str) -> str:
    """``value`` as LaTeX text: every special character printed, none obeyed."""
    return "".join(_LATEX.get(c, c) for c in value)
