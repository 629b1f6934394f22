"""Problems found in content: one line each, `path:line:col: key.path: message (hint)`."""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol


def visible(text: str) -> str:
    """`text` with every control character written as its code, like `\\x1b`: a message
    quotes what an author wrote, and a terminal escape in it must not steer the terminal."""
    return "".join(
        char.encode("unicode_escape", "backslashreplace").decode("ascii")
        if unicodedata.category(char) in ("Cc", "Cs")
        else char
        for char in text
    )


class Positions(Protocol):
    """Where each value of a YAML document stands (`lft.source.model.Document`)."""

    def where(self, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]: ...


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in the content."""

    path: str
    line: int
    col: int
    key: str
    message: str
    hint: str = ""
    severity: Severity = field(default=Severity.ERROR, compare=False)
    rule: str = field(default="", compare=False)
    """The publication-guard rule that found it, like 'bsn'; empty for content checks."""

    @classmethod
    def at(
        cls,
        path: str,
        doc: Positions,
        where: tuple[str | int, ...],
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        severity: Severity = Severity.ERROR,
        rule: str = "",
    ) -> Problem:
        """A problem with the value (or, `key=True`, the key) at `where` in a YAML document."""
        line, col = doc.where(where, key=key)
        return cls(path, line, col, key_path(where), message, hint, severity, rule)

    @classmethod
    def whole_file(cls, path: str, message: str, hint: str = "") -> Problem:
        """A problem with a file as a whole, reported at its start."""
        return cls(path, 1, 1, "", message, hint)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        what = f"{self.key}: {self.message}" if self.key else self.message
        rule = f" [{self.rule}]" if self.rule else ""
        hint = f" ({self.hint})" if self.hint else ""
        label = "warning: " if self.severity is Severity.WARNING else ""
        return visible(f"{where}: {label}{what}{rule}{hint}")


def key_path(parts: tuple[str | int, ...]) -> str:
    """Render a path into the data the way a contributor reads it: `partners[1].role.en`."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def line_starts(text: str) -> list[int]:
    """The offset where each line of `text` starts: the one table every position converter uses."""
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of `offset`, by the table of `line_starts`."""
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1
