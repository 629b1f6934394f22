"""What the engine says while a command runs: its warnings in lft's words, its progress only
with `--verbose`."""

from __future__ import annotations

import logging
import os
import sys

from lft import engine

_LFT_LOGGER = "mkdocs.plugins.lft"


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever `sys.stderr` is now, so a second command in one process does not
    write to the first one's stream."""

    @property
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


class _EngineLog(logging.Formatter):
    """The engine's warnings in lft's words (`engine_words`); lft's own notes as they are."""

    def format(self, record: logging.LogRecord) -> str:
        from lft.engine.mkdocs import engine_words

        message = record.getMessage()
        if record.name.startswith(_LFT_LOGGER) or record.levelno < logging.WARNING:
            return f"{record.levelname:<7} -  {message}"
        return f"{record.levelname.lower()}: {engine_words(message)}"


class _Quiet(logging.Filter):
    """What `lft build` shows of the engine: its warnings and lft's own notes, not its progress
    (`--verbose` shows everything)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or record.name.startswith(_LFT_LOGGER)


def setup_logging(verbose: bool, *, building: bool = False) -> None:
    logger = engine.logger()
    handler = next((h for h in logger.handlers if isinstance(h, _Stderr)), None)
    if handler is None:
        handler = _Stderr()
        logger.addHandler(handler)
    handler.setFormatter(_EngineLog())
    for old in [f for f in handler.filters if isinstance(f, _Quiet)]:
        handler.removeFilter(old)
    if building and not verbose:
        handler.addFilter(_Quiet())
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
