"""Read YAML into plain data, remembering where every key and value stands in the file.

PyYAML's composer gives nodes with positions; we build the values ourselves so that duplicate
keys (which PyYAML silently resolves to the last one) become errors, dates stay the strings the
author wrote (the schema checks them), and anchors/aliases are refused outright.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from lft.problems import Problem
from lft.source.model import Document, KeyPath

MAX_BYTES = 1_000_000
MAX_DEPTH = 20
"""Lists and groups inside each other: content needs about six levels; far deeper nesting is a
mistake (or an attack) that would exhaust Python's stack in the parser and every check."""

_SCALAR_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}


_ALIAS_TAG = "lft:alias"
_ALLOWED_CONTROLS = frozenset("\t\n")
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Every control character (Unicode category Cc) but tab and line end, and every half of a
character pair (Cs): one search finds whether a text holds any (tests/test_linear.py)."""


def bad_character(text: str) -> str | None:
    """What is wrong with the first character of `text` no page may hold, or None.

    YAML escapes in double quotes (`\\0`, `\\a`, `\\e`, `\\ud800`) can write control
    characters, which would put terminal escapes into messages and invisible bytes into pages,
    and half of a surrogate pair, which is no character at all and cannot be written as UTF-8.
    """
    if not _SUSPECT.search(text):
        return None  # almost every text: one search instead of a look-up per character
    for char in text:
        category = unicodedata.category(char)
        if category == "Cs":
            return f"half of a character pair (U+{ord(char):04X}), which is no character"
        if category == "Cc" and char not in _ALLOWED_CONTROLS:
            return f"the control character U+{ord(char):04X}"
    return None


class _Loader(yaml.SafeLoader):
    """Composes an alias as a placeholder node at the alias itself, so it is reported there."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()  # type: ignore[no-untyped-call]
            return yaml.ScalarNode(_ALIAS_TAG, f"*{event.anchor}", event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


class _Builder:
    def __init__(self, rel_path: str) -> None:
        self.rel_path = rel_path
        self.doc = Document(data=None)
        self.problems: list[Problem] = []
        self._constructor = yaml.constructor.SafeConstructor()
        self._seen: set[int] = set()
        self.aliases = False

    def problem(self, node: yaml.Node, path: KeyPath, message: str, hint: str) -> None:
        from lft.problems import key_path

        mark = node.start_mark
        self.problems.append(
            Problem(self.rel_path, mark.line + 1, mark.column + 1, key_path(path), message, hint)
        )

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag == _ALIAS_TAG or id(node) in self._seen:
            self.aliases = True
            self.problem(
                node,
                path,
                "anchors and aliases (&name, *name) are not supported",
                "write the value out in full",
            )
            return None
        self._seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        if node.tag in _SCALAR_TAGS:
            return self._constructor.construct_object(node)
        return self._text(node, path)

    def _text(self, node: yaml.ScalarNode, path: KeyPath) -> str:
        """The text of a scalar; a bad character is reported and replaced by U+FFFD."""
        text = str(node.value)
        bad = bad_character(text)
        if bad is None:
            return text
        self.problem(
            node,
            path,
            f"the text holds {bad}, written as an escape",
            "remove the escape (\\ followed by a code): pages hold only visible text, "
            "tabs and line breaks",
        )
        return "".join("\ufffd" if bad_character(char) else char for char in text)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(
                    key_node,
                    path,
                    "merge keys (<<) are not supported",
                    "write the keys out in full",
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, path, "a key must be a plain name", "")
                continue
            key = self._text(key_node, path)
            child = (*path, key)
            if key in first_seen:
                self.problem(
                    key_node,
                    child,
                    f"duplicate key '{key}' (first on line {first_seen[key]})",
                    "remove one of them; otherwise one value would be silently lost",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.doc.key_positions[child] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            out[key] = self.build(value_node, child)
        return out


def parse(text: str, rel_path: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document; never raises for bad input, returns problems instead."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        return None, [
            Problem.whole_file(
                rel_path,
                f"file is larger than {MAX_BYTES // 1000} kB",
                "split it into smaller items",
            )
        ]
    deep = _too_deep(text)
    if deep is not None:
        return None, [
            Problem(
                rel_path,
                *deep,
                "",
                f"the YAML is nested more than {MAX_DEPTH} levels deep here",
                "no content needs that many lists and groups inside each other; "
                "check the indentation and the brackets",
            )
        ]
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, rel_path)]
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        return None, [
            Problem(
                rel_path,
                line,
                col,
                "",
                f"the file holds a control character (#x{exc.character:04x})",
                "remove it: it is invisible in most editors; retyping the line removes it",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Problem.whole_file(rel_path, f"YAML syntax error: {exc}", "")]
    builder = _build(node, rel_path)
    if builder.aliases:
        # libyaml shares an aliased node with its anchor; compose again to point at the alias.
        builder = _build(yaml.compose(text, Loader=_Loader), rel_path)
    return builder.doc, builder.problems


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, rel_path: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and (
        "end of stream" in str(exc.problem) or exc.context == "while scanning a simple key"
    ):
        # The scanner notices these only later (at the end of the file, or on the next
        # line); the author's mistake is where the quote or the key starts.
        mark = exc.context_mark
    opened = _open_quote(text, mark) if mark else None
    if mark and opened:
        return Problem(
            rel_path,
            opened.line + 1,
            opened.column + 1,
            "",
            "YAML syntax error: the quote that opens here is not closed on its line, so the "
            f"text runs on to line {mark.line + 1}",
            "close the quote on this line; a text that holds ' goes between double quotes",
        )
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or "invalid YAML"
    if exc.context:
        what = f"{exc.context}, {what}"
    return Problem(rel_path, line, col, "", f"YAML syntax error: {what}", _syntax_hint(what))


def _open_quote(text: str, error: yaml.Mark) -> yaml.Mark | None:
    """Where a quoted text starts that runs over several lines and ends on the line of the
    error: a quote left open, closed by the next quote of its kind far below."""
    opened = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= error.index:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ("'", '"')
                and token.start_mark.line < token.end_mark.line == error.line
            ):
                opened = token.start_mark
    except yaml.YAMLError:
        pass  # the tokens up to the error were seen
    return opened


