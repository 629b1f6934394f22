"""The preview learns of a saved file from the system's file events, not from a poll.

MkDocs' preview (`LiveReloadServer`) polls the folders it watches every half second, walking
and stat-ing every file: a save waits a quarter of a second on average before anything
happens, and an idle preview walks `content/` twice a second. The system's file events
(watchdog's `Observer`: inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows)
name a saved file at once and cost nothing while nothing changes.

Only the events of a change count. The system also reports each file opened and closed
without a write, and a rebuild reads every file of `content/`: those events would start the
next rebuild, and that one the next. Events the system lost (its queue full, as after a
checkout of many files) count as a change, so the preview rebuilds and finds what changed.
Where the system cannot watch the folders (its limit of watches reached, a file system without
events), the preview keeps MkDocs' poll and says why.
"""

from __future__ import annotations

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    EventsLostEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,  # closed after a write
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    EventsLostEvent,
]
"""The events of a change to a file or a folder, and of events lost; not a file opened or
read."""


class _Lost(FileSystemEventHandler):
    """`handler`, given events the system lost as a change of a file: MkDocs' handler passes
    over an event of a folder, and a lost event names the watched folder."""

    def __init__(self, handler: FileSystemEventHandler) -> None:
        self.handler = handler

    def dispatch(self, event: FileSystemEvent) -> None:
        if isinstance(event, EventsLostEvent):
            event = FileModifiedEvent(event.src_path)
        self.handler.dispatch(event)


class Changes(Observer):  # type: ignore[misc, valid-type]  # watchdog's class for this system
    """The system's file events, of changes only (see the module)."""

    def schedule(
        self,
        event_handler: FileSystemEventHandler,
        path: str,
        *,
        recursive: bool = False,
        event_filter: list[type[FileSystemEvent]] | None = None,
        follow_symlink: bool = False,
    ) -> ObservedWatch:
        chosen = CHANGES if event_filter is None else event_filter
        watch: ObservedWatch = super().schedule(
            _Lost(event_handler),
            path,
            recursive=recursive,
            event_filter=chosen,
            follow_symlink=follow_symlink,
        )
        return watch


def why_not_events(paths: list[str]) -> str | None:
    """None when the system can watch every one of `paths` (folders, with what is in them),
    or why not. A trial: watching starts and stops at once."""
    trial = Changes()
    for path in paths:
        trial.schedule(FileSystemEventHandler(), path, recursive=True)
    try:
        trial.start()  # the system's watches are made here, in this thread
    except OSError as exc:
        trial.unschedule_all()  # the watches started before the one that failed
        return exc.strerror or str(exc)
    trial.stop()
    trial.join()
    return None
