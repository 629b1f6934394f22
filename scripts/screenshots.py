"""Screenshots of a fact sheet for the README: Dutch and English, desktop and phone.

Builds the site and photographs it in Debian's Chromium with the browser tests' set-up, so the
pictures can be made again after a change of look:

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = "phenomena/vastgoedketen/"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
LANGUAGES = {"nl": "", "en": "en/"}


def target(lang: str, size: str) -> Path:
    return ROOT / ".github" / f"screenshot-factsheet-{lang}-{size}.png"


def main() -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]
    from playwright.sync_api import sync_playwright

    from lft.build import build_site
    from test_browser import CHROMIUM, FLAGS, serving

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build_site(ROOT, site)
        with serving(site) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for lang, prefix in LANGUAGES.items():
                for size, viewport in SIZES.items():
                    context = browser.new_context(viewport=viewport, device_scale_factor=1)
                    page = context.new_page()
                    page.goto(url + prefix + PAGE)
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=str(target(lang, size)))
                    context.close()
                    print(f"wrote {target(lang, size).relative_to(ROOT)}")
            browser.close()


if __name__ == "__main__":
    main()
