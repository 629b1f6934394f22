"""Raw HTML and links: what could run a script or load something from elsewhere.

Tags and attributes are recognised by the standard library's HTML parser, the way a browser
reads them (`<svg/onload=…>`, character references in attribute values, a tag left open at the
end). Markdown link syntax is not HTML and is read by small linear expressions.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from lft.check.guard.text import Finding, Text, finding
from lft.check.page_links import PREFIX as PAGE_LINK
from lft.check.quick import Quick
from lft.dangerous import (
    ELEMENTS,
    EVENT_ATTRIBUTE,
    SCHEMES,
    SITE_PREFIX,
    THEME_CLASS_PREFIXES,
    THEME_ID_PREFIX,
    URL_ATTRIBUTES,
)

_LINK_ATTRIBUTES = ("href", "src", "xlink:href", "srcset", "action")
_IMAGE_TAGS = ("img", "image", "source", "picture")
_BAD_SCHEME = re.compile(
    rf"(?i)(?<![\w-])(?:{'|'.join(s for s in SCHEMES if s != 'data')}):(?=\S)|(?<![\w-])data:\w+/"
)
"""A script address in prose; `data:` only with a type after it (`data:` alone is a word)."""
_MD_TARGET = re.compile(
    r"(?P<image>!?)\[(?:[^\][\n]|\[[^\][\n]*\])*\]\([ \t\n]*"  # one level of [nesting]
    r"(?P<target><[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
)
_MD_REFERENCE = re.compile(r"(?m)^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?P<target><[^>\n]*>|\S+)")
_AUTOLINK = re.compile(r"<(?P<target>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_VALUE_START = re.compile(r"(?<![ \t\n\r\f])[ \t\n\r\f]*=[ \t\n\r\f]*(['\"]?)")
_ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*[#.][^{}\n]*\}|\{:?[ \t]*(?:id|class)=[^{}\n]*\}")
"""A Markdown attribute list: `{#id .class}`, `{: .class }`, `{class="x"}`."""
_ATTRIBUTE_TOKEN = re.compile(
    r"(?<![^\s{:])(?:(?P<mark>[#.])|(?P<key>id|class)=)(?P<value>\"[^\"]*\"|'[^']*'|[^\s}]+)"
)
_FIND_BAD_SCHEME, _FIND_MD_TARGET, _FIND_ATTRIBUTE_TOKEN = map(
    Quick, (_BAD_SCHEME, _MD_TARGET, _ATTRIBUTE_TOKEN)
)
"""The searches that pass over text quickly (`lft.check.quick`)."""
_CHUNK = 4096
_RAW_HTML_TODO = (
    "the site publishes no scripts, frames, forms, styles, event handlers or script links; "
    "use plain Markdown"
)


@dataclass(frozen=True)
class Tag:
    """A start tag: its name, offset, and attributes as (name, value, name offset, value offset);
    `end` is the offset just after the tag (after its `>`)."""

    name: str
    offset: int
    attributes: list[tuple[str, str, int, int]]
    end: int

    def values(self) -> dict[str, str]:
        """The attributes by name; of a name given twice, the last."""
        return {name: value for name, value, *_ in self.attributes}


@dataclass(frozen=True)
class Script:
    """A script element that was closed, and its text as written."""

    tag: Tag
    text: str


class _Parser(HTMLParser):
    """Start tags with positions, the scripts, and the text a reader sees (same offsets, the
    rest blanked)."""

    def __init__(self, text: str, skip: frozenset[str], *, visible: bool) -> None:
        self.fed = 0
        """How much of the text was fed so far."""
        self.base = 0
        """The offset in the text of the first character the parser holds (`rawdata`)."""
        self.at = 0
        """The offset in the text of what the parser reads now."""
        super().__init__(convert_charrefs=False)
        self.source = text
        self.tags: list[Tag] = []
        self.visible = visible
        self.kept: list[tuple[int, str]] = []
        """(offset, source text) of each piece a reader sees, in the order they come."""
        self.skip = skip
        self.skipping: list[str] = []
        self.scripts: list[Script] = []
        self._script: tuple[Tag, list[str]] | None = None

    def feed(self, data: str) -> None:
        self.base = self.fed - len(self.rawdata)  # what is left of the last piece, then `data`
        self.fed += len(data)
        super().feed(data)

    def close(self) -> None:
        self.base = self.fed - len(self.rawdata)
        super().close()

    def updatepos(self, i: int, j: int) -> int:
        """The parser moves from `i` to `j` in what it holds: kept as an offset in the text,
        instead of the line and column the standard library counts for `getpos`."""
        self.at = self.base + j
        return j

    def here(self) -> int:
        return self.at

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.here()
        raw = self.get_starttag_text() or ""
        lower = raw.lower()
        position = 1 + len(tag)
        found: list[tuple[str, str, int, int]] = []
        for name, value in attrs:
            at = lower.find(name, position)
            at = position if at == -1 else at
            value_at = at + len(name)
            match = _VALUE_START.match(raw, value_at)
            if match:
                value_at = match.end()
                quote = match[1]
                end = raw.find(quote, value_at) if quote else value_at + len(value or "")
                position = max(value_at, end if end != -1 else len(raw))
            else:
                position = value_at
            found.append((name, value or "", start + at, start + value_at))
        self.tags.append(Tag(tag, start, found, start + len(raw)))
        if tag == "script":
            self._script = (self.tags[-1], [])
        if tag in self.skip and not raw.endswith("/>"):
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        if tag == "script" and self._script is not None:
            self.scripts.append(Script(self._script[0], "".join(self._script[1])))
            self._script = None

    def _keep(self, raw: str) -> None:
        if self.skipping or not self.visible:
            return
        self.kept.append((self.here(), raw))

    def readable(self) -> str:
        """The text readers see at its offsets in the source; the rest blanked to spaces, line
        ends kept. A later piece overwrites an earlier one where they overlap (`&amp` without
        its `;` is kept as `&amp;`, one longer than its source)."""
        blank = "\n".join(" " * len(line) for line in self.source.split("\n"))
        pieces: list[str] = []
        at = 0  # the length of what `pieces` hold
        for start, raw in self.kept:
            while at > start:  # overlap: cut what the later piece overwrites
                cut = min(at - start, len(pieces[-1]))
                pieces[-1] = pieces[-1][: len(pieces[-1]) - cut]
                at -= cut
                if not pieces[-1]:
                    pieces.pop()
            pieces += [blank[at:start], raw]
            at = start + len(raw)
        pieces.append(blank[at:])
        return "".join(pieces)[: len(self.source)]

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
        self._keep(data)

    def handle_entityref(self, name: str) -> None:
        self._keep(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._keep(f"&#{name};")


def parse(text: str, *, visible: bool = False) -> _Parser:
    """Parse `text` as HTML; a tag left open at the end is closed, as a browser would. With
    `visible`, the parser also keeps the text readers see (scripts and styles left out)."""
    skip = frozenset({"script", "style"}) if visible else frozenset()
    parser = _Parser(text, skip, visible=visible)
    for start in range(0, len(text), _CHUNK):  # in pieces: the parser copies what is left
        parser.feed(text[start : start + _CHUNK])
    if parser.rawdata.startswith("<"):
        parser.feed(">")
    parser.close()
    return parser


@lru_cache(maxsize=8)
def tags(text: str) -> tuple[Tag, ...]:
    """The start tags of `text` (one parse serves the HTML rules and the link rules); a text
    without a `<` has none (most YAML files)."""
    return tuple(parse(text).tags) if "<" in text else ()


def visible_text(text: str) -> str:
    """The text of an HTML document as readers see it (no tags, scripts or styles), with every
    character at its offset in `text`; character references are kept for normalising. (SVG is
    XML: `lft.source.xmldoc.readable`.)"""
    return parse(text, visible=True).readable()


def bad_scheme(target: str) -> str:
    """'javascript:', 'data:' or another of `lft.dangerous.SCHEMES` when the address runs code;
    else ''."""
    clean = re.sub(r"[\x00-\x20]", "", html.unescape(target)).lower().lstrip("<")
    return next((f"{s}:" for s in SCHEMES if clean.startswith(f"{s}:")), "")


def _reserved(kind: str, value: str) -> bool:
    if kind == "id":
        return value.startswith((THEME_ID_PREFIX, SITE_PREFIX))
    return value.lower().startswith((*THEME_CLASS_PREFIXES, SITE_PREFIX))


def reserved_names(text: str) -> Iterator[tuple[int, str]]:
    """(offset, what) for every id or class that the theme or the site's own interface uses,
    set by a Markdown attribute list (`{#__config}`, `{: .lft-notice }`) or an HTML attribute."""
    for match in _ATTRIBUTE_LIST.finditer(text):
        for token in _FIND_ATTRIBUTE_TOKEN.finditer(match[0]):
            kind = "id" if token["mark"] == "#" or token["key"] == "id" else "class"
            for value in token["value"].strip("'\"").split():
                if _reserved(kind, value):
                    yield match.start() + token.start(), f"the {kind} '{value}'"
    for tag in tags(text):
        for name, value, _name_at, value_at in tag.attributes:
            for item in value.split() if name in ("id", "class") else ():
                if _reserved(name, item):
                    yield value_at, f"the {name} '{item}'"


def dangerous(text: str) -> Iterator[tuple[int, str]]:
    """(offset, what) for every dangerous element, event attribute and script address."""
    for tag in tags(text):
        if tag.name in ELEMENTS:
            yield tag.offset, f"a <{tag.name}> element"
        for name, value, name_at, value_at in tag.attributes:
            if EVENT_ATTRIBUTE.fullmatch(name):
                yield name_at, f"the event attribute '{name}='"
            elif name in URL_ATTRIBUTES:
                scheme = bad_scheme(value)
                if scheme:
                    skip = len(text[value_at:]) - len(text[value_at:].lstrip(" \t\n"))
                    yield value_at + skip, f"a '{scheme}' address in '{name}='"


def raw_html(doc: Text, text: str) -> list[Finding]:
    """Dangerous HTML in prose (code already blanked) or YAML text, and names reserved for the
    theme and the site's interface."""
    found: dict[int, Finding] = {}

    def add(offset: int, what: str) -> None:
        found.setdefault(
            offset, finding(doc, offset, "raw-html", f"dangerous HTML: {what}", _RAW_HTML_TODO)
        )

    for offset, what in dangerous(text):
        add(offset, what)
    for target, offset, _image in targets(text):
        scheme = bad_scheme(target)
        if scheme:
            add(offset, f"a '{scheme}' link")
    for match in _FIND_BAD_SCHEME.finditer(text):
        add(match.start(), f"a '{match[0].split(':')[0].lower()}:' address")
    for offset, what in reserved_names(text):
        found.setdefault(
            offset,
            finding(
                doc,
                offset,
                "raw-html",
                f"{what} is reserved for the theme and the site's own interface",
                "ids starting with __ or lft- and classes starting with md- or lft- are the "
                "theme's and the site's (a page could replace their settings or fake their "
                "dialogs); choose another name",
            ),
        )
    return list(found.values())


