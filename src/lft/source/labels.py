"""The site's own words: every text of the generated pages and the theme that does not come from
`content/`, in both languages (`labels.yml` beside this module), and the name of each page kind."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def labels() -> dict[str, dict[str, str]]:
    text = resources.files(__package__).joinpath("labels.yml").read_text(encoding="utf-8")
    data: dict[str, dict[str, str]] = yaml.safe_load(text)
    return data
