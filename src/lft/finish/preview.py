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

import ipaddress
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lft.finish.policy import inline_policy
from lft.finish.scan import Trust, scan_site
from lft.source.svg import clean_site

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


def harden_preview(site: Path, trust: Trust) -> list[str]:
    """Make the built preview at `site` as strict as a build; the findings of its output scan,
    as `path:line:col: message`."""
    clean_site(site)
    found = scan_site(site, trust)
    for rel in sorted({problem.path for problem in found}):
        (site / rel).unlink(missing_ok=True)
    findings = [str(problem) for problem in found]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{inline_policy()}">'
    shown = banner(findings) if findings else ""
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        html = _HEAD.sub(lambda m: m[0] + meta, html, count=1)
        if shown:
            html = _BODY.sub(lambda m: m[0] + shown, html, count=1)
        page.write_text(html, encoding="utf-8")
    return findings