def targets(text: str) -> Iterator[tuple[str, int, bool]]:
    """Link and image targets in Markdown and HTML: (target, offset, is image)."""
    for match in _FIND_MD_TARGET.finditer(text):
        target = match["target"]
        offset = match.start("target")
        if target.startswith("<"):
            target, offset = target[1:-1], offset + 1
        if target:
            yield target, offset, bool(match["image"])
    for match in _MD_REFERENCE.finditer(text):
        target = match["target"]
        offset = match.start("target")
        if target.startswith("<"):
            target, offset = target[1:-1], offset + 1
        yield target, offset, False
    for match in _AUTOLINK.finditer(text):
        yield match["target"], match.start("target"), False
    for tag in tags(text):
        for name, value, _name_at, value_at in tag.attributes:
            if name in _LINK_ATTRIBUTES and value.strip():
                yield value.strip(), value_at, tag.name in _IMAGE_TAGS


def links(doc: Text, text: str, root: Path) -> list[Finding]:
    """Links and images in Markdown: other sites' images, odd schemes, relative addresses."""
    found: list[Finding] = []
    in_docs = doc.rel.startswith("docs/")
    for target, offset, image in targets(text):
        if bad_scheme(target):
            continue  # raw-html reports it
        clean = html.unescape(target).strip()
        what = "image" if image else "link"
        scheme = _SCHEME.match(clean)
        external = clean.lower().startswith(("http://", "https://"))
        if image and (external or clean.startswith("//")):
            found.append(
                finding(
                    doc,
                    offset,
                    "link",
                    f"image from another site: '{clean}'",
                    "store the image with the page; the site makes no requests to other sites",
                )
            )
        elif external or clean.lower().startswith("mailto:") or clean.startswith("#"):
            continue
        elif (
            target.startswith(PAGE_LINK)
            and text[max(offset - 2, 0) : offset] == "]("
            and doc.rel.startswith("content/")
            and doc.rel.endswith(".md")
        ):
            continue  # an item's link to a page of docs/: lft.check.page_links checks it
        elif (scheme and len(scheme[1]) > 1) or clean.startswith("//"):
            found.append(
                finding(
                    doc,
                    offset,
                    "link",
                    f"{what} with an unsupported address '{clean}'",
                    "use an https:// address, a mailto: address or a #anchor",
                )
            )
        elif image and doc.rel.startswith("content/") and "/" not in clean and not scheme:
            found += _item_picture(doc, text, offset, clean, root)
        elif not in_docs:
            found.append(
                finding(
                    doc,
                    offset,
                    "link",
                    f"relative {what} '{clean}'",
                    "link to other site pages by their full address, or ask the editors; a page "
                    "of docs/ as [text](docs:page.md)",
                )
            )
        else:
            found += _docs_target(doc, offset, clean, image, root)
    return found


