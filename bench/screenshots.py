"""``python -m bench.screenshots``: the README's screenshots (docs/screenshots/), taken in Debian's
Chromium at 1280 and 390 px, light and dark, from a fresh build of the real catalog.

Not part of `make test`; run it after a change to how a page looks, then look at the pictures.
"""

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright
from tests.browser import CHROMIUM, CHROMIUM_ARGS

from .generate import REPO
from .lighthouse import gzip_server
from .measure import timed

PAGES = {
    "home": "",
    "browse": "credentials/?query=group+work",
    "credential": "credentials/kind-critiquing/",
    "stack": "stacks/healthy-teams/",
    "pathway": "pathways/first-year-teacher-induction/",
    "plan": "plan/?ids=kind-critiquing,active-listening",
    "compare": "compare/?ids=kind-critiquing,active-listening",
    "embed-builder": "embedding/",
}
WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")


def take(site: Path, out: Path, pages: dict[str, str]) -> list[Path]:
    taken = []
    with gzip_server(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            for scheme in SCHEMES:
                context = browser.new_context(viewport={"width": width, "height": 900},
                                              color_scheme=scheme, device_scale_factor=1)
                page = context.new_page()
                for name, path in pages.items():
                    page.goto(url + path, wait_until="networkidle")
                    page.wait_for_timeout(300)
                    target = out / f"{name}-{width}-{scheme}.png"
                    page.screenshot(path=str(target))
                    taken.append(target)
                context.close()
        browser.close()
    return taken


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.screenshots", description=__doc__)
    p.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    p.add_argument("--page", action="append", choices=sorted(PAGES), help="only these pages")
    args = p.parse_args(argv)
    site = REPO / "bench" / "out" / "screenshot-site"
    timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], REPO)
    pages = {name: PAGES[name] for name in args.page} if args.page else PAGES
    args.out.mkdir(parents=True, exist_ok=True)
    for path in take(site, args.out, pages):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
