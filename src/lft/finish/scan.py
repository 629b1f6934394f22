"""Checks on the built site: what actually ships, read as a browser reads it: pages with an
HTML parser, SVG pictures and XML files with an XML parser (`lft.source.xmldoc`: no DTD, no
entities,
namespaces resolved), pictures against the allow-list of `lft.source.svg`.

This is the last line of defence. Whatever the content checks, the sanitiser and the escaping
missed, a page that would run a script the site did not ship, carry an event handler or a
`javascript:` address, refresh or redirect itself, submit a form, embed a frame or object, or
load anything from another site fails the build here. Every other file must be a byte-for-byte
copy of a checked source or of the theme, or one of the few files the engine writes itself.
Nothing here knows the engine: it reads a folder of files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from lft.problems import Problem
from lft.source.svg import SVG_NS, XLINK_NS, check
from lft.source.xmldoc import Broken, Document, parse, walk

FORBIDDEN_ELEMENTS = {
    "applet",
    "base",
    "embed",
    "foreignobject",
    "frame",
    "frameset",
    "iframe",
    "object",
    "portal",
    "style",
}
"""Elements no page of this site needs; each can run, frame or restyle foreign content."""
_RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}
_URL_ATTRIBUTES = _RESOURCE_ATTRIBUTES | {"href", "xlink:href", "action", "formaction", "cite"}
_ANIMATION_VALUES = {"to", "from", "values", "by"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data|livescript):", re.IGNORECASE)
_THIRD_PARTY = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_ADDRESS_LINKS = {
    "alternate",
    "author",
    "canonical",
    "help",
    "license",
    "next",
    "prev",
    "search",
    "self",
}
"""Kinds of <link> that name an address without loading it (`self`: an Atom feed's own)."""
_JSON_TYPES = {"application/json", "application/ld+json"}
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
PAGES = {".html", ".htm"}
"""Files read as HTML pages; SVG and XML files are read as XML (`lft.source.xmldoc`), and every
other
file must be accounted for as a copy."""
XML_SUFFIXES = {".xml", ".rss", ".atom"}
RUNNABLE = {".xhtml", ".xht", ".xsl", ".xslt", ".mht", ".mhtml", ".shtml", ".svgz"}
"""Kinds of file a browser runs as a document that the site never ships."""
_XHTML_NS = "http://www.w3.org/1999/xhtml"
_XML_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data"}


@dataclass(frozen=True)
class Trust:
    """What the site ships itself: the theme's inline scripts and the files it may copy.

    `scripts` are the inline scripts the theme writes (with the values it fills in left open);
    `copies` maps a file of the output to the checked source or theme file it must equal;
    `generated` names the files the engine writes itself (the sitemap, the search index).
    """

    scripts: tuple[re.Pattern[str], ...] = ()
    copies: Mapping[str, Path] = field(default_factory=dict)
    generated: frozenset[str] = frozenset()

    def trusts_script(self, text: str) -> bool:
        return any(pattern.fullmatch(text) for pattern in self.scripts)


def _normal_url(value: str) -> str:
    """An address as a browser reads it: control characters and spaces inside do not count."""
    return _CONTROL.sub("", value)


class _PageScanner(HTMLParser):
    """Collects every finding of one HTML or SVG file, each with its line and column."""

    def __init__(self, path: str, trust: Trust) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.trust = trust
        self.problems: list[Problem] = []
        self._script: tuple[int, int, str] | None = None
        self._script_text: list[str] = []

    def _report(self, message: str, hint: str) -> None:
        line, col = self.getpos()
        self.problems.append(Problem(self.path, line, col + 1, "", message, hint, rule="output"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in FORBIDDEN_ELEMENTS:
            self._report(
                f"a <{tag}> element in the built page",
                "the site ships no frames, objects, embedded documents or style elements",
            )
        for name, value in attrs:
            self._attribute(tag, name, value or "")
        if tag == "link" and not set(values.get("rel", "").lower().split()) <= _ADDRESS_LINKS:
            self._local_resource(values.get("href", ""))
        if tag == "meta" and "http-equiv" in values:
            equiv = values["http-equiv"].strip().lower()
            if equiv != "content-security-policy":
                self._report(
                    f"a <meta http-equiv={equiv!r}> in the built page",
                    "a page may not refresh, redirect or set cookies by itself",
                )
        if tag == "form" and (
            {"action", "method", "target", "formaction"} & values.keys()
            or values.get("name") != "search"
        ):
            self._report(
                "a form that sends data somewhere",
                "the only form the site has is the search box, which sends nothing",
            )
        if tag == "script":
            line, col = self.getpos()
            source = values.get("src")
            if source is not None:
                self._script = None
                self._local_resource(source)
            else:
                self._script = (line, col, values.get("type", "").strip().lower())
            self._script_text = []

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self._report(
                f"an event-handler attribute '{name}' on <{tag}>",
                "the site runs no script from page content",
            )
        if name == "style":
            self._report(
                f"a style attribute on <{tag}>", "page content may not restyle or overlay the site"
            )
        url = _normal_url(value)
        if name in _URL_ATTRIBUTES and _BAD_SCHEME.match(url):
            self._report(
                f"a {url.split(':', 1)[0].lower()}: address in {name}= on <{tag}>",
                "links go to web pages (https:) or mail addresses (mailto:) only",
            )
        if name in _ANIMATION_VALUES and re.search(r"(?:java|vb)script:", url, re.IGNORECASE):
            self._report(
                f"an animation to a script address on <{tag}>",
                "SVG animations may not change a link into a script",
            )
        if name in _RESOURCE_ATTRIBUTES or (name == "href" and tag in {"image", "use", "feimage"}):
            self._local_resource(value)

    def _local_resource(self, value: str) -> None:
        if _THIRD_PARTY.match(_normal_url(value).strip()):
            self._report(
                f"a resource from another site: {value}",
                "the site loads nothing from third parties; copy the file into the site",
            )

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self._script is None:
            return
        line, col, kind = self._script
        text = "".join(self._script_text)
        self._script = None
        if kind in _JSON_TYPES:
            try:
                json.loads(text)
            except ValueError:
                self.problems.append(
                    Problem(
                        self.path,
                        line,
                        col + 1,
                        "",
                        "a data block that is not JSON",
                        "",
                        rule="output",
                    )
                )
            return
        if kind in _JS_TYPES and self.trust.trusts_script(text):
            return
        self.problems.append(
            Problem(
                self.path,
                line,
                col + 1,
                "",
                "a script the site did not ship itself",
                "page content never carries scripts; only the theme's own scripts are allowed",
                rule="output",
            )
        )


def scan_markup(path: str, text: str, trust: Trust) -> list[Problem]:
    """Every finding in one HTML or SVG text."""
    scanner = _PageScanner(path, trust)
    scanner.feed(text)
    scanner.close()
    return scanner.problems


def scan_picture(rel: str, data: bytes) -> list[Problem]:
    """An SVG picture of the built site against the allow-list of `lft.source.svg`."""
    _document, refused = check(data)
    return [
        Problem(rel, r.line, r.col, "", f"SVG picture: {r.message}", "", rule="output")
        for r in refused
    ]


def _xml_refusals(document: Document) -> Iterator[tuple[int, int, str]]:
    """What in an XML file (sitemap, feed) a browser would run or style: a stylesheet
    instruction (XSLT runs script), HTML or SVG elements (other than the sitemap's
    `xhtml:link`), event handlers and script addresses."""
    for piece in document.instructions:
        yield piece.line, piece.col, f"a processing instruction '<?{piece.text.strip()}?>'"
    for element in walk(document.root):
        if element.namespace == SVG_NS or (
            element.namespace == _XHTML_NS and element.name != "link"
        ):
            yield element.line, element.col, f"an HTML or SVG <{element.name}> element"
        for (namespace, name), value in element.attributes.items():
            if name.lower().startswith("on") and namespace in ("", _XHTML_NS, SVG_NS):
                yield element.line, element.col, f"an event-handler attribute '{name}'"
            elif (
                name in _XML_URL_ATTRIBUTES
                and namespace in ("", XLINK_NS)
                and _BAD_SCHEME.match(_normal_url(value).strip())
            ):
                yield element.line, element.col, f"a script address in {name}="


def scan_xml(rel: str, data: bytes) -> list[Problem]:
    """An XML file of the built site, read as XML (no DTD, no entities, namespaces resolved)."""
    document = parse(data)
    if isinstance(document, Broken):
        return [Problem(rel, document.line, document.col, "", document.message, rule="output")]
    return [
        Problem(rel, line, col, "", message, "", rule="output")
        for line, col, message in _xml_refusals(document)
    ]


def _files(site: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(site.rglob("*")):
        if path.is_symlink() or path.is_file():
            yield path.relative_to(site).as_posix(), path


def scan_site(site: Path, trust: Trust) -> list[Problem]:
    """Every finding in the built site at `site`; paths are relative to it, like `en/index.html`."""
    problems: list[Problem] = []
    for rel, path in _files(site):
        if path.is_symlink():
            problems.append(
                Problem(rel, 1, 1, "", "a symbolic link in the built site", "", rule="output")
            )
            continue
        suffix = path.suffix.lower()
        if suffix in PAGES:
            text = path.read_text(encoding="utf-8", errors="replace")
            problems += scan_markup(rel, text, trust)
        elif suffix == ".svg":
            problems += scan_picture(rel, path.read_bytes())
        elif suffix in XML_SUFFIXES:
            problems += scan_xml(rel, path.read_bytes())
        elif suffix in RUNNABLE:
            problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    "",
                    f"a {suffix} file, which a browser opens as a page that runs scripts",
                    "the site's pages are HTML files the engine writes",
                    rule="output",
                )
            )
        elif rel not in trust.generated and not _same_file(path, trust.copies.get(rel)):
            problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    "",
                    "a file that is not produced from a checked source",
                    "only pages, the theme's files and checked files from docs/ and content/ "
                    "are published",
                    rule="output",
                )
            )
    return sorted(problems)


def _same_file(built: Path, source: Path | None) -> bool:
    if source is None or not source.is_file() or source.is_symlink():
        return False
    return (
        built.stat().st_size == source.stat().st_size and built.read_bytes() == source.read_bytes()
    )