MAX_PICTURE = 1_000_000
"""The largest picture an item folder may hold, in bytes (a photo 1600 pixels wide fits)."""


def _item_picture(doc: Text, text: str, offset: int, name: str, root: Path) -> list[Finding]:
    """A picture of the item's own folder, shown by its file name: it must exist, fit and have
    alt text."""
    folder = posixpath.dirname(doc.rel)
    path = root / folder / unquote(name)
    opening = text.rfind("![", 0, offset)
    alt = text[opening + 2 : text.rfind("](", 0, offset)] if opening != -1 else "x"
    if not path.is_file():
        message, todo = (
            f"image '{name}' does not exist",
            f"add the file {folder}/{name}, or fix the name",
        )
    elif path.stat().st_size > MAX_PICTURE:
        message = f"image '{name}' is larger than 1 MB ({path.stat().st_size:,} bytes)"
        todo = "save it smaller: 1600 pixels wide is enough for the site"
    elif not alt.strip():
        message = f"image '{name}' has no alt text"
        todo = (
            "say what the picture shows between the brackets, like ![Kaart van de regio](kaart.png)"
        )
    else:
        return []
    return [finding(doc, offset, "link", message, todo)]


def _docs_target(doc: Text, offset: int, target: str, image: bool, root: Path) -> list[Finding]:
    path = unquote(re.split(r"[#?]", target, maxsplit=1)[0])
    if not path:
        return []
    folder = posixpath.dirname(doc.rel[len("docs/") :])
    if path.startswith("/") or _SCHEME.match(path):
        resolved = None  # a site-absolute path or a drive letter: leaves docs/
    else:
        resolved = posixpath.normpath(posixpath.join(folder, path))
    if resolved is None or resolved == ".." or resolved.startswith("../"):
        return [
            finding(
                doc,
                offset,
                "link",
                f"{'image' if image else 'link'} '{target}' points outside docs/",
                "link to pages and files inside docs/ with a relative path, or use a full "
                "https:// address",
            )
        ]
    if image and not (root / "docs" / resolved).is_file():
        return [
            finding(
                doc,
                offset,
                "link",
                f"image '{target}' does not exist",
                f"add the file docs/{resolved} or fix the path",
            )
        ]
    return []
