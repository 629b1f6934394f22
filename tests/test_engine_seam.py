"""The engine seam: lft prepares a complete site source; a plain engine build of it, without the
lft plugin, gives the same pages, sanitised."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.utils.yaml import yaml_load

from conftest import REPO, replace
from lft.build import build_site
from lft.render.prepare import prepare
from lft.workers import WORKERS

pytestmark = pytest.mark.e2e

HOSTILE = "## Aanpak\n\n### Stap {: id='x\" autofocus onfocus=\"alert(3)' }\n"


def pages(site: Path) -> set[str]:
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.name != "404.html"  # the per-language 404 is a fix-up of ours, after the engine
    }


def plain_config(project: Path, source: Path, site: Path) -> Path:
    """The project's MkDocs settings with no lft plugin at all, reading the prepared source."""
    with (project / "mkdocs.yml").open(encoding="utf-8") as handle:
        settings = yaml_load(handle)
    settings.pop("INHERIT", None)
    inherited = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "INHERIT" in inherited  # the fixture inherits the real configuration
    with (
        Path(settings.get("theme", {}).get("custom_dir", ""))
        .parent.joinpath("mkdocs.yml")
        .open(encoding="utf-8") as handle
    ):
        real = yaml_load(handle)
    real.update({k: v for k, v in settings.items() if k != "theme"})
    real["theme"]["custom_dir"] = settings["theme"]["custom_dir"]
    real["plugins"] = [p for p in real["plugins"] if not (isinstance(p, dict) and "lft" in p)]
    real["docs_dir"] = str(source)
    real["site_dir"] = str(site)
    real["watch"] = []
    config = project / "plain-mkdocs.yml"
    config.write_text(yaml.safe_dump(real, allow_unicode=True), encoding="utf-8")
    return config


def test_a_plain_engine_build_of_the_prepared_source_gives_the_same_pages(
    project: Path, tmp_path: Path
) -> None:
    replace(
        project,
        "content/interventions/voorbeeld-screening/intervention.nl.md",
        "## Aanpak",
        HOSTILE,
    )
    built = tmp_path / "lft-site"
    build_site(project, built)
    prepared = prepare(project, tmp_path / "source")
    assert prepared.pages and not prepared.checked.errors
    plain = tmp_path / "plain-site"
    config = load_config(str(plain_config(project, prepared.source, plain)))
    assert "lft" not in config.plugins
    mkdocs_build(config)
    assert pages(plain) == pages(built)
    page = (plain / "interventions" / "voorbeeld-screening" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "onfocus" not in page and "autofocus" not in page
    assert 'id="stap"' in page


def test_a_build_lets_go_of_the_engines_pages(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs keeps the plugins of the last build for the process, and mkdocs-static-i18n's
    every page with its HTML: after a build in this process (no workers, which would make the
    pages in theirs) none is left for the steps after the engine."""
    import gc
    import weakref

    from mkdocs.structure.pages import Page

    made: list[weakref.ref[Page]] = []
    start = Page.__init__

    def counted(self: Page, *args: object, **kwargs: object) -> None:
        start(self, *args, **kwargs)  # type: ignore[arg-type]
        made.append(weakref.ref(self))

    monkeypatch.setattr(Page, "__init__", counted)
    monkeypatch.setenv(WORKERS, "1")
    build_site(project, tmp_path / "built")
    gc.collect()
    assert made
    assert [page() for page in made if page() is not None] == []


def test_only_the_engine_module_imports_the_engine() -> None:
    src = Path(__file__).resolve().parent.parent / "src" / "lft"
    engine = src / "engine" / "mkdocs"
    importing = sorted(
        path.relative_to(src).as_posix()
        for path in src.rglob("*.py")
        if not path.is_relative_to(engine)
        and any(
            line.lstrip().startswith(
                ("import mkdocs", "from mkdocs", "import material", "from material")
            )
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    )
    assert importing == []


@pytest.mark.parametrize(
    ("mailbox", "shown"),
    [("info@lft-uitgever.nl", "info@lft-uitgever.nl"), ("redactie@lft.example.org", "")],
)
def test_the_theme_gets_only_confirmed_publisher_facts(
    project: Path, mailbox: str, shown: str
) -> None:
    from lft.check.publisher import load_publisher
    from lft.engine.mkdocs.plugin import _publisher_facts

    (project / "publisher.yml").write_text(f"mailbox: {mailbox}\n", encoding="utf-8")
    facts = _publisher_facts(load_publisher(project)[0])
    assert facts == {
        "mailbox": shown,
        "organisation": {"address": "", "name": {"nl": "", "en": ""}},
    }


PROJECT = ("content", "docs", "overrides", "schemas", "mkdocs.yml", "publisher.yml", "guard.yml")
"""What a project is made of: what an engine build of the real content reads."""
GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')


def test_both_engines_build_the_same_site(real_site: Path, tmp_path: Path) -> None:
    """ProperDocs (the default) and MkDocs 1.6.1 build the real content into the same files,
    byte for byte but for the generator line."""
    project = tmp_path / "project"
    for name in PROJECT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            project.mkdir(exist_ok=True)
            shutil.copy2(source, project / name)
    site = tmp_path / "site"
    build = [sys.executable, "-m", "lft.cli", "--root", str(project), "build"]
    env = {**os.environ, "LFT_ENGINE": "mkdocs"}
    done = subprocess.run(
        [*build, "--site-dir", str(site)], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == sorted(
        p.relative_to(real_site).as_posix() for p in real_site.rglob("*") if p.is_file()
    )
    generators = set()
    for name in files:
        ours, theirs = (real_site / name).read_bytes(), (site / name).read_bytes()
        if name.endswith(".html"):
            text = ours.decode("utf-8")
            generators.update(GENERATOR.findall(text))
            generators.update(GENERATOR.findall(theirs.decode("utf-8")))
            ours, theirs = (GENERATOR.sub("", t).encode() for t in (text, theirs.decode()))
        assert ours == theirs, name
    assert generators == {
        "mkdocs-ProperDocs 1.6.7, mkdocs-material",
        "mkdocs-1.6.1, mkdocs-material",
    }
