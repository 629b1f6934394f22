"""Settings in the process environment, changed only for as long as one step needs them.

MkDocs reads some of the project's settings from the environment (`!ENV` in `mkdocs.yml`). A
command that changes them gives them back when it ends, so a later command in the same process
(a test, a tool that imports `lft`) starts from the environment it was given.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager


@contextmanager
def changed(settings: Mapping[str, str | None]) -> Iterator[None]:
    """Set each name to its value (None: remove it) and restore every one of them afterwards."""
    saved = {name: os.environ.get(name) for name in settings}
    try:
        for name, value in settings.items():
            _put(name, value)
        yield
    finally:
        for name, value in saved.items():
            _put(name, value)


def _put(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value
