"""The dashboard in real Chromium: `streamlit run dashboard.py` on a free loopback port, driven
through Playwright's sync API with Debian's /usr/bin/chromium (REFERENCES.md section 7).

No browser is downloaded: without /usr/bin/chromium these tests fail (they do not skip) and say
to run `apt-get install chromium`. Nothing tracked is written: the screenshot goes to a temporary
directory (scripts/screenshot.py refreshes docs/screenshot.png on purpose, the same way).
"""
from __future__ import annotations

import re

import pytest
from app_support import BUNDLED_DIFF
from browser_support import (
    CHROMIUM_ARGS,
    TIMEOUT_MS,
    UPLOAD_INFO,
    VIEWPORT,
    StreamlitServer,
    corpus_dropzone,
    csv_file,
    open_tab,
    read_diff,
    require_chromium,
    screenshot_default_view,
    settle,
)

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def browser():
    """Chromium, launched on first use inside a test: a missing /usr/bin/chromium is then a test
    failure (FAILED, with the apt-get hint), not a setup error and never a skip."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        launched = []

        def get():
            if not launched:
                launched.append(pw.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS))
            return launched[0]

        yield get
        for chromium in launched:
            chromium.close()


@pytest.fixture
def new_page(browser):
    """Pages in fresh browser contexts (separate cookies and storage, so separate Streamlit sessions)."""
    contexts = []

    def open_page(server: StreamlitServer):
        context = browser().new_context(viewport=VIEWPORT)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.goto(server.url)
        return page

    yield open_page
    for context in contexts:
        context.close()


def open_default(page, server) -> None:
    settle(page, server, "US vs China", "Only China", charts=True)


def switch_to_upload(page, server) -> None:
    page.get_by_test_id("stSidebar").get_by_text("Upload files", exact=True).click()
    settle(page, server, "CSV, JSONL or TXT files")
    corpus_dropzone(page).wait_for(state="attached")


def upload(page, server, payload: dict, *expect: str) -> None:
    switch_to_upload(page, server)
    corpus_dropzone(page).set_input_files(payload)
    settle(page, server, *expect, charts=True)


def test_default_view_shows_the_descriptor_diff_and_plotly_charts(server, new_page):
    page = new_page(server)
    open_default(page, server)
    assert read_diff(page) == BUNDLED_DIFF, server.log()
    for word in ("candid", "constructive", "substantive", "in-depth"):
        assert page.get_by_text(word, exact=True).first.is_visible()
    charts = page.get_by_test_id("stPlotlyChart")
    assert charts.count() >= 1
    assert page.locator(".js-plotly-plot").first.is_visible()
    # Plotly draws SVG text: the distinctive-terms chart names both sides in its legend.
    legend = page.locator(".js-plotly-plot .legend").first.text_content()
    assert "US" in legend and "China" in legend
    assert not page.get_by_test_id("stException").count()


def test_screenshot_of_the_default_view(server, new_page, tmp_path):
    page = new_page(server)
    shot = tmp_path / "screenshot.png"  # never docs/screenshot.png: a test run changes no tracked file
    screenshot_default_view(page, server, shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a blank page compresses to a few kB
    assert read_diff(page) == BUNDLED_DIFF  # what the picture shows is still the finished view


# Streamlit's code highlighter, a 1.5 MB script that st.code needs: fetched only when a code block is shown.
HIGHLIGHTER = """() => performance.getEntriesByType('resource')
    .filter(e => e.name.includes('SyntaxHighlighter')).length"""


def test_the_open_tab_and_term_travel_in_the_url_and_the_link_waits_in_a_popover(server, new_page):
    page = new_page(server)
    open_default(page, server)
    assert page.url == server.url and page.evaluate(HIGHLIGHTER) == 0  # the link's code block is not drawn yet
    open_tab(page, server, "Evidence")
    assert page.url == server.url + "?tab=Evidence"
    page.locator(".st-key-term").click()
    page.get_by_role("option", name="in-depth", exact=True).click()
    settle(page, server, re.compile("containing “in-depth”"))
    assert page.url == server.url + "?tab=Evidence&term=in-depth"
    open_tab(page, server, "Charts", charts=True)  # the term is kept while its tab is closed
    assert page.url == server.url + "?term=in-depth"
    open_tab(page, server, "Evidence")
    settle(page, server, re.compile("containing “in-depth”"))
    link = page.get_by_test_id("stSidebar").get_by_role("link", name="Link to these settings").get_attribute("href")
    assert link.endswith("?tab=Evidence&term=in-depth")
    page.get_by_text("Copy the link", exact=True).click()
    code = page.get_by_test_id("stCode").first
    code.wait_for(state="visible")
    assert code.inner_text().strip() == link and page.evaluate(HIGHLIGHTER) >= 1
    other = new_page(server)
    other.goto(link)  # the link opens the same tab with the same term
    settle(other, server, "Term (pick one or type your own)", re.compile("containing “in-depth”"))
    assert other.get_by_role("tab", selected=True).inner_text() == "Evidence"
    assert not other.get_by_test_id("stAlert").filter(has_text="The link asks").count()


def test_uploaded_csv_through_the_real_uploader_is_compared(server, new_page):
    page = new_page(server)
    open_default(page, server)
    rows = [("Alpha", "The talks were frank and useful."), ("Beta", "The talks were frank and pragmatic.")]
    upload(page, server, csv_file("talks.csv", rows), "Alpha vs Beta", "Only Beta")
    assert read_diff(page) == {"Shared": ["frank"], "Only Alpha": ["useful"], "Only Beta": ["pragmatic"]}, \
        server.log()
    assert page.get_by_test_id("stFileChipName").all_inner_texts() == ["talks.csv"]
    assert page.get_by_test_id("stPlotlyChart").count() >= 1
    assert not page.get_by_test_id("stException").count()


def test_one_sessions_upload_never_reaches_another_session(server, new_page):
    secret_side, secret_word = "Zorblat", "quuxful"  # "quuxful" is read as a descriptor: it shows in the diff
    forbidden = (secret_side.lower(), secret_word)

    def assert_clean(page, when: str) -> None:
        content = page.content().lower()
        leaks = [word for word in forbidden if word in content]
        assert not leaks, f"second context saw {leaks} {when}"

    first, second = new_page(server), new_page(server)  # both open at once, same server
    open_default(first, server)
    open_default(second, server)

    rows = [(secret_side, f"The talks were frank and {secret_word}."), ("Beta", "The talks were frank and pragmatic.")]
    upload(first, server, csv_file("zorblat.csv", rows), f"Only {secret_side}", secret_word)
    assert read_diff(first)[f"Only {secret_side}"] == [secret_word]
    assert_clean(second, "while the first context uploaded")

    switch_to_upload(second, server)  # same mode as the uploader, no file of its own
    settle(second, server, UPLOAD_INFO)
    assert_clean(second, "in upload mode")
    assert second.get_by_test_id("stFileChipName").count() == 0

    second.reload()  # the URL now carries source=upload: a fresh session starts in upload mode
    settle(second, server, UPLOAD_INFO)
    assert_clean(second, "after a reload")
    second.get_by_test_id("stSidebar").get_by_text("Bundled event", exact=True).click()
    settle(second, server, "US vs China", "Only China", charts=True)
    assert_clean(second, "back on the bundled event")

    # Meanwhile the first session kept its own comparison.
    assert read_diff(first)[f"Only {secret_side}"] == [secret_word]
