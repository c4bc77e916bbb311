"""The Events view in real Chromium: the generated multi-event corpus uploaded through the real
uploader, the timeline drawn by Plotly, and a click on a point opening that event's comparison.

Same set-up as tests/test_browser.py (Debian's /usr/bin/chromium, `streamlit run` on a free
loopback port); without the browser these tests fail, they do not skip.
"""
from __future__ import annotations

import re

import events_fixture
import pytest
from browser_support import chromium_page, corpus_dropzone, settle

pytestmark = pytest.mark.browser

TIMELINE_TITLE = "US vs China across 12 events"
# Points drawn per trace of the timeline chart (Plotly SVG: one path per marker).
POINTS = """() => {
    const plot = [...document.querySelectorAll('.js-plotly-plot')]
        .find(p => (p.querySelector('.gtitle')?.textContent || '').includes('across 12 events'));
    if (!plot) return null;
    return [...plot.querySelectorAll('.scatterlayer .trace')].map(t => t.querySelectorAll('.points path').length);
}"""


@pytest.fixture
def page(server):
    with chromium_page(server.url) as tab:
        yield tab


def test_uploaded_multi_event_corpus_shows_the_timeline_and_a_point_opens_its_event(page, server):
    settle(page, server, "US vs China", "Only China", charts=True)
    page.get_by_test_id("stSidebar").get_by_text("Upload files", exact=True).click()
    settle(page, server, "CSV, JSONL or TXT files")
    corpus_dropzone(page).set_input_files(
        {"name": "events.csv", "mimeType": "text/csv", "buffer": events_fixture.csv_bytes()})
    settle(page, server, "US vs China", re.compile("event: Round 12, Ottawa"), charts=True)

    page.get_by_text("All events (timeline)", exact=True).click()
    settle(page, server, TIMELINE_TITLE, "Which side used which descriptor when", charts=True)
    # 11 compared events on each of the three panels, and the one event China sent nothing for.
    assert page.evaluate(POINTS) == [11, 1, 11, 11], server.log()  # the overlap panel holds the crosses
    assert page.get_by_text(re.compile("Round 10, Oslo")).first.is_visible()
    assert not page.get_by_test_id("stException").count()

    # Click the third event's point on the overlap panel: its comparison opens.
    point = page.locator(".js-plotly-plot .scatterlayer .trace").first.locator(".points path").nth(2)
    point.scroll_into_view_if_needed()
    point.click(force=True)
    settle(page, server, re.compile("event: Round 03, Bali"), charts=True)
    assert page.get_by_role("heading", name="US vs China", exact=True).is_visible()
    assert not page.get_by_text(TIMELINE_TITLE, exact=True).count()
