"""Fix-ups of the built site: a Content-Security-Policy on every page, the response headers
for hosts that read a `_headers` file, and `security.txt`.

All work on the files the engine wrote, so they do not depend on it. The policy forbids every
script but the theme's own inline scripts (by their hashes, computed here per page) and the
site's own script files, and every resource from another site; a script that got into a page
anyway does not run. A `<meta>` policy exists only in HTML pages, so `_headers` also sends a
policy with every file, and a stricter one (no script at all: `sandbox`) with every SVG picture.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from pathlib import Path
from urllib.parse import quote

from lft.finish.scan import Trust
from lft.finish.shipped import Page, read_page

POLICY = (
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'{hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
)
"""The policy of every page; `frame-ancestors` only works as a header (see SECURITY.md)."""
PICTURE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'none'; sandbox"
"""The policy of an SVG picture opened by itself: it draws, it runs and loads nothing."""
HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Strict-Transport-Security", "max-age=31536000"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
"""Headers sent with every file where the host allows it."""
HEADERS_FILE = "_headers"
"""Where Netlify, Cloudflare Pages and similar hosts read response headers from."""


def policy(scripts: list[str]) -> str:
    """The policy of a page whose theme scripts are `scripts`."""
    hashes = "".join(
        f" 'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
        for s in sorted(set(scripts))
    )
    return "; ".join(POLICY).format(hashes=hashes)


def inline_policy() -> str:
    """The page policy with inline scripts not named by hash: everything else it forbids, it
    forbids (the preview's, whose live reload is an inline script that changes on every load)."""
    return policy([]).replace("'wasm-unsafe-eval'", "'wasm-unsafe-eval' 'unsafe-inline'")


def site_policy() -> str:
    """The policy sent as a header with every file: `inline_policy`, inline scripts left to
    each page's meta policy (which names the theme's by their hashes; a browser enforces both
    policies, so only those run), and no framing by other sites."""
    return inline_policy() + "; frame-ancestors 'none'"


def headers_file(site: Path) -> str:
    """`_headers` for the built `site`: the site policy and `HEADERS` for every file, and the
    picture policy for each SVG picture by its address."""
    lines = [
        "# Response headers, written by lft for hosts that read _headers (see SECURITY.md).",
        "/*",
        f"  Content-Security-Policy: {site_policy()}",
        *(f"  {name}: {value}" for name, value in HEADERS),
    ]
    for picture in sorted(site.rglob("*.svg")):
        address = "/" + quote(picture.relative_to(site).as_posix())
        lines += ["", address, f"  Content-Security-Policy: {PICTURE_POLICY}"]
    return "\n".join(lines) + "\n"


def policy_meta(page: Page, trust: Trust) -> tuple[int, str] | None:
    """Where the policy goes in `page` (just after its `<head>` tag) and the `<meta>` that
    carries it; foreign scripts get no hash. None for a page without a head."""
    head = next((tag for tag in page.tags if tag.name == "head"), None)
    if head is None:
        return None
    trusted = [
        script.text
        for script in page.scripts
        if _inline(script.tag.values()) and trust.trusts_script(script.text)
    ]
    return head.end, f'\n<meta http-equiv="Content-Security-Policy" content="{policy(trusted)}">'


def _inline(values: dict[str, str]) -> bool:
    return "src" not in values and values.get("type", "") in ("", "module")


def add_policy(html: str, trust: Trust) -> str:
    """`html` with the policy as the first element of its head; foreign scripts get no hash."""
    meta = policy_meta(read_page("", html), trust)
    if meta is None:
        return html
    at, markup = meta
    return html[:at] + markup + html[at:]


SECURITY_TXT = ".well-known/security.txt"
"""Where RFC 9116 wants the security contact of the site."""


def security_txt(repo_url: str, site_url: str, day: dt.date, mailbox: str = "") -> str:
    """The site's `security.txt`: report to the publisher's mailbox, if there is one, or
    through the repository; valid for a year from `day`."""
    repo = repo_url.rstrip("/")
    expires = dt.datetime.combine(day + dt.timedelta(days=365), dt.time(), dt.UTC)
    lines = [
        *([f"Contact: mailto:{mailbox}"] if mailbox else []),
        f"Contact: {repo}/security/advisories/new",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Policy: {repo}/blob/main/SECURITY.md",
    ]
    if site_url:
        lines.append(f"Canonical: {site_url.rstrip('/')}/{SECURITY_TXT}")
    return "\n".join(lines) + "\n"
