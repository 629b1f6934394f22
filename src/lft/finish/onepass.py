"""One pass over the pages that ship: each read once, parsed once, given its policy and written
once, and what the output scan, the site checks and the output guard need taken from that parse.

The pages are shared out in chunks to worker processes (`lft.workers`); each page is
written by one of them, and the results come back in the order of the pages, so the site and
every message are the same whatever the number of workers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from lft.finish.guard import GuardPage, guard_page
from lft.finish.policy import policy_meta
from lft.finish.scan import Trust, page_problems
from lft.finish.shipped import read_page, with_insert
from lft.finish.site import SitePage, site_page
from lft.problems import Problem
from lft.workers import in_chunks


@dataclass(frozen=True)
class Shipped:
    """The pages of a built site as they ship, by path: the output scan's findings, what the
    site checks read and what the output guard reads of each."""

    output: dict[str, list[Problem]]
    site: dict[str, SitePage]
    guard: dict[str, GuardPage]


def _universal(text: str) -> str:
    """Line ends as Python's text files read them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _ship(
    jobs: list[tuple[str, str]], trust: Trust
) -> list[tuple[list[Problem], SitePage, GuardPage]]:
    """Give each page (path, rel) its policy, write it, and read it for the checks."""
    done = []
    for path, rel in jobs:
        raw = Path(path).read_bytes()
        page = read_page(rel, _universal(raw.decode("utf-8")))
        meta = policy_meta(page, trust)
        if meta is not None:
            page = with_insert(page, *meta)
        text = page.text.encode("utf-8")
        if text != raw:
            Path(path).write_bytes(text)
        done.append((page_problems(page, trust), site_page(page), guard_page(page)))
    return done


def add_policies(site: Path, trust: Trust) -> Shipped:
    """Give every page of the built site its policy; the pages as they ship."""
    jobs = [
        (str(path), path.relative_to(site).as_posix())
        for path in sorted(site.rglob("*.html"))
        if path.is_file() and not path.is_symlink()  # the output scan refuses a link
    ]
    done = in_chunks(_ship, jobs, replace(trust, copies={}))
    rels = [rel for _path, rel in jobs]
    return Shipped(
        output={rel: output for rel, (output, _site, _guard) in zip(rels, done, strict=True)},
        site={rel: page for rel, (_output, page, _guard) in zip(rels, done, strict=True)},
        guard={rel: page for rel, (_output, _site, page) in zip(rels, done, strict=True)},
    )
