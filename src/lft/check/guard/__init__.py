"""The publication guard: nothing personal, classified, unfinished or dangerous reaches the site.

`guard` scans the raw text of every file the site is built from (`content/**/*.yml`,
`content/**/*.md`, `docs/**/*.md`, SVG pictures through the allow-list of `lft.source.svg` and their
text read as XML, the metadata of PNG, JPEG and WebP images, also those of `overrides/`, and
`publisher.yml`, whose values the contact page and the colophon show) and checks that
published items do not refer to drafts or embargoed items. Every finding names its rule; a
finding is excused only by an `lft-allow <rule>: <reason>` comment on its own line or the line
directly above it, except findings that are never meant (`raw-html`, `placeholder`,
`direction`). `lft.finish.guard.scan_output` runs the same personal-data and marking rules
over
a built site.

The package: `text` (positions, normalising), `personal`, `markings`, `html`, `images`,
`excuses`, `references`, `config` (guard.yml), `scan` (one file), `output` (the built site),
`places` (where an excuse holds in the built site).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from lft.check.guard.config import CONFIG, Settings, settings
from lft.check.guard.excuses import Allow, allows, by_place
from lft.check.guard.personal import bsn_valid, iban_valid, mask
from lft.check.guard.references import item_files, left_out, references
from lft.check.guard.scan import IMAGE_SUFFIXES, image, source
from lft.check.guard.text import Finding, Text
from lft.check.publisher import PUBLISHER_FILE
from lft.problems import Problem, Severity
from lft.source.files import Lister, entries, listing
from lft.source.load import TRANSLATIONS_FILE, Reader, read_text
from lft.source.memo import Remember, fresh, kept_many
from lft.source.model import Content
from lft.workers import LIGHT, in_chunks

__all__ = ["CONFIG", "RULES", "GuardReport", "bsn_valid", "guard", "iban_valid", "mask"]

RULES = (
    "bsn",
    "iban",
    "phone",
    "email",
    "marking",
    "confidential-word",
    "case-number",
    "suspect-name",
    "placeholder",
    "raw-html",
    "direction",
    "link",
    "unpublished-reference",
)


@dataclass
class GuardReport:
    """What the guard found: problems, findings excused with a reason, items left off the site."""

    problems: list[Problem] = field(default_factory=list)
    excused: list[tuple[Problem, str]] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


def _files(root: Path, lister: Lister) -> list[tuple[Path, str]]:
    """The files the guard reads, each by its path and its path from the root."""
    suffixes = {".md", ".svg", *IMAGE_SUFFIXES}
    paths: list[tuple[Path, str]] = []
    for folder, kinds in (
        ("content", suffixes | {".yml"}),
        ("docs", suffixes),
        ("overrides", {".svg", *IMAGE_SUFFIXES}),  # the theme's own pictures ship too
    ):
        base = root / folder
        if base.is_dir():
            paths += [
                (Path(entry.path), rel)
                for rel, entry in entries(base, folder, lister)
                if os.path.splitext(entry.name)[1].lower() in kinds and entry.is_file()
            ]
    if (root / PUBLISHER_FILE).is_file():
        paths.append((root / PUBLISHER_FILE, PUBLISHER_FILE))  # its values are in the pages
    return sorted(
        (path, rel)
        for path, rel in paths
        if path.name != TRANSLATIONS_FILE  # machine-written fingerprints, never published
        and not any(part.startswith(".") for part in rel.split("/"))
    )


def _judge(
    report: GuardReport, rel: str, findings: list[Finding], excuses: list[Allow], *, drafts: bool
) -> None:
    """The findings of one file into `report`: excused where an `lft-allow` comment excuses
    them, a warning for a placeholder in a draft (`drafts`); an excuse that excuses nothing is a
    warning too."""
    excuse_at = by_place(excuses)
    used: set[int] = set()  # the excuses (by identity) that excused a finding; none is changed
    for finding in findings:
        draft = finding.rule == "placeholder" and drafts
        problem = Problem(
            rel,
            finding.line,
            finding.col,
            "",
            finding.message,
            finding.hint,
            Severity.WARNING if draft else finding.severity,
            finding.rule,
        )
        excuse = excuse_at.get((finding.rule, finding.line))
        if excuse is None:
            report.problems.append(problem)
        else:
            used.add(id(excuse))
            report.excused.append((problem, excuse.reason))
    for excuse in excuses:
        if id(excuse) not in used:
            report.problems.append(
                Problem(
                    rel,
                    excuse.line,
                    excuse.col,
                    "",
                    f"lft-allow {excuse.rule}: nothing to excuse here",
                    "remove the comment, or move it to the line of the finding or the line above",
                    Severity.WARNING,
                    "allow",
                )
            )


Scanned = tuple[tuple[Finding, ...], tuple[Allow, ...]]
"""The findings of one file and its excuses."""


def _scan_files(
    root: Path, files: list[tuple[Path, str]], config: Settings, read: Reader, remember: Remember
) -> dict[str, tuple[list[Finding], list[Allow]]]:
    """The findings and excuses of each file that could be read, by its path from the root.
    The texts `remember` has no scan of are scanned in one go, over worker processes."""
    scanned: dict[str, tuple[list[Finding], list[Allow]]] = {}
    texts: list[tuple[str, str]] = []
    for path, rel in files:
        if path.suffix.lower() in IMAGE_SUFFIXES:
            scanned[rel] = image(rel, path.read_bytes(), config), []
            continue
        text = read(path, rel)[0]  # as `load` read it
        if text is not None:  # else `lft check` reports the unreadable file
            texts.append((rel, text))

    def make(missing: list[int]) -> list[Scanned]:
        return in_chunks(
            _scan_texts, [texts[index] for index in missing], root, config, at_least=LIGHT
        )

    for (rel, _text), (findings, excuses) in zip(
        texts, kept_many(remember, "guard", texts, make), strict=True
    ):
        scanned[rel] = list(findings), list(excuses)  # the caller adds to them; kept ones stay
    return scanned


def _scan_texts(jobs: list[tuple[str, str]], root: Path, config: Settings) -> list[Scanned]:
    return [_scan_text(root, rel, text, config) for rel, text in jobs]


def _scan_text(root: Path, rel: str, text: str, config: Settings) -> Scanned:
    doc = Text(rel, text)
    found, problems, scan_text = allows(doc, RULES)
    return tuple(source(doc, scan_text, config, root) + problems), tuple(found)


def guard(
    root: Path,
    content: Content,
    today: dt.date,
    *,
    allow_drafts: bool = False,
    config: tuple[Settings, list[Problem]] | None = None,
    read: Reader | None = None,
    remember: Remember = fresh,
    lister: Lister = listing,
) -> GuardReport:
    """Scan everything the site is built from; see the module docstring. `config` (the guard
    settings and their problems) and `read` (`lft.check.project.Project.read`), when the caller has
    them, save reading those files again; by default the texts are those `load` read. `remember`
    keeps the scan of a file's text for the next check (`lft.source.memo`); `lister` lists
    each folder."""
    report = GuardReport()
    if not (root / "content").is_dir():
        return report  # not a project: loading has said so already
    found_settings, config_problems = config or settings(root)
    report.problems += config_problems
    if read is None:
        texts = content.texts

        def read(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
            return (texts[rel], []) if rel in texts else read_text(path, rel)

    unpublished_files: set[str] = set()
    for item in content.items():
        why = left_out(item, today)
        if why:
            report.left_out.append((item.source, why))
            unpublished_files |= item_files(item)
    report.left_out.sort()

    by_file = _scan_files(root, _files(root, lister), found_settings, read, remember)
    for item, finding in references(content, today):
        by_file.setdefault(item.source, ([], []))[0].append(finding)
    for rel, (findings, excuses) in sorted(by_file.items()):
        drafts = allow_drafts or rel in unpublished_files
        _judge(report, rel, findings, excuses, drafts=drafts)
    report.problems.sort()
    report.excused.sort(key=lambda pair: pair[0])
    return report
