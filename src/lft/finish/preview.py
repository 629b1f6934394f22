"""The preview (`lft serve`): it answers only its own host, and each rebuild is as strict as the
build.

Before it looks for a file: a page open in a browser can make that browser ask the preview for
pages under another name (DNS rebinding: `attacker.example` resolving to 127.0.0.1), so a request
whose `Host` is neither the preview's own address nor an IP address is refused. A path that is not
UTF-8 or holds a control character (`GET /%00`) can name no file; it is answered with 400 instead
of reaching the file system.

After each rebuild: a reviewer previews a pull request before anyone merged it, so the preview
runs what a build runs on the output: SVG pictures written again from the allow-list
(`lft.source.svg`),
the page policy (`lft.finish.policy`; without the theme's script hashes, because the preview's live
reload is an inline script that changes on every load: the policy still forbids every load from
another site, plugins, frames, forms and `<base>`), and the output scan (`lft.finish.scan`). A file
the
scan refuses is deleted from the preview, so it is never served, and each finding is listed in a
banner at the top of every page, like content problems.
"""

from __future__ import annotations

import gc
import ipaddress
import logging
import os
import re
import shutil
import tempfile
import threading
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lft.finish.policy import inline_policy
from lft.finish.scan import Trust, scan_site
from lft.finish.search import IndexFailed, bundles, index_site
from lft.problems import Problem
from lft.source.files import entries
from lft.source.svg import clean_site

CONSOLE = "lft.serve"
"""The logger of the messages for the person running the preview."""
App = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")
"""The names a browser on this machine uses for the preview, beside the address it serves on."""


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The `Host` headers of requests meant for the preview at `host`:`port`."""
    shown = f"[{host}]" if ":" in host else host
    names = {shown, *LOCAL_NAMES}
    return frozenset({*(f"{name}:{port}" for name in names), *(names if port == 80 else ())})


def _ip_address(host: str) -> bool:
    """The `Host` header names an IP address, which no DNS rebinding can stand for: a phone on
    the same network may reach a preview served on 0.0.0.0 by the machine's address."""
    try:
        ipaddress.ip_address(urlsplit(f"//{host}").hostname or "")
    except ValueError:
        return False
    return True


def bad_request(environ: dict[str, Any], hosts: frozenset[str]) -> str | None:
    """Why a request is refused, or None when the preview may answer it."""
    host = str(environ.get("HTTP_HOST", "")).lower()
    if host not in hosts and not _ip_address(host):
        return f"unknown host {host!r}: the preview answers only {sorted(hosts)[0]}"
    try:
        path = str(environ.get("PATH_INFO", "")).encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return "the path is not UTF-8 text"
    if any(unicodedata.category(char) == "Cc" for char in path):
        return "the path holds a control character"
    return None


