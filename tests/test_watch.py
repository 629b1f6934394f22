"""The preview's watches: the system's file events, of changes only, or MkDocs' poll where the
system cannot watch (`lft.engine.mkdocs.watch`)."""

from __future__ import annotations

import errno
import logging
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    EventsLostEvent,
    FileModifiedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers.api import BaseObserver, EventEmitter
from watchdog.observers.polling import PollingObserver

from lft.engine import mkdocs as engine  # noqa: F401  (the engine answers `mkdocs` imports)
from lft.engine.mkdocs.plugin import _watch_changes
from lft.engine.mkdocs.watch import Changes, _Lost, why_not_events
from lft.finish.preview import CONSOLE


class _Seen(FileSystemEventHandler):
    def __init__(self, awaited: Path) -> None:
        self.events: list[FileSystemEvent] = []
        self.awaited = str(awaited)
        self.arrived = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.events.append(event)
        if event.src_path == self.awaited:
            self.arrived.set()


def test_a_read_is_no_change_and_a_write_is(tmp_path: Path) -> None:
    # A rebuild reads every file it watches: were a read an event, each rebuild would start
    # the next. The system reports events in order, so the read came first if it came at all.
    read, written = tmp_path / "read.md", tmp_path / "written.md"
    read.write_text("text", encoding="utf-8")
    seen = _Seen(written)
    changes = Changes()
    changes.schedule(seen, str(tmp_path), recursive=True)
    changes.start()
    try:
        assert read.read_text(encoding="utf-8") == "text"
        written.write_text("saved", encoding="utf-8")
        assert seen.arrived.wait(timeout=30), "no event for the saved file"
    finally:
        changes.stop()
        changes.join()
    assert [e.src_path for e in seen.events if e.src_path == str(read)] == []


def test_events_the_system_lost_count_as_a_change(tmp_path: Path) -> None:
    # MkDocs' handler passes over events of folders; a lost event names the watched folder.
    seen: list[FileSystemEvent] = []
    handler = FileSystemEventHandler()
    handler.on_any_event = seen.append  # type: ignore[method-assign]
    watch = Changes().schedule(handler, str(tmp_path), recursive=True)
    assert EventsLostEvent in (watch.event_filter or ())
    _Lost(handler).dispatch(EventsLostEvent(str(tmp_path), is_directory=True))
    assert [(type(e), e.src_path, e.is_directory) for e in seen] == [
        (FileModifiedEvent, str(tmp_path), False)
    ]


def _watching() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if isinstance(t, EventEmitter) and t.is_alive()]


def test_a_folder_the_system_cannot_watch_is_named(tmp_path: Path) -> None:
    assert why_not_events([str(tmp_path)]) is None
    assert _watching() == []
    assert why_not_events([str(tmp_path), str(tmp_path / "gone")]) == "No such file or directory"
    assert _watching() == []


def test_a_trial_that_fails_stops_the_watches_it_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The system refuses a watch after others started (its limit reached with the last folder).
    start = BaseObserver.on_thread_start

    def refused(observer: BaseObserver) -> None:
        start(observer)
        raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr(BaseObserver, "on_thread_start", refused)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert why_not_events([str(tmp_path / "a"), str(tmp_path / "b")]) == (
        "inotify watch limit reached"
    )
    assert _watching() == []


def _server(tmp_path: Path) -> LiveReloadServer:
    settings = tmp_path / "mkdocs.yml"
    settings.write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(settings))  # as MkDocs does before the plugin's on_serve
    return server


def test_the_preview_watches_by_events(tmp_path: Path) -> None:
    server = _server(tmp_path)
    (tmp_path / "content").mkdir()
    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"), watch=[str(tmp_path / "content")]
    )
    _watch_changes(server, config)  # type: ignore[arg-type]
    assert isinstance(server.observer, Changes)
    server.unwatch(str(tmp_path / "mkdocs.yml"))  # the settings' watch moved to the events


def test_the_preview_polls_where_the_system_cannot_watch(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server = _server(tmp_path)
    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"), watch=[str(tmp_path / "gone")]
    )
    console = logging.getLogger(CONSOLE)
    console.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger=CONSOLE)
    try:
        _watch_changes(server, config)  # type: ignore[arg-type]
    finally:
        console.removeHandler(caplog.handler)
    assert isinstance(server.observer, PollingObserver)
    assert "watching files by a poll every half second: No such file or directory" in caplog.text
