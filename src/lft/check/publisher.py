"""The publisher: who publishes the site and answers for it, read from `publisher.yml`.

One file holds the organisation, address, function mailbox, controller, host, licences, site
address and repository, plus the facts only the publisher can confirm (passages that depend on
one are marked and left out of a release: `lft.check.unconfirmed`). `load_publisher` reads
and validates it; `Publisher.placeholders` names what is still a placeholder (a release refuses
those); `lft.render.publisher_pages` writes the contact page and the colophon from it, so no page
repeats
these facts by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from lft.check.schemacheck import SchemaChecker
from lft.placeholders import is_placeholder
from lft.problems import Problem, Severity, key_path
from lft.source.addresses import localized_uri
from lft.source.load import Reader, read_text
from lft.source.mdscan import as_text
from lft.source.model import LANGUAGES, Document
from lft.source.schemas import Schemas
from lft.source.yamlsource import parse

PUBLISHER_FILE = "publisher.yml"
SETTINGS = (
    "organisation.name.nl",
    "organisation.name.en",
    "organisation.address",
    "mailbox",
    "controller.name.nl",
    "controller.name.en",
    "controller.data_protection_officer",
    "host.name",
    "host.country.nl",
    "host.country.en",
    "host.log_retention.nl",
    "host.log_retention.en",
    "licence.text.name",
    "licence.text.url",
    "licence.data.name",
    "licence.data.url",
    "site_url",
    "repository",
)
"""Every setting a published site needs, as a dotted path into publisher.yml."""
PAGES = ("contact", "colophon")
"""The pages written from publisher.yml, by template name (`<name>.md.j2`, `<name>.md`)."""

SITE_ADDRESS = re.compile(
    r"https://[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::[0-9]{1,5})?"
    r"(?:/[A-Za-z0-9._~!$&()*+,;=:@%/-]*)?"
)
"""The site's or the repository's address: absolute, https, no space, quote or markup; the
same rule as `site-address` in `schemas/common.schema.json` (a test keeps them equal)."""


def address_problem(setting: str, value: str) -> str:
    """Why `value` cannot be the address `setting` names (like `LFT_SITE_URL`), or ''."""
    if SITE_ADDRESS.fullmatch(value):
        return ""
    return (
        f"{setting}={value!r} is not an absolute https:// address without spaces, quotes or "
        "markup; give one like https://www.example-lft.nl/"
    )


@dataclass(frozen=True)
class Confirmation:
    """A fact the site needs that only the publisher can confirm; passages that depend on it
    are marked with its `id` (`lft.check.unconfirmed`)."""

    id: str
    about: str
    what: dict[str, str]
    owner: str


@dataclass(frozen=True)
class Publisher:
    """The settings of `publisher.yml`; empty when the file is missing."""

    data: dict[str, Any] = field(default_factory=dict)
    doc: Document | None = None

    def value(self, setting: str) -> str:
        """A setting by its dotted path, like `organisation.name.nl`; empty when not set."""
        node: Any = self.data
        for part in setting.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node if isinstance(node, str) else ""

    def placeholders(self) -> list[tuple[str, str]]:
        """(setting, current value) of each setting that is missing or still a placeholder."""
        return [(setting, self.value(setting)) for setting in SETTINGS if not self.known(setting)]

    @property
    def confirmations(self) -> list[Confirmation]:
        entries = self.data.get("confirmations") or []
        return [
            Confirmation(e["id"], e["about"], e["what"], e["owner"])
            for e in entries
            if isinstance(e, dict) and {"id", "about", "what", "owner"} <= set(e)
        ]

    def known(self, setting: str) -> bool:
        """The setting has a real value: set, and not a placeholder."""
        value = self.value(setting)
        return not is_placeholder(value)

    def shown(self, setting: str, lang: str) -> str:
        """A setting as a reader sees it: its value as plain text (never Markdown or HTML), or
        plainly 'to be confirmed'."""
        if not self.known(setting):
            return _TO_CONFIRM[lang]
        return as_text(self.value(setting))

    def address(self, setting: str) -> str:
        """A web or mail address setting for a link target: what could end the target or start
        markup (spaces, quotes, brackets, parentheses) percent-encoded."""
        return quote(self.value(setting), safe=":/?#@!$&*+,;=%~._-")


_TO_CONFIRM = {
    "nl": "*nog te bevestigen door de uitgever*",
    "en": "*to be confirmed by the publisher*",
}


def _stamp(path: Path) -> tuple[str, int, int] | None:
    """Name, time and size of a file: changes on any edit; None when it is not there."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (path.as_posix(), stat.st_mtime_ns, stat.st_size)


