"""Where an excuse holds in the built site: only in the pages built from its own file.

An `lft-allow` excuses a finding on its own line of its own file. In the built site that is
the page (or pages) made from that file, and as many times as the sources excused it: the same
phone number elsewhere on the site, or once more on the same page, is a finding again. A page
is made from a file when the file is the page's source (a hand-written page in `docs/`,
`publisher.yml`), or is one of the item's files, in the page's language for prose
(`intervention.en.md` only for the English page); the overview pages list what the items'
YAML says, so a YAML excuse holds there too. A search fragment belongs to the page it indexes.
"""

from __future__ import annotations

import json
import posixpath
from collections import Counter
from collections.abc import Iterable, Mapping

from lft.problems import Problem
from lft.source.model import DEFAULT_LANGUAGE, LANGUAGES


def built_page(src_uri: str) -> tuple[str, str]:
    """(the built HTML file, its language) of a Markdown page of the staged source:
    `about.en.md` → (`en/about/index.html`, `en`), `phenomena/x/index.md` →
    (`phenomena/x/index.html`, `nl`)."""
    stem, lang, prefix = src_uri.removesuffix(".md"), DEFAULT_LANGUAGE, ""
    for other in LANGUAGES:
        if other != DEFAULT_LANGUAGE and stem.endswith(f".{other}"):
            stem, lang, prefix = stem.removesuffix(f".{other}"), other, f"{other}/"
    if stem == "index" or stem.endswith("/index"):
        return f"{prefix}{stem}.html", lang
    return f"{prefix}{stem}/index.html", lang


def _made_from(excuse_file: str, page_source: str | None, lang: str) -> bool:
    is_yaml = excuse_file.endswith(".yml")
    if page_source is None:
        return is_yaml and excuse_file.startswith("content/")  # an overview lists item data
    if excuse_file == page_source:
        return True
    if not page_source.startswith("content/"):
        return False
    if posixpath.dirname(excuse_file) != posixpath.dirname(page_source):
        return False
    return is_yaml or excuse_file.endswith(f".{lang}.md")


def allowances(
    excused: Iterable[tuple[Problem, str]], sources: Mapping[str, str | None]
) -> Counter[tuple[str, str, str]]:
    """How many times each (built file, rule, message) is excused. `sources` maps each page
    of the staged source (`about.md`) to the file it is made from (None for an overview).

    Each excuse is held against the pages that can be made from its file (the overviews, the
    pages of its folder and of the file itself), found by folder, not against every page."""
    pages = [(*built_page(uri), source) for uri, source in sources.items()]
    overviews: list[int] = []
    by_folder: dict[str, list[int]] = {}
    by_source: dict[str, list[int]] = {}
    for index, (_built, _lang, source) in enumerate(pages):
        if source is None:
            overviews.append(index)
        else:
            by_folder.setdefault(posixpath.dirname(source), []).append(index)
            by_source.setdefault(source, []).append(index)
    allowed: Counter[tuple[str, str, str]] = Counter()
    for problem, _reason in excused:
        near = {
            *overviews,
            *by_folder.get(posixpath.dirname(problem.path), ()),
            *by_source.get(problem.path, ()),
        }
        for index in sorted(near):
            built, lang, source = pages[index]
            if _made_from(problem.path, source, lang):
                allowed[(built, problem.rule, problem.message)] += 1
    return allowed


def fragment_page(text: str) -> str:
    """The built page a search fragment (Pagefind's JSON) indexes, like `en/about/index.html`;
    '' when the fragment names none."""
    try:
        data = json.loads(text)
    except ValueError:
        return ""
    url = data.get("url") if isinstance(data, dict) else None
    if not isinstance(url, str) or not url.startswith("/"):
        return ""
    path = url.lstrip("/").split("#", 1)[0].split("?", 1)[0]
    return path + "index.html" if not path or path.endswith("/") else path
