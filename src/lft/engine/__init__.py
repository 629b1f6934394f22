"""Which MkDocs 1.x implementation builds the prepared source: one setting, `LFT_ENGINE`.

`properdocs` (the default) is ProperDocs, the continuation of MkDocs 1.x by its last active
maintainer; `mkdocs` is MkDocs 1.6.1, which has had no release since August 2024 (its 2.0 drops
plugins). Both run Material, mkdocs-static-i18n and the lft plugin unchanged and build the same
pages but for the generator line (the README's engine section has the measurement).

ProperDocs answers every `mkdocs.*` import once its `replacement` module has run, so the choice is
made once per process, before the first import of the engine (`lft.engine.mkdocs` calls
`activate`). A process that an engine's own command started (`mkdocs build`, `properdocs build`)
keeps that engine.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys

SETTING = "LFT_ENGINE"
NAMES = ("properdocs", "mkdocs")
DEFAULT = "properdocs"


class EngineSettingError(ValueError):
    """`LFT_ENGINE` names no engine; the message says which ones there are."""


def chosen() -> str:
    """The engine the setting names, or the default."""
    name = os.environ.get(SETTING, "").strip() or DEFAULT
    if name not in NAMES:
        raise EngineSettingError(
            f"{SETTING}={name!r} names no engine: use {' or '.join(NAMES)} (default {DEFAULT})"
        )
    return name


def running() -> str | None:
    """The engine that answers `mkdocs` imports in this process, if one was imported."""
    module = sys.modules.get("mkdocs")
    if module is None:
        return None
    return "properdocs" if module.__name__ == "properdocs" else "mkdocs"


def activate() -> str:
    """Make the chosen engine answer `mkdocs` imports, unless one already does; return it."""
    current = running()
    if current is not None:
        return current
    name = chosen()
    if name == "properdocs":
        importlib.import_module("properdocs.replacement")
        # What the `properdocs` command does too: plugins and themes log as `mkdocs.*`, and
        # strict mode counts the warnings that reach `properdocs`.
        legacy = logging.getLogger("mkdocs")
        legacy.parent = logging.getLogger("properdocs")
        legacy.setLevel(logging.NOTSET)
        legacy.propagate = True
    return name


def logger() -> logging.Logger:
    """The engine's own logger, which every message of the engine, its theme and plugins
    reaches: where lft listens to it."""
    return logging.getLogger(activate())
