"""The preview as strict as the build: the same scan of what ships, a policy on every page, and
what the scan refuses taken out and named in the problem banner.

A reviewer previews a pull request before anyone merged it, so the preview runs what a build
runs on the output: SVG pictures written again from the allow-list (`lft.svg`), the page policy
(`lft.harden`; without the theme's script hashes, because the preview's live reload is an inline
script that changes on every load: the policy still forbids every load from another site,
plugins, frames, forms and `<base>`), and the output scan (`lft.checks`). A file the scan
refuses is deleted from the preview, so it is never served, and each finding is listed in a
banner at the top of every page, like content problems.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from lft.checks import Trust, scan_site
from lft.harden import inline_policy
from lft.svg import clean_site

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
