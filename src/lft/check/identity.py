"""Who the site says it is: the publisher's settings, the few the environment may override, and
every placeholder of that identity in the project's files.

Every address and name of the publisher comes from `publisher.yml`. The environment may
override only the two addresses PUBLISHING.md names (a build under another address), and the
build says when it does. A release refuses every placeholder: a setting of `publisher.yml`
still to fill in, an override on an example domain, and an example address anywhere else in
the project (`check_identity`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from lft.check.publisher import PUBLISHER_FILE, Publisher, load_publisher
from lft.placeholders import EXAMPLE_DOMAINS, address_problems, is_placeholder
from lft.problems import Problem, Severity
from lft.source.files import Lister, entries, listing
from lft.source.load import Reader, read_text

OVERRIDES = {"LFT_SITE_URL": "site_url", "LFT_REPO_URL": "repository"}
"""The environment settings that may override a setting of `publisher.yml`, as PUBLISHING.md
says ("Under another address"), and the setting each overrides."""
RULE = "identity"
"""The rule of a placeholder address outside `publisher.yml`: a warning that a release refuses."""
FILES = (
    "guard.yml",
    "mkdocs.yml",
    "CONTRIBUTING.md",
    "CONTRIBUTING.nl.md",
    "SECURITY.md",
    ".github/ISSUE_TEMPLATE",
    "content",
    "docs",
)
"""Where the publisher's identity may be written besides `publisher.yml`: what a contributor,
a reporter or a reader sees."""
TEXT_SUFFIXES = (".md", ".yml", ".yaml")


@dataclass(frozen=True)
class Placeholder:
    """A setting of the publisher's identity that is unset or still a placeholder."""

    setting: str
    message: str


def address(publisher: Publisher, setting: str) -> tuple[str, str | None]:
    """The value of an address setting of `publisher.yml` (`site_url`, `repository`), and the
    environment setting that overrides it, if one does."""
    for name, overridden in OVERRIDES.items():
        value = os.environ.get(name, "").strip()
        if overridden == setting and value:
            return value, name
    return publisher.value(setting), None


def overrides(root: Path) -> list[str]:
    """A line for each setting of `publisher.yml` the environment overrides."""
    publisher = load_publisher(root)[0]
    notes = []
    for setting in OVERRIDES.values():
        value, name = address(publisher, setting)
        if name is not None:
            was = publisher.value(setting) or "not set"
            notes.append(f"{name}={value} overrides {setting} of {PUBLISHER_FILE} ({was})")
    return notes


def site_address(publisher: Publisher) -> str:
    """The site's public address as a build uses it: `LFT_SITE_URL`, else publisher.yml's."""
    return address(publisher, "site_url")[0]


def placeholder_settings(root: Path) -> list[Placeholder]:
    """Each identity setting that is unset or still a placeholder, with what to do about it."""
    found = []
    publisher = load_publisher(root)[0]
    for setting, value in publisher.placeholders():
        if setting in OVERRIDES.values():
            value, name = address(publisher, setting)
            if name is not None:
                if is_placeholder(value):
                    found.append(
                        Placeholder(
                            name,
                            f"{name}={value} is a placeholder; unset it to use {setting} of "
                            f"{PUBLISHER_FILE}, or set the real address",
                        )
                    )
                continue
        shown = f"{value!r} is a placeholder" if value else "is not set"
        found.append(
            Placeholder(
                f"{PUBLISHER_FILE} {setting}",
                f"{PUBLISHER_FILE}: {setting} {shown}; only the publisher can fill it in",
            )
        )
    return found


def _files(root: Path, lister: Lister) -> list[tuple[Path, str]]:
    """The FILES that are text, each by its path and its path from the root; no links."""
    found = []
    for name in FILES:
        path = root / name
        if path.is_file() and not path.is_symlink():
            found.append((path, name))
        elif path.is_dir():
            found += sorted(
                (
                    (Path(entry.path), rel)
                    for rel, entry in entries(path, name, lister)
                    if os.path.splitext(entry.name)[1] in TEXT_SUFFIXES
                    and entry.is_file(follow_symlinks=False)
                ),
                key=lambda pair: pair[1],
            )
    return found


def _own_hosts(publisher: Publisher) -> set[str]:
    """The hosts of the publisher's own addresses while they are placeholders."""
    hosts = set()
    for setting in OVERRIDES.values():
        value = publisher.value(setting)
        if value and is_placeholder(value):
            hosts.add(_host(value))
    return hosts - {""}


def _names_example_domain(text: str) -> bool:
    """Whether `text` holds the name of a domain kept for examples anywhere: every address
    `example_addresses` finds holds one (its host, lowercased), so a text without is not
    searched (most files)."""
    lowered = text.lower()
    return any(domain in lowered for domain in EXAMPLE_DOMAINS)


def _host(address: str) -> str:
    return (urlsplit(address).hostname or "").lower()


def _hint(line: str) -> str:
    """What to do with a placeholder address on `line`: an item's contact needs none."""
    if line.lstrip().startswith("contact:"):
        return (
            "remove the line: an item's contact is the publisher's mailbox "
            f"({PUBLISHER_FILE}) unless it names another function mailbox"
        )
    return (
        f"refer to the publisher's addresses in {PUBLISHER_FILE} (the contact page "
        "shows them) instead of writing one here; a release refuses a placeholder"
    )


def check_identity(
    root: Path,
    publisher: Publisher | None = None,
    read: Reader = read_text,
    lister: Lister = listing,
) -> list[Problem]:
    """Each placeholder of the publisher's identity in the FILES, at its place: an e-mail
    address on a domain kept for examples, or an address on the placeholder site or repository
    host of `publisher.yml`. Only `publisher.yml` may hold the publisher's addresses, and a
    release publishes none of these. `lister` lists each folder."""
    problems = []
    own = _own_hosts(publisher or load_publisher(root)[0])
    for path, rel in _files(root, lister):  # a link is refused by the sources check
        text = read(path, rel)[0]
        if text is None or not _names_example_domain(text):
            continue  # unreadable (the guard or the loader says why), or nothing to find
        problems += address_problems(
            rel,
            text,
            "a placeholder address",
            _hint,
            # A web address on an example domain elsewhere is an example, like a source to find.
            keep=lambda found: "://" not in found or _host(found) in own,
            severity=Severity.WARNING,
            rule=RULE,
        )
    return problems
