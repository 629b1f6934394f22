"""What a placeholder is: text still to be written, and addresses on domains kept for examples.

The one definition every check uses: the schema and reference checks (which leave a placeholder
to the guard), translations (a placeholder is not a translation), the publication guard (which
refuses one in content), `publisher.yml` (a setting still to fill in), the identity check of the
project's other files and the release check of the built site.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from lft.problems import Problem, Severity, line_col, line_starts

PLACEHOLDER = "TODO"
"""The word `lft new` writes wherever a contributor must write something."""
UNFINISHED = re.compile(rf"\b{PLACEHOLDER}\b|\bFIXME\b|(?i:\blorem\s+ipsum\b)")
"""Text still to be written: `TODO`, `FIXME`, lorem ipsum."""
EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net", "localhost", "invalid")
"""Domains reserved for examples (RFC 2606, RFC 6761): never an address of a published site."""
_ADDRESS = re.compile(
    r"\b[a-z][a-z0-9+.-]*://[^\s<>\"'`)\]]*[^\s<>\"'`)\].,;:!?]"  # a web address
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # an e-mail address
    re.IGNORECASE,
)


def unfinished(text: str) -> bool:
    """The text still holds something to write (`TODO`, `FIXME`, lorem ipsum)."""
    return bool(UNFINISHED.search(text))


def on_example_domain(value: str) -> bool:
    """True for a web or e-mail address on a domain reserved for examples."""
    host = value.rpartition("@")[2] if "@" in value and "://" not in value else ""
    try:
        host = host or (urlsplit(value).hostname or "")
    except ValueError:  # not an address at all, like 'http://['
        return False
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith(f".{d}") for d in EXAMPLE_DOMAINS)


def is_placeholder(value: str) -> bool:
    """A setting's value that is not real yet: empty, unfinished, or an example address."""
    return not value.strip() or unfinished(value) or on_example_domain(value)


def example_addresses(text: str) -> Iterator[re.Match[str]]:
    """Each web or e-mail address in `text` on a domain reserved for examples."""
    for match in _ADDRESS.finditer(text):
        if on_example_domain(match.group()):
            yield match


def address_problems(
    rel: str,
    text: str,
    message: str,
    hint: Callable[[str], str],
    *,
    keep: Callable[[str], bool] = lambda _address: True,
    severity: Severity = Severity.ERROR,
    rule: str = "",
) -> list[Problem]:
    """A problem at each address of `text` (the file `rel`) on a domain reserved for examples
    that `keep` keeps: '`message`: <the address>', with the `hint` for the line it stands on."""
    problems: list[Problem] = []
    starts: list[int] = []
    for match in example_addresses(text):
        if not keep(match.group()):
            continue
        starts = starts or line_starts(text)
        line, col = line_col(starts, match.start())
        end = text.find("\n", match.start())
        line_text = text[starts[line - 1] : len(text) if end == -1 else end]
        problems.append(
            Problem(
                rel,
                line,
                col,
                "",
                f"{message}: {match.group()}",
                hint(line_text),
                severity,
                rule,
            )
        )
    return problems