def _too_deep(text: str) -> tuple[int, int] | None:
    """The line and column of the first list or group nested deeper than MAX_DEPTH, found from the
    parser's events (which need no recursion) before anything is composed."""
    loaders: list[type[Any]] = [yaml.SafeLoader]
    if getattr(yaml, "__with_libyaml__", False):
        loaders.insert(0, yaml.CSafeLoader)
    for loader in loaders:
        depth = 0
        try:
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH and event.start_mark is not None:
                        return event.start_mark.line + 1, event.start_mark.column + 1
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
            return None
        except yaml.YAMLError:
            continue  # a syntax error; the Python parser's events up to it are checked too
    return None


def _compose(text: str) -> yaml.Node | None:
    """Compose with libyaml when it is there (fast); errors are worded by the Python parser."""
    if getattr(yaml, "__with_libyaml__", False):
        try:
            return yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass  # the Python parser below gives the message and position we document
    return yaml.compose(text, Loader=_Loader)


def _build(node: yaml.Node | None, rel_path: str) -> _Builder:
    builder = _Builder(rel_path)
    if node is None:
        builder.doc.data = {}
        builder.doc.positions[()] = (1, 1)
    else:
        builder.doc.data = builder.build(node, ())
    return builder


def _syntax_hint(what: str) -> str:
    if "\\t" in what or "tab" in what:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in what:
        return "put text that contains ': ' between quotes"
    if "quoted scalar" in what and "end of stream" in what:
        return "the quote that starts here is never closed"
    if "could not find expected ':'" in what:
        return "every line inside an item needs 'key: value'"
    return "check the indentation and quotes on this line and the one before"
