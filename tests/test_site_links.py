"""The site checks look a link's target up in one listing of the built site: the same answer as
asking the file system for each link, for every kind of address."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from lft.finish.site import _Tree, check_site

HREFS = (
    "", "/", "#top", "?q=1", "a/", "a", "a/index.html", "./a/", "a/../b/", "b/c.html",
    "/a/#x", "/b/c.html?x=1", "missing/", "missing.html", "../", "../a/", "../../uit.html",
    "//example.org/x", "https://example.org/", "mailto:a@example.org", "a%20b/", "%2e%2e/",
    "/en/", "en/a/", "..", ".", "a//", "a/./", "leeg/",
)  # fmt: skip
PAGES = ("index.html", "a/index.html", "en/a/index.html", "b/c.html")


def _asked(site: Path, rel: str, href: str) -> bool | None:
    """Whether the link leads to a file, as the file system answers (None: another site)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    joined = (
        path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(rel), path)
    )
    target = site / posixpath.normpath(joined)
    target = target / "index.html" if target.is_dir() or path.endswith("/") else target
    return target.is_file()


def _looked_up(tree: _Tree, rel: str, href: str) -> bool | None:
    target = tree.target(rel, href)
    return None if target is None else tree.is_file(target)


@pytest.mark.parametrize("linked", [False, True])
def test_a_link_target_is_looked_up_as_the_file_system_would_answer(
    tmp_path: Path, linked: bool
) -> None:
    site = tmp_path / "site"
    for rel in (*PAGES, "a b/index.html", "en/index.html"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("<html></html>", encoding="utf-8")
    (site / "leeg").mkdir()
    (tmp_path / "uit.html").write_text("outside the site", encoding="utf-8")
    if linked:  # the output scan refuses it; the site checks still answer as the system does
        (site / "link").symlink_to(site / "a", target_is_directory=True)
    tree = _Tree(site)
    for rel in (*PAGES, "link/index.html"):
        for href in (*HREFS, "link/", "/link/index.html"):
            assert _looked_up(tree, rel, href) == _asked(site, rel, href), (rel, href)


def test_a_missing_link_target_is_reported_at_its_link(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for rel in ("index.html", "en/index.html"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        lang = "en" if "/" in rel else "nl"
        links = '<a href="/en/">en</a> <a href="weg/">x</a>'
        (site / rel).write_text(f"<html lang={lang}>\n{links}", encoding="utf-8")
    assert [str(p) for p in check_site(site)] == [
        "en/index.html:2:23: a link leads to weg/, which is not in the site",
        "index.html:2:23: a link leads to weg/, which is not in the site",
    ]
