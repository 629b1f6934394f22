"""Write the accessibility audit record from the browser checks, and show it in the statement.

Builds the site, runs the checks of the browser tests (axe-core on every tested page at desktop
width and on every page type at phone width, light and dark; the Nu Html Checker on every page)
with the same browser set-up, writes `scripts/accessibility-audit.json`, and rewrites the audit
section of docs/accessibility.md and docs/accessibility.en.md from it. The tests fail when the
record no longer says what they find, so run this after a change that they report:

    .venv/bin/python scripts/audit.py
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- audit: written by scripts/audit.py -->", "<!-- /audit -->"
_SECTION = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)

_WORDS = {
    "nl": {
        "intro": "Laatste automatische controle: {day}, op {pages} pagina's in het Nederlands "
        "en het Engels.",
        "head": "| Controle | Hulpmiddel | Uitkomst |",
        "desktop": "WCAG 2.1 A en AA, de automatisch te testen regels, op computerbreedte",
        "phone": "Dezelfde regels op telefoonbreedte (390 px), lichte en donkere weergave",
        "html": "Geldige HTML",
        "axe_result": "{found} problemen op {count} pagina's",
        "phone_result": "{found} problemen op {count} paginasoorten",
        "html_result": "{found} fouten op {count} pagina's",
        "in": "in",
    },
    "en": {
        "intro": "Last automated check: {day}, on {pages} pages in Dutch and English.",
        "head": "| Check | Tool | Outcome |",
        "desktop": "WCAG 2.1 A and AA, the rules that can be tested automatically, at desktop "
        "width",
        "phone": "The same rules at phone width (390 px), light and dark",
        "html": "Valid HTML",
        "axe_result": "{found} problems on {count} pages",
        "phone_result": "{found} problems on {count} page types",
        "html_result": "{found} errors on {count} pages",
        "in": "in",
    },
}


def _day(record: dict[str, Any], lang: str) -> str:
    from lft.render.pages import format_day

    return str(format_day(dt.date.fromisoformat(record["date"]), lang))


def section(record: dict[str, Any], lang: str) -> str:
    """The audit section of the statement in `lang`, markers included, from `record`."""
    words = _WORDS[lang]
    tools = record["tools"]
    axe = f"axe-core {tools['axe-core']} {words['in']} Chromium {tools['Chromium']}"
    desktop, phone = record["axe"]["desktop"], record["axe"]["phone"]
    found = {
        name: sum(len(rules) for rules in runs.values()) for name, runs in record["axe"].items()
    }
    phone_types = {key.split(" ", 1)[1].removeprefix("en/") for key in phone}
    rows = [
        (
            words["desktop"],
            axe,
            words["axe_result"].format(found=found["desktop"], count=len(desktop)),
        ),
        (
            words["phone"],
            axe,
            words["phone_result"].format(found=found["phone"], count=len(phone_types)),
        ),
        (
            words["html"],
            f"Nu Html Checker {tools['Nu Html Checker (vnu-jar)']}",
            words["html_result"].format(
                found=record["html"]["errors"], count=record["html"]["pages"]
            ),
        ),
    ]
    lines = [
        START,
        words["intro"].format(day=_day(record, lang), pages=record["html"]["pages"]),
        "",
        words["head"],
        "|---|---|---|",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows),
        END,
    ]
    return "\n".join(lines)


def show(record: dict[str, Any], statement: Path, lang: str) -> None:
    """Replace the audit section of `statement` by the one written from `record`."""
    text = statement.read_text(encoding="utf-8")
    if not _SECTION.search(text):
        raise SystemExit(f"{statement}: no audit section ({START} … {END}) to replace")
    statement.write_text(_SECTION.sub(lambda _: section(record, lang), text), encoding="utf-8")


def audit() -> dict[str, Any]:
    """Run the checks of the browser tests on a fresh build; the record of what they found."""
    sys.path.insert(0, str(ROOT / "tests"))
    from playwright.sync_api import sync_playwright

    from lft.build import build_site
    from test_browser import CHROMIUM, FLAGS, LANGS, PAGES, axe_rules, serving, tools
    from test_browser_phone import PAGE_TYPES, PHONE, SCHEMES
    from test_vnu import html_errors

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build_site(ROOT, site)
        pages, errors = html_errors(site)
        with serving(site) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            desktop: dict[str, list[str]] = {}
            phone: dict[str, list[str]] = {}
            for lang in LANGS:
                for path in PAGES:
                    page = browser.new_context().new_page()
                    page.goto(url + lang + path)
                    page.wait_for_load_state("networkidle")
                    desktop[lang + path] = axe_rules(page)[0]
                    page.context.close()
                for path in PAGE_TYPES:
                    for scheme in SCHEMES:
                        context = browser.new_context(viewport=PHONE, color_scheme=scheme)
                        page = context.new_page()
                        page.goto(url + lang + path)
                        page.wait_for_load_state("networkidle")
                        phone[f"{scheme} {lang}{path}"] = axe_rules(page)[0]
                        context.close()
            used = tools(browser)
            browser.close()
    return {
        "date": dt.date.today().isoformat(),
        "tools": used,
        "axe": {"desktop": desktop, "phone": phone},
        "html": {"pages": len(pages), "errors": len(errors)},
    }


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    record = audit()
    target = ROOT / "scripts" / "accessibility-audit.json"
    target.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    show(record, ROOT / "docs" / "accessibility.md", "nl")
    show(record, ROOT / "docs" / "accessibility.en.md", "en")
    print(f"wrote {target.relative_to(ROOT)} and the statement's audit section")


if __name__ == "__main__":
    main()
