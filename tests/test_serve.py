"""Live preview: `lft serve` names the changed file, reports problems and keeps serving."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import TODAY, copy_fixture, epoch, replace


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _status(url: str) -> int:
    with urllib.request.urlopen(url, timeout=10) as response:
        status: int = response.status
        return status


class Server:
    def __init__(self, project: Path, *options: str) -> None:
        self.project = project
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = project.parent / "serve.log"
        self.handle = self.log.open("w")
        # MkDocs serves from a folder of the system's temporary folder and leaves it behind
        # when the preview is stopped by a signal, as the tests stop it: here it goes with the
        # test's own folder.
        temporary = project.parent / "tmp"
        temporary.mkdir(exist_ok=True)
        env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "SOURCE_DATE_EPOCH": epoch(TODAY),
            "TMPDIR": str(temporary),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "lft.cli",
                "--root",
                str(project),
                "serve",
                "--dev-addr",
                f"127.0.0.1:{self.port}",
                *options,
            ],
            stdout=self.handle,
            stderr=subprocess.STDOUT,
            env=env,
        )

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for(self, text: str, count: int = 1, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while self.output().count(text) < count:
            assert self.process.poll() is None, self.output()
            assert time.monotonic() < deadline, f"waited for {text!r}:\n{self.output()}"
            time.sleep(0.1)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One preview of a copy of the fixture for the tests here that only ask it for pages or
    change a file and change it back (starting one takes seconds)."""
    running = Server(copy_fixture(tmp_path_factory.mktemp("served") / "site"))
    try:
        running.wait_for("Serving on")
        yield running
    finally:
        running.process.terminate()
        running.process.wait(timeout=10)
        running.handle.close()


def test_invalid_edit_is_reported_and_the_last_good_site_stays(server: Server) -> None:
    project = server.project
    sheet = "content/phenomena/voorbeeld/phenomenon.yml"
    replace(project, sheet, "\ntitle: {nl: Voorbeeldfenomeen", "\ntittle: {nl: Voorbeeldfenomeen")
    server.wait_for("still serving the last valid version")
    output = server.output()
    assert f"lft: changed {sheet}" in output
    assert "unknown key 'tittle' (did you mean 'title'?)" in output
    server.wait_for("Reloading browsers")  # the engine has built the pages with the banner
    assert _status(server.base + "phenomena/voorbeeld/") == 200
    assert "unknown key &#39;tittle&#39;" in _page(server.base + "phenomena/voorbeeld/")
    replace(project, sheet, "\ntittle:", "\ntitle:")
    server.wait_for("lft: content is valid", count=2)
    server.wait_for("Reloading browsers", count=2)
    assert _status(server.base + "en/phenomena/voorbeeld/") == 200
    output = server.output()
    assert output.count("Building documentation...") == 3  # one per change: no rebuild loop
    assert output.count("Reloading browsers") == 2


def _without_reload(page: str) -> str:
    """A served page without the live-reload script, whose numbers change on every build."""
    return re.sub(r"<script>[^<]*livereload[^<]*</script>", "", page)


def test_a_changed_text_rebuilds_only_the_pages_made_of_it(server: Server) -> None:
    text = "content/interventions/voorbeeld-screening/intervention.nl.md"
    about = _without_reload(_page(server.base + "about/"))
    reloads = server.output().count("Reloading browsers")
    whole = server.output().count("lft: building every page")
    searched = server.output().count("lft: search is up to date")
    noticed = server.output().count("'not translated yet' notice")
    replace(server.project, text, "Tekst over aanpak.", "Tekst over de nieuwe aanpak.")
    server.wait_for("Reloading browsers", count=reloads + 1)
    server.wait_for("lft: search is up to date", count=searched + 1)  # made again, after
    page = _page(server.base + "interventions/voorbeeld-screening/")
    assert "Tekst over de nieuwe aanpak." in page
    assert page.count('http-equiv="Content-Security-Policy"') == 1
    assert _without_reload(_page(server.base + "about/")) == about
    english = text.replace(".nl.md", ".en.md")
    replace(server.project, english, "Text about approach.", "Text about the new approach.")
    server.wait_for("Reloading browsers", count=reloads + 2)
    assert "Text about the new approach." in _page(
        server.base + "en/interventions/voorbeeld-screening/"
    )
    replace(server.project, text, "Tekst over de nieuwe aanpak.", "Tekst over aanpak.")
    replace(server.project, english, "Text about the new approach.", "Text about approach.")
    server.wait_for("Reloading browsers", count=reloads + 3)
    assert "lft: building every page: the first build" in server.output()
    assert server.output().count("lft: building every page") == whole  # three dirty builds
    # A note is said at the rebuild that finds it, not again at every one after it.
    assert server.output().count("'not translated yet' notice") == noticed > 0
    assert "warning(s) and note(s) in all, 0 of them new" in server.output()
    assert "Tekst over aanpak." in _page(server.base + "interventions/voorbeeld-screening/")


