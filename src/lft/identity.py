"""Who the site says it is: the settings a release must have set to real values.

A normal build may use the placeholders of `mkdocs.yml` (and says so once); a release refuses
each placeholder, naming the setting that fixes it.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net", "localhost", "invalid")
"""Addresses reserved for examples (RFC 2606): never the address of a published site."""

SETTINGS = {
    "LFT_SITE_URL": "the public address of the site, like https://www.example-lft.nl/",
    "LFT_REPO_URL": "the repository address, for edit links and security reports",
}
"""The environment settings of the publisher's identity that `mkdocs.yml` reads."""


def is_placeholder(address: str) -> bool:
    """True for an address on a domain reserved for examples, or no address at all."""
    host = (urlsplit(address).hostname or "") if "//" in address else address.rpartition("@")[2]
    host = host.lower().rstrip(".")
    return not host or any(host == d or host.endswith(f".{d}") for d in PLACEHOLDER_DOMAINS)


def placeholder_settings() -> list[str]:
    """One message per identity setting that is unset or still a placeholder."""
    messages = []
    for name, what in SETTINGS.items():
        value = os.environ.get(name, "").strip()
        if not value:
            messages.append(f"{name} is not set; set it to {what}")
        elif is_placeholder(value):
            messages.append(f"{name}={value} is a placeholder; set it to {what}")
    return messages
