"""The preview as strict as the build: the same output scan, a policy on every page, and what
the scan refuses taken out of the preview and named in the banner of every page."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import write
from lft.finish.policy import inline_policy
from lft.finish.preview import Search, Served, banner, harden_changed, harden_preview
from lft.finish.scan import Trust
from lft.finish.search import BUNDLE
from test_serve import Server, _page

PAGE = "<!doctype html><html><head><title>x</title></head><body><p>{}</p></body></html>"


def test_the_preview_serves_nothing_the_build_would_refuse(tmp_path: Path) -> None:
    write(tmp_path, "index.html", PAGE.format("Welkom"))
    write(tmp_path, "about/index.html", PAGE.format('<img src="x" onerror="alert(1)">'))
    write(tmp_path, "assets/ok.svg", '<svg xmlns="http://www.w3.org/2000/svg"><!-- c --><g/></svg>')
    write(
        tmp_path,
        "assets/bad.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml">'
        "<h:script>alert(1)</h:script></svg>",
    )
    write(tmp_path, "notes.xhtml", "<html/>")
    findings = harden_preview(tmp_path, Trust())
    assert findings == [
        "about/index.html:1:60: an event-handler attribute 'onerror' on <img> [output] (the site "
        "runs no script from page content)",
        "assets/bad.svg:1:80: SVG picture: a <script> element of http://www.w3.org/1999/xhtml "
        "[output]",
        "notes.xhtml:1:1: a .xhtml file, which a browser opens as a page that runs scripts "
        "[output] (the site's pages are HTML files the engine writes)",
    ]
    assert not (tmp_path / "about" / "index.html").exists()
    assert not (tmp_path / "assets" / "bad.svg").exists()
    assert (tmp_path / "assets" / "ok.svg").read_text() == (
        '<svg xmlns="http://www.w3.org/2000/svg"><g /></svg>\n'
    )
    home = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert f'<head><meta http-equiv="Content-Security-Policy" content="{inline_policy()}">' in home
    assert '<body><div class="lft-problems" role="alert" lang="en">' in home
    assert "<code>notes.xhtml:1:1: a .xhtml file" in home


def test_the_banner_is_written_by_a_serialiser() -> None:
    text = banner(['x.html:1:1: a <script src="//evil.example/x.js"> & more'])
    assert "<script" not in text
    assert '&lt;script src="//evil.example/x.js"&gt; &amp; more' in text
    assert re.fullmatch(r'<div class="lft-problems" role="alert" lang="en">.*</div>', text)


def test_a_clean_preview_gets_the_policy_and_no_banner(tmp_path: Path) -> None:
    write(tmp_path, "index.html", PAGE.format("Welkom"))
    assert harden_preview(tmp_path, Trust()) == []
    home = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in home and "lft-problems" not in home
    assert "frame-ancestors" not in inline_policy()  # a meta policy cannot say it


def test_lft_serve_does_not_serve_a_hostile_picture(project: Path) -> None:
    write(
        project,
        "docs/assets/kaart.svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:x"/>'
        "</svg>",
    )
    running = Server(project)
    try:
        running.wait_for("Serving on")
        running.wait_for("not served: assets/kaart.svg:1:41: SVG picture: an SVG <set> element")
        page = _page(running.base + "about/")
        assert f'content="{inline_policy()}"' in page
        assert "assets/kaart.svg:1:41: SVG picture: an SVG &lt;set&gt; element" in page
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(running.base + "assets/kaart.svg", timeout=10)
    finally:
        running.process.terminate()
        running.process.wait(timeout=10)
        running.handle.close()


def test_a_rebuild_is_hardened_where_it_wrote(tmp_path: Path) -> None:
    """After a rebuild, the files the engine wrote are scanned and get the policy; the other
    pages keep theirs and only their banner follows the findings."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{inline_policy()}">'
    write(tmp_path, "index.html", PAGE.format("Welkom"))
    write(tmp_path, "about/index.html", PAGE.format("Over"))
    served = Served()
    assert harden_changed(tmp_path, Trust(), served) == []
    home = tmp_path / "index.html"
    hardened = home.read_text(encoding="utf-8")
    assert hardened.count(meta) == 1
    write(tmp_path, "about/index.html", PAGE.format('<img src="x" onerror="alert(1)">'))
    findings = harden_changed(tmp_path, Trust(), served)
    assert findings == [
        "about/index.html:1:60: an event-handler attribute 'onerror' on <img> [output] (the site "
        "runs no script from page content)"
    ]
    assert not (tmp_path / "about" / "index.html").exists()
    assert home.read_text(encoding="utf-8") == hardened.replace(
        "<body>", "<body>" + banner(findings)
    )
    write(tmp_path, "about/index.html", PAGE.format("Over ons"))  # the engine writes it again
    assert harden_changed(tmp_path, Trust(), served) == []
    assert home.read_text(encoding="utf-8") == hardened
    assert (tmp_path / "about" / "index.html").read_text(encoding="utf-8").count(meta) == 1
    assert served.written == ["about/index.html"]
    assert harden_changed(tmp_path, Trust(), served) == [] and served.written == []
    assert home.read_text(encoding="utf-8") == hardened


def test_search_is_made_again_after_the_rebuild_and_hardened(tmp_path: Path) -> None:
    """A partial rebuild's search index is made in the background from the served pages and
    replaces the served one whole, then goes through the same hardening."""
    site = tmp_path / "site"
    body = '<html lang="nl"><head><title>x</title></head><body data-pagefind-body><p>{}</p>'
    write(site, "index.html", body.format("Welkom bij de fenomeentafels") + "</body></html>")
    search = Search()
    served: list[frozenset[str]] = []
    search.later(site, served.append)
    thread = search.thread
    assert thread is not None
    thread.join(timeout=120)
    assert served == [search.files]
    assert f"{BUNDLE}/pagefind.js" in search.files
    assert all((site / name).is_file() for name in search.files)
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # the folder it indexed is gone
    assert search.thread is None
