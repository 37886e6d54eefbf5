"""Write the README's screenshot of the network view, docs/hormgraph-view.png, with Chromium."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Error, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

#: Show the whole network in the part of the canvas the details panel leaves visible.
FIT_BESIDE_PANEL = """() => {
  const network = window.hormgraph.network;
  const points = Object.values(network.getPositions());
  const [xs, ys] = [points.map((p) => p.x), points.map((p) => p.y)];
  const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys),
                                      Math.max(...ys)];
  const panel = document.getElementById("panel").offsetWidth;
  const box = document.getElementById("network").getBoundingClientRect();
  const scale = 0.9 * Math.min((box.width - panel) / (right - left + 100),
                               box.height / (bottom - top + 60));
  network.moveTo({position: {x: (left + right) / 2, y: (top + bottom) / 2}, scale,
                  offset: {x: -panel / 2, y: 0}});
}"""


# The PNG lives in docs/, not output/: a browser's rendering differs from machine to machine, and
# output/ holds only files that a build makes byte for byte.
def screenshot(html: Path, out: Path, select: str, width: int, height: int) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height},
                                device_scale_factor=1)
        page.route("**/*", lambda route: route.continue_()
                   if route.request.url.startswith("file:") else route.abort())
        page.goto(html.resolve().as_uri())
        page.wait_for_function("() => window.hormgraph && window.hormgraph.interactiveAt !== null")
        if select:
            page.fill("#search", select)
            page.press("#search", "Enter")
            page.wait_for_selector("#panel:not([hidden])")
            page.evaluate(FIT_BESIDE_PANEL)
        page.wait_for_timeout(500)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__ + " Run after `hormgraph build`.")
    options.add_argument("--html", type=Path, default=ROOT / "output" / "hormgraph.html")
    options.add_argument("--out", type=Path, default=ROOT / "docs" / "hormgraph-view.png")
    options.add_argument("--select", default="cortisol",
                         help="a label or synonym to search, showing its panel ('' for none)")
    options.add_argument("--size", default="1400x900", help="window size (default: 1400x900)")
    args = options.parse_args()
    if not args.html.is_file():
        print(f"screenshot: {args.html}: not found; run `hormgraph build` first", file=sys.stderr)
        return 1
    width, height = (int(n) for n in args.size.split("x"))
    try:
        screenshot(args.html, args.out, args.select, width, height)
    except Error as error:
        print(f"screenshot: {args.html}: {error.message.splitlines()[0]}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
