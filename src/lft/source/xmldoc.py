"""XML read as a browser reads it, but safely: namespaces resolved, no DTD, no entities.

Every SVG and XML file the site reads or ships goes through `parse`: defusedxml's expat reader
refuses a document type declaration (and with it every entity but the five predefined ones and
character references), each element keeps its namespace, its attributes by namespace and its
place in the file, and text, CDATA and comments keep theirs. `readable` gives the text a person
can read in the file, joined the way it is shown (`<tspan>`s run together), for the guard.
"""

from __future__ import annotations

import io
import xml.sax
from dataclasses import dataclass, field
from xml.sax.handler import ContentHandler, property_lexical_handler
from xml.sax.xmlreader import AttributesNSImpl, Locator

from defusedxml import DefusedXmlException
from defusedxml.expatreader import create_parser

XML_NS = "http://www.w3.org/XML/1998/namespace"


@dataclass(frozen=True)
class Piece:
    """Text in the file (character data, CDATA, a comment or an attribute value) and its place."""

    text: str
    line: int
    col: int
    whole: bool = False
    """Placed as a whole (an attribute value, placed at its element): offsets inside it are
    not added to the column."""


@dataclass
class Element:
    """One element: its namespace ('' for none), local name, attributes and place."""

    namespace: str
    name: str
    attributes: dict[tuple[str, str], str]
    """(namespace, local name) → value; the namespace is '' for a plain attribute."""
    qnames: dict[tuple[str, str], str]
    """The attribute names as written (`xlink:href`), to find them in the file."""
    line: int
    col: int
    children: list[Element | Piece] = field(default_factory=list)
    comments: list[Piece] = field(default_factory=list)


@dataclass(frozen=True)
class Broken:
    """Why a file could not be read as XML, and where."""

    message: str
    line: int
    col: int


class _Builder(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.root: Element | None = None
        self.stack: list[Element] = []
        self.instructions: list[Piece] = []
        self.comments: list[Piece] = []
        self._locator: Locator | None = None

    def setDocumentLocator(self, locator: Locator) -> None:
        self._locator = locator

    def place(self) -> tuple[int, int]:
        if self._locator is None:
            return 1, 1
        return self._locator.getLineNumber() or 1, (self._locator.getColumnNumber() or 0) + 1

    def startElementNS(
        self, name: tuple[str | None, str], qname: str | None, attrs: AttributesNSImpl
    ) -> None:
        line, col = self.place()
        attributes: dict[tuple[str, str], str] = {}
        qnames: dict[tuple[str, str], str] = {}
        for (namespace, local), value in attrs.items():
            key = (namespace or "", local)
            attributes[key] = value
            qnames[key] = attrs.getQNameByName((namespace, local)) or local
        element = Element(name[0] or "", name[1], attributes, qnames, line, col)
        if self.stack:
            self.stack[-1].children.append(element)
        elif self.root is None:
            self.root = element
        self.stack.append(element)

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        self.stack.pop()

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].children.append(Piece(content, *self.place()))

    def processingInstruction(self, target: str, data: str) -> None:
        self.instructions.append(Piece(f"{target} {data}", *self.place()))

    def comment(self, content: str) -> None:  # the lexical handler's
        line, col = self.place()
        piece = Piece(content, line, col + len("<!--"))
        (self.stack[-1].comments if self.stack else self.comments).append(piece)

    def startCDATA(self) -> None:
        pass

    def endCDATA(self) -> None:
        pass

    def startDTD(self, name: str, public_id: str, system_id: str) -> None:
        pass  # never called: defusedxml refuses a DTD first

    def endDTD(self) -> None:
        pass


@dataclass(frozen=True)
class Document:
    """A parsed XML file: its root element, processing instructions and top-level comments."""

    root: Element
    instructions: list[Piece]
    comments: list[Piece]


def parse(data: bytes) -> Document | Broken:
    """The document in `data`, or why it is not one this site reads."""
    builder = _Builder()
    parser = create_parser(namespaceHandling=1, forbid_dtd=True)
    parser.setContentHandler(builder)
    parser.setProperty(property_lexical_handler, builder)
    try:
        parser.parse(io.BytesIO(data))
    except DefusedXmlException:
        line, col = builder.place()
        return Broken(
            "a document type declaration (DOCTYPE) or entity, which can expand into anything",
            line,
            col,
        )
    except xml.sax.SAXParseException as exc:
        return Broken(
            f"not well-formed XML: {exc.getMessage()}",
            exc.getLineNumber() or 1,
            (exc.getColumnNumber() or 0) + 1,
        )
    if builder.root is None:
        return Broken("no root element", 1, 1)
    return Document(builder.root, builder.instructions, builder.comments)


def walk(element: Element) -> list[Element]:
    """`element` and every element inside it, in document order."""
    found: list[Element] = []
    stack = [element]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(reversed([c for c in current.children if isinstance(c, Element)]))
    return found


INLINE = frozenset({"tspan", "textPath", "a", "tref"})
"""Elements whose text runs on with the text around it, as a reader sees it."""


def readable(document: Document) -> list[list[Piece]]:
    """Runs of text a person can read in the file: each run's pieces are joined without a gap
    (`<tspan>1</tspan><tspan>2</tspan>` reads '12'); attribute values and comments are runs of
    their own."""
    runs: list[list[Piece]] = [[c] for c in document.comments]
    current: list[Piece] = []
    stack: list[Element | Piece | None] = [document.root]  # None: the end of a block element
    while stack:
        item = stack.pop()
        if isinstance(item, Piece):
            current.append(item)
            continue
        if item is None or item.name not in INLINE:
            if current:
                runs.append(current)
            current = []
        if item is None:
            continue
        runs.extend(
            [Piece(value, item.line, item.col, whole=True)] for value in item.attributes.values()
        )
        runs.extend([c] for c in item.comments)
        if item.name not in INLINE:
            stack.append(None)
        stack.extend(reversed(item.children))
    if current:
        runs.append(current)
    return runs


def where(run: list[Piece], offset: int) -> tuple[int, int]:
    """The place in the file of character `offset` of the joined `run`."""
    for piece in run:
        if piece.whole:
            return piece.line, piece.col
        if offset < len(piece.text) or piece is run[-1]:
            before = piece.text[:offset]
            lines = before.count("\n")
            if lines:
                return piece.line + lines, len(before) - before.rfind("\n")
            return piece.line, piece.col + offset
        offset -= len(piece.text)
    return 1, 1