def guarded(app: App, hosts: frozenset[str]) -> App:
    """`app` behind the checks of `bad_request`: a refused request gets 400 and a plain line."""

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        why = bad_request(environ, hosts)
        if why is None:
            return app(environ, start_response)
        body = f"400 Bad Request: {why}\n".encode()
        start_response(
            "400 Bad Request",
            [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        return [body]

    return serve


_HEAD = re.compile(r"<head[^<>]*>", re.IGNORECASE)
_BODY = re.compile(r"<body[^<>]*>", re.IGNORECASE)
BANNER_CLASS = "lft-problems"
"""The class of the problem banner (`overrides/main.html`), so it looks the same."""


def banner(findings: list[str]) -> str:
    """The banner that names what the preview left out, written by an HTML serialiser."""
    box = ET.Element("div", {"class": BANNER_CLASS, "role": "alert", "lang": "en"})
    lead = ET.SubElement(box, "p")
    ET.SubElement(lead, "strong").text = f"{len(findings)} problem(s) in the built preview"
    ET.SubElement(lead, "span").text = ": the build would refuse these; the files are not served."
    items = ET.SubElement(box, "ul")
    for finding in findings:
        ET.SubElement(ET.SubElement(items, "li"), "code").text = finding
    return ET.tostring(box, encoding="unicode", method="html")


@dataclass
class Served:
    """What the preview serves after its last hardening: each file's (time, size) then, and
    the banner on every page."""

    files: dict[str, tuple[int, int]] = field(default_factory=dict)
    banner: str = ""
    written: list[str] = field(default_factory=list)
    """The files the last rebuild wrote (all of them after a rebuild of every page)."""


def file_states(site: Path) -> dict[str, tuple[int, int]]:
    """Each file (or link) under `site` by its path there, with its (time, size): cheap to take,
    changes on any write."""
    found = {}
    for rel, entry in entries(site, ""):
        if entry.is_symlink() or entry.is_file(follow_symlinks=False):
            state = entry.stat(follow_symlinks=False)
            found[rel] = (state.st_mtime_ns, state.st_size)
    return found


def _scan_fresh(site: Path, fresh: list[str], trust: Trust) -> list[Problem]:
    """`clean_site` and `scan_site` on the files `fresh` of `site` only: they run on a folder
    that holds just those files, each a hard link to the file in `site` (so a picture written
    again clean is written in `site` too)."""
    view = Path(tempfile.mkdtemp(prefix=f".{site.name}-", dir=site.parent))
    try:
        for rel in fresh:
            target = view / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if (site / rel).is_symlink():
                target.symlink_to(os.readlink(site / rel))
            else:
                os.link(site / rel, target)
        clean_site(view)
        return scan_site(view, trust)
    finally:
        shutil.rmtree(view)


def settle() -> None:
    """After a rebuild of every page: what the preview keeps from now on (the project's kept
    parses and checks, the engine's templates) is left out of Python's collections of
    reference cycles until the next such rebuild. A full collection passes over every object
    the process holds, and came about once a rebuild, 0.2 s at 1,000 items, however little
    the saved file changed; now it passes over what the rebuild made. What was set aside
    before is collected first, so nothing stays set aside past the next rebuild of every page."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def harden_changed(site: Path, trust: Trust, served: Served) -> list[str]:
    """`harden_preview` for what a rebuild wrote since the last hardening (`served`, which is
    brought up to date): those files are scanned, pages among them get the policy and the
    banner, and every other page only its banner changed when the findings changed. A file
    with a finding is deleted, so the engine writes it again on its next build, where it is
    scanned again: the findings are always those of the files the preview would serve."""
    state = file_states(site)
    fresh = sorted(rel for rel, now in state.items() if served.files.get(rel) != now)
    found = _scan_fresh(site, fresh, trust)
    refused = {problem.path for problem in found}
    for rel in sorted(refused):
        (site / rel).unlink(missing_ok=True)
        state.pop(rel, None)
    findings = [str(problem) for problem in found]
    shown = banner(findings) if findings else ""
    new = set(fresh) - refused
    pages = sorted(
        rel for rel in (state if shown != served.banner else new) if rel.endswith(".html")
    )
    for rel in pages:
        _harden_page(site / rel, fresh=rel in new, shown=shown, before=served.banner)
    for rel in {*new, *pages}:
        stat = (site / rel).lstat()
        state[rel] = (stat.st_mtime_ns, stat.st_size)
    served.files, served.banner, served.written = state, shown, sorted(new)
    return findings


def _harden_page(page: Path, *, fresh: bool, shown: str, before: str) -> None:
    """A page with the policy and the banner `shown`: a page the engine just wrote gets both; a
    page hardened before has its banner `before` replaced."""
    html = page.read_text(encoding="utf-8")
    if fresh:
        meta = f'<meta http-equiv="Content-Security-Policy" content="{inline_policy()}">'
        html = _HEAD.sub(lambda m: m[0] + meta, html, count=1)
    if before and not fresh:
        html = html.replace(before, shown, 1)
    elif shown:
        html = _BODY.sub(lambda m: m[0] + shown, html, count=1)
    page.write_text(html, encoding="utf-8")


def harden_preview(site: Path, trust: Trust) -> list[str]:
    """Make the built preview at `site` as strict as a build; the findings of its output scan,
    as `path:line:col: message`."""
    return harden_changed(site, trust, Served())


class Search:
    """The preview's search index (`lft.finish.search`), made again in the background after a
    rebuild that wrote only some pages, so that the changed page is served without waiting for
    Pagefind; after a rebuild of every page, before the page is served, as a build does.

    Pagefind reads a folder of hard links to the served pages and writes its index there; the
    new index replaces the served one only between rebuilds (`lock`), and only when no rebuild
    started while it was made (otherwise the index is made again). The index's files are
    trusted as generated files, as a build trusts them.
    """

    def __init__(self) -> None:
        self.files: frozenset[str] = frozenset()
        """The files of the served index, relative to the site."""
        self.lock = threading.Lock()
        """Held from the start of a rebuild to the end of its hardening."""
        self.rebuilds = 0
        """How many rebuilds started: an index made meanwhile is not served."""
        self.wanted = False
        self.thread: threading.Thread | None = None
        self.state = threading.Lock()
        """Held while `wanted` and `thread` are read or set."""

    def now(self, site: Path) -> frozenset[str]:
        """Index the pages of `site` (a rebuild of every page, holding `lock`)."""
        self.files = index_site(site)
        return self.files

    def later(self, site: Path, served: Callable[[frozenset[str]], None]) -> None:
        """Index the pages of `site` again once this rebuild is over; `served(files)` hardens
        the new index's files once they are in place, holding `lock`."""
        with self.state:
            self.wanted = True
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, args=(site, served), daemon=True)
                self.thread.start()

    def stop(self) -> None:
        """Wait for an index being made, and make no other (the preview stops)."""
        with self.state:
            self.wanted = False
            thread = self.thread
        if thread is not None:
            thread.join()

    def _run(self, site: Path, served: Callable[[frozenset[str]], None]) -> None:
        while True:
            with self.state:
                if not self.wanted:
                    self.thread = None  # under `state`: `later` starts a new one from now on
                    return
                self.wanted = False
            try:
                self._index(site, served)
            except BaseException:
                with self.state:
                    self.thread = None
                raise

    def _index(self, site: Path, served: Callable[[frozenset[str]], None]) -> None:
        rebuilds = self.rebuilds
        view = Path(tempfile.mkdtemp(prefix=f".{site.name}-search-", dir=site.parent))
        try:
            for page in site.rglob("*.html"):
                target = view / page.relative_to(site)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(page, target)
            files = index_site(view)
            with self.lock:
                if rebuilds == self.rebuilds:  # no rebuild started meanwhile
                    for bundle in bundles(view):
                        shutil.rmtree(site / bundle, ignore_errors=True)
                        if (view / bundle).is_dir():  # a language with pages to find
                            os.replace(view / bundle, site / bundle)
                    self.files = files
                    served(files)
        except (OSError, IndexFailed) as exc:  # a rebuild removed a page: made again later
            logging.getLogger(CONSOLE).warning("search not made again yet: %s", exc)
        finally:
            shutil.rmtree(view, ignore_errors=True)