def test_the_preview_writes_no_sitemap(server: Server) -> None:
    """Nothing reads a preview's sitemap, and writing and scanning it grew with the site."""
    with pytest.raises(urllib.error.HTTPError) as refused:
        _status(server.base + "sitemap.xml")
    assert refused.value.code == 404
    assert _status(server.base + "about/") == 200


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        text: str = response.read().decode("utf-8")
        return text


def test_a_preview_starts_with_problems_and_shows_them_on_every_page(project: Path) -> None:
    sheet = "content/phenomena/voorbeeld/phenomenon.yml"
    replace(project, sheet, "\ntitle: {nl: Voorbeeldfenomeen", "\ntittle: {nl: Voorbeeldfenomeen")
    running = Server(project)
    try:
        running.wait_for("Serving on")
        assert "serving every page without problems until the content is valid" in (
            running.output()
        )
        for address in ("about/", "interventions/voorbeeld-screening/", "en/news/"):
            page = _page(running.base + address)
            assert 'class="lft-problems" role="alert"' in page
            assert f"{sheet}:" in page and "unknown key &#39;tittle&#39;" in page
        with pytest.raises(urllib.error.HTTPError, match="404"):
            _page(running.base + "phenomena/voorbeeld/")
        replace(project, sheet, "\ntittle:", "\ntitle:")
        running.wait_for("lft: content is valid")
        running.wait_for("Reloading browsers")
        assert "lft-problems" not in _page(running.base + "phenomena/voorbeeld/")
    finally:
        running.process.terminate()
        running.process.wait(timeout=10)
        running.handle.close()


def _answer(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        return sock.recv(200)


def test_the_preview_answers_only_its_own_host_and_refuses_bad_paths(server: Server) -> None:
    here = f"Host: 127.0.0.1:{server.port}\r\n".encode()
    ok = _answer(server.port, b"GET /about/ HTTP/1.0\r\n" + here + b"\r\n")
    assert ok.startswith(b"HTTP/1.0 200 OK")
    foreign = b"GET /about/ HTTP/1.0\r\nHost: attacker.example:80\r\n\r\n"
    assert _answer(server.port, foreign).startswith(b"HTTP/1.0 400 Bad Request")
    for path in (b"/%00", b"/%ff%fe/", b"/a%1b[31m"):
        answer = _answer(server.port, b"GET " + path + b" HTTP/1.0\r\n" + here + b"\r\n")
        assert answer.startswith(b"HTTP/1.0 400 Bad Request"), path
    assert "Traceback" not in server.output()


def test_settle_sets_aside_what_is_kept_until_the_next_rebuild_of_every_page() -> None:
    import gc
    import weakref

    from lft.finish.preview import settle

    class Node:
        pass

    node = Node()
    node.self = node  # type: ignore[attr-defined]  # a reference cycle, alive
    kept = weakref.ref(node)
    try:
        settle()  # a rebuild of every page: what lives now is set aside
        del node  # garbage from now on, but set aside
        gc.collect()  # a collection passes over what is set aside (quick)
        assert kept() is not None
        settle()  # the next rebuild of every page collects it
        assert kept() is None
    finally:
        gc.unfreeze()


def test_a_preview_of_english_alone_shows_the_english_pages_at_the_root(project: Path) -> None:
    """`lft serve --lang en` builds English alone, as the default language, which would take a
    page's Dutch file before its English one: the English pages alone are staged, and each
    page's home is the root."""
    running = Server(project, "--lang", "en")
    try:
        running.wait_for("Serving on")
        page = _page(running.base + "interventions/voorbeeld-screening/")
        assert '<html lang="en"' in page
        assert "Example screening</h1>" in page and "Voorbeeldscreening" not in page
        assert '<li><a href="../..">' in page  # the breadcrumb's home: the root, not en/
        about = _page(running.base + "about/")
        assert '<html lang="en"' in about and "Over " not in about
    finally:
        running.process.terminate()
        running.process.wait(timeout=10)
        running.handle.close()
