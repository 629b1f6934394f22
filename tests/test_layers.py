"""The layout shows the pipeline, and its imports point down it.

`src/lft/` is grouped by stage: `source/` (read what the repository holds), `check/` (the content
checks and the publication guard), `render/` (Markdown pages and the staged source), `finish/`
(what the engine built, made strict and checked), `engine/` (the engine and its adapter, which
calls the stages below it). Beside them: a few modules every stage may use, and the commands on
top (`lft.cli` and `lft.commands`). A module imports only from its own stage or one below it, read
from the code itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
STAGES = ("source", "check", "render", "finish", "engine")
"""Lowest first: a stage may import from the stages before it, never after."""
BASE = {
    "lft",
    "lft.problems",
    "lft.placeholders",
    "lft.clock",
    "lft.outputs",
    "lft.dangerous",
    "lft.workers",
}
"""Small modules below every stage: positions and problems, placeholders, time, output folders,
worker processes."""
TOP = {"lft.build", "lft.cli", "lft.tagged", "lft.commands", "lft.environment"}
"""The commands (`lft.cli`, one module each in `lft.commands`) and what only they use: above
every stage."""


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted((SRC / "lft").rglob("*.py"))}


def imports(path: Path) -> set[str]:
    """The `lft` modules a file imports, at any depth of the file (lazy imports count)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lft"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("lft"))
    return found & set(modules())


def rank(module: str) -> int:
    """0 for the base, 1 to 5 for the stages in order, 6 for the top."""
    if module in BASE:
        return 0
    if module in TOP or module.startswith("lft.commands."):
        return len(STAGES) + 1
    stage = module.split(".")[1]
    assert stage in STAGES, f"{module} is in no stage: put it in one, or name it in BASE or TOP"
    return STAGES.index(stage) + 1


@pytest.mark.parametrize("module", sorted(modules()))
def test_imports_point_down(module: str) -> None:
    upward = sorted(target for target in imports(modules()[module]) if rank(target) > rank(module))
    assert not upward, f"{module} imports from a later stage: {upward}"


def test_the_model_imports_no_parser() -> None:
    assert imports(modules()["lft.source.model"]) <= {"lft.source.kinds", "lft", "lft.source"}


def test_no_check_imports_the_renderer() -> None:
    checks = [m for m in modules() if m.startswith("lft.check")]
    for module in checks:
        assert not any(t.startswith("lft.render") for t in imports(modules()[module])), module


def test_every_module_is_placed() -> None:
    for module in modules():
        rank(module)


def test_the_rule_can_fail(tmp_path: Path) -> None:
    """A source module that imports the renderer is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from lft.render.pages import render_pages\n", encoding="utf-8")
    assert "lft.render.pages" in imports(bad)
    assert rank("lft.render.pages") > rank("lft.source.model")


def test_modules_and_functions_stay_small() -> None:
    """No module over 500 lines, `cli.py` under 300, no function over 60 (issue 19): a file or
    function that grows past them has more than one job."""
    long_modules = []
    long_functions = []
    for module, path in modules().items():
        text = path.read_text(encoding="utf-8")
        limit = 300 if module == "lft.cli" else 500
        if len(text.splitlines()) > limit:
            long_modules.append(module)
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                if node.end_lineno - node.lineno + 1 > 60:
                    long_functions.append(f"{module}.{node.name}")
    assert not long_modules and not long_functions, (long_modules, long_functions)
