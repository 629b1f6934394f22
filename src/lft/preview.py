"""What the preview server answers before it looks for a file: only its own host, only sane paths.

A page open in a browser can make that browser ask the preview for pages under another name
(DNS rebinding: `attacker.example` resolving to 127.0.0.1), so a request whose `Host` is neither
the preview's own address nor an IP address is refused. A path that is not UTF-8 or holds a
control character (`GET /%00`) can name no file; it is answered with 400 instead of reaching the
file system.
"""

from __future__ import annotations

import ipaddress
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

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
