"""Valid HTML: the W3C Nu Html Checker finds no error on any page of a site build.

vnu.jar comes from the npm registry (package.json pins it; `make browser-deps` installs it) and
runs on Debian's Java.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from test_browser import ROOT, audit_record

pytestmark = pytest.mark.browser

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def validate(paths: list[Path]) -> list[dict[str, object]]:
    """The errors the checker reports for `paths` (files or folders of HTML)."""
    java = shutil.which("java")
    assert java, "install Debian's Java (make browser-deps)"
    assert VNU.is_file(), "install the checker (make browser-deps)"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json"]
        + [str(p) for p in paths],
        capture_output=True,
        text=True,
        check=False,
    )
    messages: list[dict[str, object]] = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [m for m in messages if m.get("type") in {"error", "non-document-error"}]


def html_errors(site: Path) -> tuple[list[Path], list[dict[str, object]]]:
    """The pages of a built site and the checker's errors on them."""
    return sorted(site.rglob("*.html")), validate([site])


def test_every_built_page_is_valid_html(real_site: Path) -> None:
    pages, errors = html_errors(real_site)
    assert len(pages) >= 40
    report = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in errors]
    assert report == []
    assert audit_record()["html"] == {"pages": len(pages), "errors": len(errors)}  # audit.py


def test_the_checker_reports_an_invalid_page(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="nl"><title>x</title>'
        '<input type="checkbox" autocomplete="off"></html>',
        encoding="utf-8",
    )
    errors = validate([page])
    assert len(errors) == 1
    assert "autocomplete" in str(errors[0]["message"])
