"""Refresh docs/screenshot.png (the README's picture): the bundled event's finished view, 1400x900.

Run on purpose, after a change to what the default view shows:

    .venv/bin/python scripts/screenshot.py [OUT.png]

It starts `streamlit run dashboard.py` on a free loopback port and takes the picture in Debian's
chromium the way tests/test_browser.py does (tests/browser_support.py), so the two cannot drift apart.
The tests never write it: theirs goes to a temporary directory.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from app_support import BUNDLED_DIFF  # noqa: E402
from browser_support import StreamlitServer, chromium_page, read_diff, screenshot_default_view  # noqa: E402


def main(out: Path = ROOT / "docs" / "screenshot.png") -> int:
    server = StreamlitServer()
    try:
        server.wait_healthy()
        with chromium_page(server.url) as page:
            screenshot_default_view(page, server, out)
            shown = read_diff(page)
    finally:
        server.stop()
    if shown != BUNDLED_DIFF:  # the picture must show the finished view, not a half-drawn one
        print(f"screenshot: the page showed {shown}, not the bundled diff; {out} may be wrong", file=sys.stderr)
        return 1
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve()) if len(sys.argv) > 1 else main())
