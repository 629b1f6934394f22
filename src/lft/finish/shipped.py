"""A built page as it ships: read once, parsed once, and the parse moved past the policy.

The page is parsed by `lft.check.guard.html.parse`: the standard library's tokenizer, which gives
every tag, attribute and piece of text its place in the file, so every finding keeps its line
and column. The HTML5 tree builders give no places in the file; the output scan reads the same
text a second time with one (`lft.finish.browser`, Lexbor) to see what a browser builds.
The Content-Security-Policy is inserted after the
`<head>` tag (`lft.finish.policy`); `with_insert` moves the parse past it, so the output scan, the
site checks and the output guard read the page as written without parsing it again.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import repeat
from multiprocessing import get_context
from typing import Any, TypeVar

from lft.check.guard.html import Script, Tag, parse
from lft.problems import line_starts

Done = TypeVar("Done")
CHUNK = 16
"""Files a worker process takes at a time."""

WORKERS = "LFT_WORKERS"
"""The setting (environment) for the number of worker processes of the finish steps; 1 runs
them in the build's own process."""


def workers() -> int:
    """The number of worker processes: `LFT_WORKERS`, or else one per core, at most four."""
    value = os.environ.get(WORKERS, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return max(1, min(os.cpu_count() or 1, 4))


def in_chunks(work: Callable[..., list[Done]], jobs: list[Any], *args: Any) -> list[Done]:
    """`work(chunk, *args)` for the `jobs` in chunks, by `workers()` processes; the results of
    all chunks in the order of the jobs, whatever the number of processes.

    The workers are forked from this process (quick: nothing is imported again) when it runs
    no other thread, whose locks a fork would copy locked; a process with threads (a test
    runner's) does the work itself unless `LFT_WORKERS` asks for workers, which then start
    through a fork server (seconds: each imports lft)."""
    chunks = [jobs[start : start + CHUNK] for start in range(0, len(jobs), CHUNK)]
    count = min(workers(), len(chunks))
    alone = threading.active_count() == 1
    if count <= 1 or not (alone or os.environ.get(WORKERS)):
        return [done for chunk in chunks for done in work(chunk, *args)]
    context = get_context("fork" if alone else "forkserver")
    with ProcessPoolExecutor(count, mp_context=context) as pool:
        parts = pool.map(work, chunks, *(repeat(arg) for arg in args))
        return [done for part in parts for done in part]


@dataclass(frozen=True)
class Page:
    """One built page: its text, its start tags, its closed scripts and the text readers see
    (at the same offsets, the rest blanked)."""

    rel: str
    text: str
    tags: tuple[Tag, ...]
    scripts: tuple[Script, ...]
    readable: str

    @cached_property
    def starts(self) -> list[int]:
        """Where each line of the text starts (`lft.problems.line_starts`): made once for all
        the checks that place a finding."""
        return line_starts(self.text)


def read_page(rel: str, text: str) -> Page:
    """The page `rel` with the text `text`, parsed."""
    parsed = parse(text, visible=True)
    return Page(rel, text, tuple(parsed.tags), tuple(parsed.scripts), parsed.readable())


def _moved(tag: Tag, by: int) -> Tag:
    return Tag(
        tag.name,
        tag.offset + by,
        [(name, value, n + by, v + by) for name, value, n, v in tag.attributes],
        tag.end + by,
    )


def with_insert(page: Page, at: int, markup: str) -> Page:
    """`page` with `markup` (tags, which readers do not see) inserted at offset `at`, which is
    not inside a tag: the parse of the page as it is then, without parsing it again."""
    by = len(markup)
    tags = [tag if tag.offset < at else _moved(tag, by) for tag in page.tags]
    before = sum(1 for tag in page.tags if tag.offset < at)
    moved = dict(zip(map(id, page.tags), tags, strict=True))
    inserted = [_moved(tag, at) for tag in parse(markup).tags]
    blank = "\n".join(" " * len(line) for line in markup.split("\n"))
    return replace(
        page,
        text=page.text[:at] + markup + page.text[at:],
        tags=(*tags[:before], *inserted, *tags[before:]),
        scripts=tuple(replace(s, tag=moved.get(id(s.tag), s.tag)) for s in page.scripts),
        readable=page.readable[:at] + blank + page.readable[at:],
    )
