"""SVG pictures through an allow-list: what a picture may hold, and the picture written clean.

A picture on the site's own address is a document a browser may open by itself, with scripts.
So an SVG is read as XML (`lft.source.xmldoc`: no DTD, no entities, namespaces resolved) and may
hold
only elements and attributes of the SVG namespace that draw: shapes, paths, text, groups,
gradients, masks, markers, `title` and `desc`, links that the site's link rules allow, and
references (`href`, `url()`) to a fragment of the same file. Everything else (script,
foreignObject, animation, event handlers, style, images, filters, another namespace, a
processing instruction) is refused with its place. The build writes every picture again from
the parsed tree (`clean`), so comments, declarations and anything a parser would read
differently never ship.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from lft.problems import line_starts
from lft.source.xmldoc import XML_NS, Broken, Document, Element, Piece, parse, walk

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "title", "desc",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath", "a",
        "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker",
    }
)  # fmt: skip
"""The SVG elements a picture may hold."""
ATTRIBUTES = frozenset(
    {
        # structure and accessibility
        "id", "class", "lang", "role", "tabindex", "focusable", "version", "baseProfile",
        "viewBox", "preserveAspectRatio", "width", "height", "x", "y", "transform",
        # geometry
        "d", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "points",
        "pathLength", "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset",
        "method", "spacing", "side",
        # paint and text presentation
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
        "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
        "stroke-opacity", "opacity", "color", "display", "visibility", "overflow",
        "clip-path", "clip-rule", "mask", "marker-start", "marker-mid", "marker-end",
        "vector-effect", "shape-rendering", "text-rendering", "paint-order",
        "color-interpolation", "font-family", "font-size", "font-weight", "font-style",
        "font-variant", "font-stretch", "text-anchor", "dominant-baseline",
        "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing",
        "text-decoration", "writing-mode", "direction", "unicode-bidi",
        # gradients, patterns, clips, masks, markers
        "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform",
        "spreadMethod", "clipPathUnits", "maskUnits", "maskContentUnits", "patternUnits",
        "patternContentUnits", "patternTransform", "markerWidth", "markerHeight", "markerUnits",
        "refX", "refY", "orient",
    }
)  # fmt: skip
"""Attributes without a namespace that any allowed element may carry (ARIA's too)."""
_ARIA = re.compile(r"aria-[a-z]{1,20}")
_FUNCTION = re.compile(r"(?<![\w-])([A-Za-z_-][\w-]*)[ \t\r\n]*\(")
_LOCAL_URL = re.compile(r"""url\([ \t\r\n]*(['"]?)#[\w.:-]+\1[ \t\r\n]*\)""", re.IGNORECASE)
_FUNCTIONS = frozenset(
    {"url", "rgb", "rgba", "hsl", "hsla", "matrix", "translate", "scale", "rotate", "skewx",
     "skewy"}
)  # fmt: skip
"""Functions an attribute value may call: colours, transforms and `url(#fragment)`."""
_LINK_SCHEMES = ("https:", "http:", "mailto:")
"""Where a link in a picture may go, as in Markdown: web pages, mail addresses, `#anchors`."""
_SPACE = re.compile(r"[\x00-\x20\x7f]+")
HINT = (
    "SVG pictures hold shapes, paths, text, groups, gradients, title and desc only, all in the "
    "SVG namespace; save the picture again as plain SVG, without scripts, styles, animation, "
    "embedded images or fonts"
)


@dataclass(frozen=True)
class Refusal:
    """What a picture may not hold, and where."""

    line: int
    col: int
    message: str


class _Places:
    """Finds an attribute in the file from its element's place (the parser gives only that)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    def attribute(self, element: Element, qname: str) -> tuple[int, int]:
        line = min(element.line, len(self.starts))
        start = self.starts[line - 1] + element.col - 1
        end = self.text.find(">", start)
        match = re.compile(rf"[ \t\r\n]{re.escape(qname)}[ \t\r\n]*=").search(
            self.text, start, end if end != -1 else len(self.text)
        )
        if match is None:
            return element.line, element.col
        at = match.start() + 1
        line = line + self.text.count("\n", start, at)
        return line, at - self.starts[line - 1] + 1


def _value(name: str, value: str) -> str:
    """Why an attribute value is refused, or ''."""
    if "\\" in value:
        return f"an escape (\\) in the attribute '{name}', which CSS reads as another letter"
    for match in _FUNCTION.finditer(value):
        function = match[1].lower()
        if function not in _FUNCTIONS:
            return f"the function '{match[1]}()' in the attribute '{name}'"
        if function == "url" and not _LOCAL_URL.match(value, match.start()):
            return (
                f"a url() in the attribute '{name}' that is not a fragment of this picture "
                "(like url(#shade))"
            )
    return ""


def _address(element: Element, name: str, value: str) -> str:
    """Why a link or reference is refused, or ''."""
    clean = _SPACE.sub("", value).lower()
    if clean.startswith("#") and len(clean) > 1:
        return ""
    if element.name == "a" and clean.startswith(_LINK_SCHEMES):
        return ""
    if element.name == "a":
        return (
            f"a link to '{value.strip()}' in '{name}': a picture links to https: or mailto: "
            "addresses or to a #fragment of itself"
        )
    return f"a reference to '{value.strip()}' in '{name}': only a #fragment of this picture"


def _attributes(element: Element, places: _Places) -> list[Refusal]:
    refused: list[Refusal] = []
    for key, value in element.attributes.items():
        namespace, local = key
        qname = element.qnames[key]
        message = ""
        if local == "href" and namespace in ("", XLINK_NS):
            message = _address(element, qname, value)
        elif namespace == XML_NS and local in ("lang", "space"):
            message = ""
        elif namespace:
            message = f"the attribute '{qname}' of another namespace ({namespace})"
        elif local.lower().startswith("on"):
            message = f"the event-handler attribute '{local}'"
        elif local == "style":
            message = "a style attribute (it can load from other sites)"
        elif local not in ATTRIBUTES and not _ARIA.fullmatch(local):
            message = f"the attribute '{local}' on <{element.name}>"
        if not message:
            message = _value(qname, value)
        if message:
            refused.append(Refusal(*places.attribute(element, qname), message))
    return refused


def refusals(document: Document, text: str) -> list[Refusal]:
    """Everything in the parsed picture `document` (whose text is `text`) outside the list."""
    places = _Places(text)
    refused = [
        Refusal(p.line, p.col, f"a processing instruction '<?{p.text.strip()}?>'")
        for p in document.instructions
    ]
    if document.root.namespace != SVG_NS or document.root.name != "svg":
        refused.append(
            Refusal(
                document.root.line,
                document.root.col,
                f"the root element <{document.root.name}> is not <svg> in the SVG namespace "
                f"({SVG_NS})",
            )
        )
    for element in walk(document.root):
        if element.namespace != SVG_NS:
            where = element.namespace or "no namespace"
            if element is not document.root:
                refused.append(
                    Refusal(element.line, element.col, f"a <{element.name}> element of {where}")
                )
        elif element.name not in ELEMENTS:
            refused.append(Refusal(element.line, element.col, f"an SVG <{element.name}> element"))
            continue  # refused as a whole, its attributes with it
        refused += _attributes(element, places)
    return sorted(refused, key=lambda r: (r.line, r.col))


def check(data: bytes) -> tuple[Document | None, list[Refusal]]:
    """The picture in `data` and what it may not hold (nothing when it can be published)."""
    text = data.decode("utf-8", "replace")
    document = parse(data)
    if isinstance(document, Broken):
        return None, [Refusal(document.line, document.col, document.message)]
    return document, refusals(document, text)


def _tree(element: Element) -> ET.Element:
    named = {
        (f"{{{XML_NS}}}{local}" if namespace == XML_NS else local): value  # xlink:href → href
        for (namespace, local), value in element.attributes.items()
    }
    attributes = dict(sorted(named.items()))
    node = ET.Element(element.name, attributes)  # the root declares the namespace
    last: ET.Element | None = None
    for child in element.children:
        if isinstance(child, Piece):
            if last is None:
                node.text = (node.text or "") + child.text
            else:
                last.tail = (last.tail or "") + child.text
        else:
            last = _tree(child)
            node.append(last)
    return node


def clean(document: Document) -> bytes:
    """The picture written again by an XML serialiser, from the allowed tree only: no comments,
    declarations or instructions; `xlink:href` becomes `href`."""
    root = _tree(document.root)
    root.attrib = {"xmlns": SVG_NS, **root.attrib}
    text = ET.tostring(root, encoding="unicode")
    return (text + "\n").encode("utf-8")


def clean_site(site: Path) -> None:
    """Write every allowed SVG picture of the built `site` again, clean; the output scan
    refuses the others."""
    for path in sorted(site.rglob("*.svg")):
        if path.is_file() and not path.is_symlink():
            document, refused = check(path.read_bytes())
            if document is not None and not refused:
                path.write_bytes(clean(document))
