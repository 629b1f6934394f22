"""Each language of the site built on its own, one per core (`lft.engine.mkdocs.build`).

mkdocs-static-i18n builds the languages one after the other in one process: the second from
the first one's `on_post_build`. The engine is half of a build's time and each language half
of the engine's, so `build` has each language built by a worker process of its own
(`lft.workers`; one after the other in one process where there are no workers). Each build
writes into a folder of its own, the default language's into the site; this module moves the
others into it afterwards, as the second build of one process would have left them:

- a file both builds write (the theme's) is the other language's, as its later build wrote it;
- `404.html` at the root stays the default language's (the plugin put the other language's in
  that language's folder, `LftPlugin._one_404_per_language`);
- the sitemap lists the pages of every language, the default language's first, as
  mkdocs-static-i18n's sitemap of a second build does (`lft.finish.findable` writes it again).

What each build says is kept (`Said`) and said after all of them, language by language, so
the messages are the same in the same order with any number of processes, and a strict build
refused in two languages is refused once with all their warnings counted. `tests/test_shipped.py`
builds a site with one and with two workers and finds it the same byte for byte.
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml.ElementTree as defused

from lft.finish.findable import SITEMAP

NOT_FOUND = "404.html"
_STRICT = re.compile(r"Aborted with .* in strict mode!")
"""How the engine refuses a strict build for the warnings it gave."""


@dataclass
class Said:
    """What one language's build said: each message as (logger, level, text), and why the
    build failed, if it did: in the engine's words (`by_engine`) or in lft's."""

    messages: list[tuple[str, int, str]] = field(default_factory=list)
    refused: str | None = None
    by_engine: bool = False


class _Keep(logging.Handler):
    def __init__(self, said: Said) -> None:
        super().__init__(logging.NOTSET)
        self.said = said

    def emit(self, record: logging.LogRecord) -> None:
        self.said.messages.append((record.name, record.levelno, record.getMessage()))


@contextmanager
def kept(logger: logging.Logger, said: Said) -> Iterator[None]:
    """Keep what reaches `logger` in `said` instead of saying it, while the block runs."""
    handlers, propagate = logger.handlers[:], logger.propagate
    logger.handlers = [_Keep(said)]
    logger.propagate = False
    try:
        yield
    finally:
        logger.handlers, logger.propagate = handlers, propagate


def say(said: list[Said]) -> Said | None:
    """Say what the builds said, in their order; why the build fails, if it does: one count of
    the warnings of all builds where a strict build was refused for them, or else the first
    other reason."""
    for one in said:
        for name, level, text in one.messages:
            logging.getLogger(name).log(level, "%s", text)
    refused = [one for one in said if one.refused is not None]
    for one in refused:
        if not (one.by_engine and _STRICT.fullmatch(one.refused or "")):
            return one
    if not refused:
        return None
    counts = Counter(
        level for one in said for _name, level, _text in one.messages if level >= logging.WARNING
    )
    found = ", ".join(
        f"{counts[level]} {logging.getLevelName(level).lower()}s"
        for level in sorted(counts, reverse=True)
    )
    return Said(refused=f"Aborted with {found} in strict mode!", by_engine=True)


def move_into(built: Path, site: Path) -> None:
    """Move what another language's build wrote into `built` into the `site` (see the module)."""
    for top, _dirs, files in os.walk(built):
        for name in sorted(files):
            path = Path(top) / name
            rel = path.relative_to(built).as_posix()
            if rel in (NOT_FOUND, f"{SITEMAP}.gz"):
                continue
            if rel == SITEMAP:
                _join_sitemaps(site / SITEMAP, path)
                continue
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)


def _join_sitemaps(sitemap: Path, other: Path) -> None:
    """Add the pages of the sitemap `other` to `sitemap` (read without DTD or entities) and
    write it, and its compressed copy, again."""
    if not sitemap.is_file():
        os.replace(other, sitemap)
        return
    joined = _read_sitemap(sitemap)
    joined.extend(list(_read_sitemap(other)))
    # No prefix is registered for it: ElementTree's prefixes are one for the process, and the
    # feeds' (`lft.render.feeds`) must stay theirs. `lft.finish.findable` writes it again.
    data = ET.tostring(joined, encoding="utf-8", xml_declaration=True)
    sitemap.write_bytes(data)
    sitemap.with_name(f"{SITEMAP}.gz").write_bytes(gzip.compress(data, mtime=0))


def _read_sitemap(path: Path) -> ET.Element:
    """The sitemap at `path`, read without DTD or entities; one without pages is refused (an
    OSError fails the build) rather than its language left out of the sitemap."""
    urlset = defused.parse(path, forbid_dtd=True).getroot()
    if urlset is None:
        raise OSError(f"the engine's sitemap {path} holds nothing")
    return urlset