_loaded: dict[tuple[object, ...], tuple[Publisher, list[Problem]]] = {}


def load_publisher(
    root: Path, schemas: Schemas | None = None, read: Reader | None = None
) -> tuple[Publisher, list[Problem]]:
    """Read and validate `publisher.yml`; warn for each placeholder and open confirmation.

        A missing file is no problem for a check (fixture and example sites have none), but then
        every setting is a placeholder, so a release refuses it. The file is read and validated
        once while it and the schemas stay the same: every stage of a command that asks gets that
        one result. `schemas` and `read`, when the caller has them (`lft.check.project.Project`),
        save
    reading `schemas/` and the file again.
    """
    folder = root / "schemas"
    key = (
        root.resolve(),
        _stamp(root / PUBLISHER_FILE),
        tuple(_stamp(p) for p in sorted(folder.glob("*.schema.json"))),
    )
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = _read_publisher(root, schemas or Schemas(folder), read or read_text)
    publisher, problems = _loaded[key]
    return publisher, list(problems)


def _read_publisher(root: Path, schemas: Schemas, read: Reader) -> tuple[Publisher, list[Problem]]:
    path = root / PUBLISHER_FILE
    if not path.is_file():
        return Publisher(), []
    text, problems = read(path, PUBLISHER_FILE)
    if text is None:
        return Publisher(), problems
    doc, problems = parse(text, PUBLISHER_FILE)
    if doc is None:
        return Publisher(), problems
    if not isinstance(doc.data, dict):
        message = "the file must hold 'key: value' lines"
        return Publisher(), [Problem.whole_file(PUBLISHER_FILE, message, "")]
    if "publisher.schema.json" in schemas.by_name:
        problems += SchemaChecker(schemas, {}).check(doc, PUBLISHER_FILE, "publisher.schema.json")
    publisher = Publisher(doc.data, doc)
    problems += _warnings(publisher, doc)
    return publisher, sorted(problems)


def _warnings(publisher: Publisher, doc: Document) -> list[Problem]:
    problems = []
    for setting, value in publisher.placeholders():
        parts = tuple(setting.split("."))
        line, col = doc.where(parts)
        problems.append(
            Problem(
                PUBLISHER_FILE,
                line,
                col,
                setting,
                f"still a placeholder: '{value}'" if value else "not set",
                "only the publisher can fill this in; a release refuses a placeholder",
                Severity.WARNING,
            )
        )
    for index, entry in enumerate(doc.data.get("confirmations") or []):
        if not isinstance(entry, dict) or not isinstance(entry.get("what"), dict):
            continue
        line, col = doc.where(("confirmations", index))
        what = entry["what"].get("en") or entry["what"].get("nl", "")
        problems.append(
            Problem(
                PUBLISHER_FILE,
                line,
                col,
                key_path(("confirmations", index)),
                f"not confirmed yet (owner: {entry.get('owner', 'none given')}): {what}",
                f"once confirmed, write it in {entry.get('about', 'the page')} and remove this "
                f"entry, the markers of the passages and the unconfirmed: lines of the fields "
                f"that wait for it (lft-unconfirmed: {entry.get('id', '…')}); a release leaves "
                "those out",
                Severity.WARNING,
            )
        )
    return problems


def publisher_page_uris() -> list[str]:
    """The source path of every page `publisher_pages` writes, for the collision check."""
    return [localized_uri(f"{name}.md", lang) for name in PAGES for lang in LANGUAGES]
