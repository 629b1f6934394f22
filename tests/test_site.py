"""End-to-end: build the real content and the fixture with MkDocs and inspect the HTML."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import writable_copy
from lft.check.project import check_project
from lft.cli import main

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.e2e


class Html(HTMLParser):
    """Collects the tags of a page that the checks look at."""

    def __init__(self) -> None:
        super().__init__()
        self.html_lang = ""
        self.links: list[dict[str, str]] = []
        self.resources: list[str] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.headings: list[tuple[int, str]] = []
        """The article's headings: level and text."""
        self._in_article = False
        self._heading = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        self._in_article |= tag == "article"
        if self._in_article and re.fullmatch(r"h[1-6]", tag):
            self._heading = int(tag[1])
            self.headings.append((self._heading, ""))
        if tag == "html":
            self.html_lang = a.get("lang", "")
        if tag == "a":
            self.links.append(a)
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") in ("stylesheet", "preconnect", "icon"):
            self.resources.append(a["href"])

    def handle_endtag(self, tag: str) -> None:
        self._in_article &= tag != "article"
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = 0

    def handle_data(self, data: str) -> None:
        if self._heading:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)


def parse(path: Path) -> Html:
    html = Html()
    html.feed(path.read_text(encoding="utf-8"))
    return html


def pages(site: Path) -> list[str]:
    """Every HTML page of a site, relative to its root, without the language prefix."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.fixture(scope="module")
def site(real_site: Path) -> Path:
    return real_site


def interventions() -> list[str]:
    return sorted(p.name for p in (ROOT / "content" / "interventions").iterdir() if p.is_dir())


def news() -> list[str]:
    return sorted(p.name for p in (ROOT / "content" / "news").iterdir() if p.is_dir())


def required_pages() -> list[str]:
    fixed = [
        "index.html",
        "phenomena/index.html",
        "phenomena/vastgoedketen/index.html",
        "phenomena/vastgoedketen/charter/index.html",
        "phenomena/logistieke-knooppunten/index.html",
        "phenomena/logistieke-knooppunten/charter/index.html",
        "interventions/index.html",
        "news/index.html",
        "glossary/index.html",
        "organisations/index.html",
        "about/index.html",
        "contribute/index.html",
        "report/index.html",
        "riecs/index.html",
        "accessibility/index.html",
        "privacy/index.html",
        "contact/index.html",
        "colophon/index.html",
        "404.html",
    ]
    return (
        fixed
        + [f"interventions/{slug}/index.html" for slug in interventions()]
        + [f"news/{slug}/index.html" for slug in news()]
    )


def test_real_content_is_valid() -> None:
    checked = check_project(ROOT)
    assert [str(p) for p in checked.errors] == []
    assert len(checked.content.interventions) >= 4


@pytest.mark.parametrize("page", required_pages())
def test_every_page_exists_in_both_languages_with_its_lang(site: Path, page: str) -> None:
    assert parse(site / page).html_lang == "nl"
    assert parse(site / "en" / page).html_lang == "en"


def test_languages_have_the_same_pages(site: Path) -> None:
    dutch = [p for p in pages(site) if not p.startswith("en/")]
    english = [p.removeprefix("en/") for p in pages(site) if p.startswith("en/")]
    assert dutch == english


def test_every_page_has_the_lang_of_its_folder(site: Path) -> None:
    for page in pages(site):
        expected = "en" if page.startswith("en/") else "nl"
        assert parse(site / page).html_lang == expected, page


def _switcher(html: Html, lang: str) -> str:
    for link in html.links:
        if link.get("hreflang") == lang and "md-select__link" in link.get("class", ""):
            return link["href"]
    raise AssertionError(f"no language switcher link to {lang}")


@pytest.mark.parametrize("page", [p for p in required_pages() if p != "404.html"])
def test_switcher_leads_to_the_same_page_in_the_other_language(site: Path, page: str) -> None:
    address = "/" + page.removesuffix("index.html")
    to_english = _switcher(parse(site / page), "en")
    to_dutch = _switcher(parse(site / "en" / page), "nl")
    assert to_english.endswith("/en" + address), to_english
    assert to_dutch.endswith(address) and "/en/" not in to_dutch, to_dutch


def test_no_third_party_resources(site: Path) -> None:
    for page in pages(site):
        for url in parse(site / page).resources:
            assert not re.match(r"^(https?:)?//", url), f"{page} loads {url}"


def test_a_page_loads_the_scripts_of_what_it_holds(site: Path) -> None:
    # A first view downloads no script the page does not run: the filters only with the
    # catalogue, the scrollable tables only with a table.
    def scripts(page: str) -> set[str]:
        return {url.rsplit("/", 1)[-1] for url in parse(site / page).resources if ".js" in url}

    for page in pages(site):
        text = (site / page).read_text(encoding="utf-8")
        loaded = scripts(page)
        assert ("lft-catalogue.js" in loaded) == ('class="lft-catalogue"' in text), page
        assert ("lft-tables.js" in loaded) == ("<table" in text), page
        assert "lft-search.js" in loaded, page
    assert "lft-catalogue.js" in scripts("interventions/index.html")
    assert "lft-tables.js" in scripts("phenomena/vastgoedketen/index.html")
    assert not {"lft-catalogue.js", "lft-tables.js"} & scripts("index.html")


def test_generated_pages_edit_their_content_source(site: Path) -> None:
    html = parse(site / "en" / "phenomena" / "vastgoedketen" / "index.html")
    edits = [a["href"] for a in html.links if a.get("rel") == "edit"]
    assert edits and edits[0].endswith("/edit/main/content/phenomena/vastgoedketen/phenomenon.yml")
    for overview in ("index.html", "en/phenomena/index.html", "interventions/index.html"):
        assert [a for a in parse(site / overview).links if a.get("rel") == "edit"] == []
    about = parse(site / "about" / "index.html")
    edits = [a["href"] for a in about.links if a.get("rel") == "edit"]
    assert edits and edits[0].endswith("/edit/main/docs/about.md")


def test_dates_read_naturally_in_each_language(site: Path) -> None:
    start = site / "news" / "2021-09-08-officiele-start" / "index.html"
    assert "8 september 2021" in start.read_text(encoding="utf-8")
    english = site / "en" / "news" / "2021-09-08-officiele-start" / "index.html"
    assert "8 September 2021" in english.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "titles"),
    [
        ("", ["Twee vormen van vastgoedcriminaliteit", "Openbare conclusies"]),
        ("en", ["Two forms of real-estate crime", "Public conclusions"]),
    ],
)
def test_a_news_item_shows_its_own_sections_as_headings(
    site: Path, lang: str, titles: list[str]
) -> None:
    page = site / lang / "news" / "2024-01-31-strategisch-beeld-vastgoed" / "index.html"
    headings = [(level, text.strip()) for level, text in parse(page).headings]
    assert [(2, title) for title in titles] == [h for h in headings if h[1] in titles]
    levels = [level for level, _ in headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_404_pages_are_in_their_language(site: Path) -> None:
    assert "Pagina niet gevonden" in (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in (site / "en" / "404.html").read_text(encoding="utf-8")


def test_overview_lists_every_intervention(site: Path) -> None:
    overview = (site / "interventions" / "index.html").read_text(encoding="utf-8")
    sheet = (site / "phenomena" / "vastgoedketen" / "index.html").read_text(encoding="utf-8")
    for slug in interventions():
        assert f'href="{slug}/"' in overview
        assert f"interventions/{slug}/" in sheet


def test_sidebar_holds_sections_not_items(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    for slug in interventions():
        assert f"interventions/{slug}/" not in nav


def test_untranslated_item_shows_a_notice_and_marks_dutch(fixture_site: Path) -> None:
    site = fixture_site
    page = (site / "en" / "interventions" / "nog-te-vertalen" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "Not translated yet" in page
    assert '<h1 id="nog-te-vertalen"><span lang="nl">Nog te vertalen</span></h1>' in page
    assert '<div lang="nl">\n<h2 id="problem">Probleem</h2>' in page
    html = parse(site / "en" / "interventions" / "nog-te-vertalen" / "index.html")
    assert html.html_lang == "en"


def test_broken_content_fails_and_keeps_the_previous_site(
    project: Path, fixture_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = writable_copy(fixture_site, tmp_path / "built")  # the last site of `project`
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    sheet = project / "content" / "phenomena" / "voorbeeld" / "phenomenon.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "title: {nl: Nog een}\n", "utf-8")
    capsys.readouterr()
    assert main(["--root", str(project), "build", "--site-dir", str(site)]) == 1
    out = capsys.readouterr().out
    assert "content/phenomena/voorbeeld/phenomenon.yml:" in out
    assert "duplicate key 'title' (first on line 2)" in out
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def plain_mkdocs_build(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` on its own, without the lft command around it."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)


def test_plain_mkdocs_build_is_strict_and_clean(project: Path, tmp_path: Path) -> None:
    result = plain_mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (tmp_path / "out" / "en" / "index.html").is_file()
    assert not (project / "docs" / "index.md").exists()


def test_broken_link_in_a_page_fails_the_strict_build(project: Path, tmp_path: Path) -> None:
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[weg](nergens.md)\n", "utf-8")
    result = plain_mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "nergens.md" in result.stderr
