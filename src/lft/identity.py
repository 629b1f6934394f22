"""Who the site says it is: the settings a release must have set to real values.

A normal build may use placeholders (and says so once); a release refuses each one, naming the
setting that fixes it: the addresses `mkdocs.yml` reads from the environment, and every
setting of `publisher.yml`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lft.publisher import PUBLISHER_FILE, Publisher, load_publisher, on_example_domain

SETTINGS = {
    "LFT_SITE_URL": "the public address of the site, like https://www.example-lft.nl/",
    "LFT_REPO_URL": "the repository address, for edit links and security reports",
}
"""The environment settings of the publisher's identity that `mkdocs.yml` reads."""
FROM_PUBLISHER = {"LFT_SITE_URL": "site_url", "LFT_REPO_URL": "repository"}
"""The setting of `publisher.yml` that gives the same address when the environment does not."""


@dataclass(frozen=True)
class Placeholder:
    """A setting of the publisher's identity that is unset or still a placeholder."""

    setting: str
    message: str


def site_address(publisher: Publisher) -> str:
    """The site's public address as a build uses it: LFT_SITE_URL, else publisher.yml's."""
    return os.environ.get("LFT_SITE_URL", "").strip() or publisher.value(
        FROM_PUBLISHER["LFT_SITE_URL"]
    )


def is_placeholder(address: str) -> bool:
    """True for no address at all, or one on a domain reserved for examples."""
    return not address.strip() or on_example_domain(address)


def placeholder_settings(root: Path) -> list[Placeholder]:
    """Each identity setting that is unset or still a placeholder, with what to do about it."""
    found = []
    publisher = load_publisher(root)[0]
    for name, what in SETTINGS.items():
        value = os.environ.get(name, "").strip()
        if not value and publisher.known(FROM_PUBLISHER[name]):
            continue  # publisher.yml gives it
        if not value:
            found.append(Placeholder(name, f"{name} is not set; set it to {what}"))
        elif is_placeholder(value):
            found.append(Placeholder(name, f"{name}={value} is a placeholder; set it to {what}"))
    for setting, value in publisher.placeholders():
        shown = f"{value!r} is a placeholder" if value else "is not set"
        found.append(
            Placeholder(
                f"{PUBLISHER_FILE} {setting}",
                f"{PUBLISHER_FILE}: {setting} {shown}; only the publisher can fill it in",
            )
        )
    return found
