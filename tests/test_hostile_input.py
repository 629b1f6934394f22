"""No command ends in a Python traceback on any content: `check`, `new` and `translations` are
fed broken, hostile and odd files, and each ends with a clean exit code and its own message."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import replace, run_cli, write

ITEM = "content/interventions/voorbeeld-screening"
SHEET = "content/phenomena/voorbeeld/phenomenon.yml"


def nested(depth: int) -> str:
    return "title:\n" + "".join(" " * n + "x:\n" for n in range(1, depth)) + " " * depth + "y\n"


def folder_instead_of(rel: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        path = root / rel
        path.unlink()
        path.mkdir()

    return make


HOSTILE: dict[str, Callable[[Path], object]] = {
    "YAML nested 600 deep": lambda root: write(root, f"{ITEM}/intervention.yml", nested(600)),
    "flow YAML nested 5000 deep": lambda root: write(
        root, "content/glossary.yml", "a: " + "[" * 5000 + "\n"
    ),
    "a translations.yml nested 600 deep": lambda root: write(
        root, f"{ITEM}/translations.yml", nested(600)
    ),
    "a heading with 3000 trailing spaces": lambda root: write(
        root, f"{ITEM}/intervention.nl.md", "## Probleem" + " " * 3000 + "\n"
    ),
    "a corrupt translations.yml": lambda root: write(
        root, f"{ITEM}/translations.yml", b"en: {intervention.yml: [\xff\n"
    ),
    "a translations.yml of the wrong shape": lambda root: write(
        root, f"{ITEM}/translations.yml", "en: [1, 2]\n"
    ),
    "translations.yml as a folder": folder_instead_of(f"{ITEM}/translations.yml"),
    "figure: .inf": lambda root: replace(root, SHEET, "    figure: 13\n", "    figure: .inf\n"),
    "figure: .nan": lambda root: replace(root, SHEET, "    figure: 13\n", "    figure: .nan\n"),
    "a NUL byte in YAML": lambda root: write(root, f"{ITEM}/intervention.yml", "title: a\x00b\n"),
    "a NUL byte in Markdown": lambda root: write(
        root, f"{ITEM}/intervention.en.md", "## Problem\n\na\x00b\n"
    ),
    "invalid UTF-8 in Markdown": lambda root: write(root, f"{ITEM}/intervention.nl.md", b"\xc3("),
    "docs/about.md as a folder": folder_instead_of("docs/about.md"),
    "invalid UTF-8 in docs/about.md": lambda root: write(root, "docs/about.md", b"# Over\n\xff\n"),
    "intervention.yml as a folder": folder_instead_of(f"{ITEM}/intervention.yml"),
    "intervention.en.md as a folder": folder_instead_of(f"{ITEM}/intervention.en.md"),
    "organisations.yml as a folder": folder_instead_of("content/organisations.yml"),
    "a quote left open": lambda root: write(
        root, f"{ITEM}/intervention.yml", "title:\n  nl: 'Hallo\n  en: x\nb: it's\n"
    ),
    "a list where the file must hold keys": lambda root: write(
        root, f"{ITEM}/intervention.yml", "- a\n- b\n"
    ),
    "an empty item file": lambda root: write(root, f"{ITEM}/intervention.yml", ""),
    "a placeholder for every text": lambda root: write(
        root, f"{ITEM}/intervention.yml", 'title: "TODO"\nphenomena: "TODO"\npartners: "TODO"\n'
    ),
    "a file in place of an item folder": lambda root: write(
        root, "content/interventions/los-bestand", "x"
    ),
    "a folder name that is not a slug": lambda root: (root / ITEM).rename(
        root / "content/interventions/Voorbeeld Screening"
    ),
    "no content folder": lambda root: shutil.rmtree(root / "content"),
}

COMMANDS = [
    ("check",),
    ("check", "--allow-drafts"),
    ("check", "--format", "json"),
    ("translations",),
    ("translations", "--format", "markdown"),
    ("translations", "--mark-current", ITEM),
    ("new", "intervention", "nieuw", "--phenomenon", "voorbeeld"),
    ("new", "news", "nieuw", "--date", "2026-11-30"),
    ("new", "term", "nieuw"),
    ("new", "organisation", "nieuw"),
]


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_no_command_ends_in_a_traceback(
    case: str,
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    HOSTILE[case](project)
    for argv in COMMANDS:
        code, out, err = run_cli(capsys, "--root", str(project), *argv)
        assert code in (0, 1, 2), (argv, code)
        assert "Traceback" not in out + err, argv
        if argv[0] == "check":
            assert code == 1, (argv, out)
