"""The Atom feeds: valid to a real feed parser, dated by the content, the same bytes in every
build, and named in every page's head and on the news page."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import feedparser
import pytest

from conftest import REPO, replace
from lft.build import build_site
from lft.check.project import check_project
from lft.render.feeds import feed_files
from lft.source.model import FEEDS, LANGUAGES, feed_path

BASE = "https://lft.example.org/"
AUTHOR = {"nl": "De uitgever", "en": "The publisher"}


def real_feeds() -> dict[str, bytes]:
    checked = check_project(REPO)
    assert not checked.errors
    return feed_files(checked.site_content, BASE, AUTHOR)


def test_every_feed_is_valid_atom_with_the_items_of_its_language() -> None:
    content = check_project(REPO).site_content
    feeds = real_feeds()
    assert sorted(feeds) == sorted(feed_path(n, lang) for n in FEEDS for lang in LANGUAGES)
    for lang in LANGUAGES:
        prefix = "" if lang == "nl" else "en/"
        news = feedparser.parse(feeds[feed_path("news", lang)])
        assert news.bozo == 0, news.get("bozo_exception")
        assert news.version == "atom10"
        assert news.feed.language == lang
        assert news.feed.author == AUTHOR[lang]
        assert {e.link for e in news.entries} == {
            f"{BASE}{prefix}news/{slug}/" for slug in content.news
        }
        for entry in news.entries:
            slug = entry.link.rstrip("/").rsplit("/", 1)[-1]
            assert entry.published_parsed[:3] == time.strptime(slug[:10], "%Y-%m-%d")[:3]
            assert entry.title == content.news[slug].news()["title"][lang]
        updates = feedparser.parse(feeds[feed_path("updates", lang)])
        assert updates.bozo == 0
        pages = {f"{BASE}{prefix}{i.address}" for i in content.phenomena.values()}
        pages |= {f"{BASE}{prefix}{i.address}" for i in content.interventions.values()}
        assert {e.link for e in updates.entries} == pages
        days = [e.updated_parsed for e in updates.entries]
        assert days == sorted(days, reverse=True)  # newest first
        assert updates.feed.updated_parsed == days[0]


def test_feeds_are_dated_by_the_content_never_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    first = real_feeds()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # 2030
    monkeypatch.setattr("lft.clock.wall_today", lambda: dt.date(2030, 1, 1))
    assert real_feeds() == first
    assert b"2030" not in b"".join(first.values())


def test_feeds_hold_text_never_markup_and_are_advertised(project: Path, tmp_path: Path) -> None:
    """(Two builds give the same bytes of every file, the feeds among them:
    tests/test_publishing.py.)"""
    replace(
        project,
        "content/news/2021-09-08-start/news.yml",
        "title: {nl: De tafels starten, en: The tables start}",
        "title: {nl: De tafels starten, en: 'The tables <start> & go'}",
    )
    first = tmp_path / "one"
    build_site(project, first)
    english = feedparser.parse((first / feed_path("news", "en")).read_bytes())
    assert english.bozo == 0
    assert english.entries[0].title == "The tables <start> & go"  # text, never markup
    for lang, prefix in (("nl", ""), ("en", "en/")):
        for page in ("", "news/", "interventions/"):
            folder = first / prefix / page
            html = (folder / "index.html").read_text(encoding="utf-8")
            head = html.split("</head>", 1)[0]
            linked = {
                (folder / href).resolve()
                for href in re.findall(r'type="application/atom\+xml" href="([^"]+)"', head)
            }
            assert linked == {(first / feed_path(name, lang)).resolve() for name in FEEDS}
        news = (first / prefix / "news" / "index.html").read_text(encoding="utf-8")
        for name in FEEDS:
            assert feed_path(name, lang) in news.split("<article", 1)[1]
