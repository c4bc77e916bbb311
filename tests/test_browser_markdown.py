"""Markdown injection, in real Chromium: Markdown and HTML planted in a side label, an event name, a
column name, a file name, a fetched page's title and a server's HTTP reason phrase never become a
live link, a remote image, HTML or formatting anywhere in the page (app/safe.md).

The payloads point at 127.0.0.1:9 (nothing listens there); the fetched pages come from the
loopback site (tests/loopback_site.py), which this module's server may read
(FRAMING_ALLOW_PRIVATE_URLS=1)."""
from __future__ import annotations

import os
import re

import loopback_site
import pytest
from browser_support import CHROMIUM_ARGS, TIMEOUT_MS, StreamlitServer, open_tab, require_chromium, settle

from app.safe import break_autolinks as shown  # what md adds: an invisible joiner inside each bare address

pytestmark = pytest.mark.browser

LINK = "[Sign in again](http://127.0.0.1:9/x)"
IMAGE = "![x](http://127.0.0.1:9/b.png)"
HTML = "<img src=x>"
BOLD = "**bold**"
SIDE = f"{LINK} {BOLD}"
OTHER_SIDE = f"Beta {HTML}"
EVENT = f"{IMAGE} talks"
COLUMN = f"{LINK} {IMAGE}"
FILE_NAME = "[Sign in again](x) ![x](b.png) <img src=x> **bold**.csv"  # no "/" in a file name
#: Every live element a payload could have made: links and images to the payload addresses (or the
#: file name's relative ones), any <img src=x>, and "bold" set in bold. A link to 127.0.0.1 without
#: the port is GitHub-flavoured Markdown's autolink of the bare "http://127.0.0.1" inside the payload,
#: which Streamlit makes even from "http\\://" (app/safe.py breaks it with a word joiner).
LIVE = """() => ({
    links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
             .filter(h => h.includes('127.0.0.1:9') || /^https?:[/][/]127[.]0[.]0[.]1[/]?$/.test(h) || h === 'x'),
    images: [...document.querySelectorAll('img')].map(i => i.getAttribute('src') || '')
             .filter(s => s.includes('127.0.0.1:9') || s === 'x' || s === 'b.png'),
    bold: [...document.querySelectorAll('strong, b')].filter(e => e.innerText.trim() === 'bold').length,
})"""
NONE_LIVE = {"links": [], "images": [], "bold": 0}


@pytest.fixture(scope="module")
def site():
    with loopback_site.serve() as base:
        yield base


@pytest.fixture(scope="module")
def web_server():
    """`streamlit run dashboard.py` allowed to read the loopback site, with no proxy."""
    saved = dict(os.environ)
    for name in loopback_site.PROXY_VARIABLES:
        os.environ.pop(name, None)
    os.environ.update({"no_proxy": "*", "NO_PROXY": "*", "FRAMING_ALLOW_PRIVATE_URLS": "1"})
    try:
        srv = StreamlitServer()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    try:
        srv.wait_healthy()
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def page(web_server):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(TIMEOUT_MS)
        yield context.new_page()
        context.close()
        chromium.close()


def _upload(page, server, name: str, data: bytes, *expect) -> None:
    page.goto(server.url + "?source=upload")
    settle(page, server, "CSV, JSONL or TXT files")
    (page.get_by_test_id("stFileUploader").filter(has_text="CSV, JSONL or TXT files")
     .get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data}))
    settle(page, server, *expect)


def _csv(rows, header=("side", "text", "event")) -> bytes:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'
    return ("\n".join(",".join(cell(v) for v in row) for row in [header, *rows]) + "\n").encode()


def test_side_labels_and_event_names_show_as_written(page, web_server):
    data = _csv([(SIDE, "The talks were candid and constructive. Trade was discussed at length.", EVENT),
                 (OTHER_SIDE, "The talks were frank and pragmatic. Trade was discussed.", EVENT)])
    # wait for the caption and the metric label too: under load the header can be drawn a rerun before them
    _upload(page, web_server, "payload.csv", data, shown(f"{SIDE} vs {OTHER_SIDE}"),
            re.compile(re.escape(shown(f"event: {EVENT}"))), re.compile(re.escape(shown(f"{SIDE}: words"))))
    body = page.locator("body").inner_text()
    assert shown(f"event: {EVENT}") in body and shown(f"{SIDE}: words") in body  # caption and metric label, as typed
    selected = [box.locator("input").first.input_value()  # a selectbox shows its options as plain text
                for box in page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").all()]
    assert selected == [EVENT, SIDE, OTHER_SIDE]
    assert page.evaluate(LIVE) == NONE_LIVE
    open_tab(page, web_server, "Claims side by side")  # the radio's options name the sides
    # the table's headers are the side labels, and its status cells name them ("only <side>")
    page.get_by_test_id("stTable").wait_for(state="visible")
    assert page.get_by_test_id("stRadio").filter(has_text="Show").get_by_text(shown(f"only {SIDE}"), exact=True).count() == 1
    headers = page.get_by_test_id("stTable").locator("th").all_inner_texts()
    assert headers == [shown(SIDE), OTHER_SIDE, "similarity", "status"]
    assert page.evaluate(LIVE) == NONE_LIVE


def test_column_and_file_names_in_messages_show_as_written(page, web_server):
    _upload(page, web_server, "columns.csv", _csv([("Alpha", "Talks.")], header=(COLUMN, "text")),
            shown(f"columns.csv, header row: no column 'side'; the columns are '{COLUMN}', 'text'; rename a column, or "
                  "choose the column that holds the side labels"))
    assert page.evaluate(LIVE) == NONE_LIVE
    _upload(page, web_server, FILE_NAME, b"",
            shown(f"{FILE_NAME}: the file is empty; it needs a header row with 'side' and 'text' columns"))
    assert page.evaluate(LIVE) == NONE_LIVE


def test_fetched_titles_and_reason_phrases_show_as_written(page, web_server, site):
    page.goto(web_server.url + "?source=web")
    settle(page, web_server, "Read the pages")
    sidebar = page.get_by_test_id("stSidebar")
    for label, value in (("Label of side A", SIDE), ("Label of side B", "Beta")):
        box = sidebar.get_by_role("textbox", name=label, exact=True)
        box.fill(value)
        box.press("Enter")
        settle(page, web_server)
    for number, urls in enumerate((f"{site}/payload-title", f"{site}/payload-reason\n{site}/china")):
        area = sidebar.get_by_role("textbox").and_(sidebar.locator("textarea")).nth(number)
        area.fill(urls)
        area.press("Control+Enter")
        settle(page, web_server)
    sidebar.get_by_role("button", name="Read the pages").click()
    reason = (f"Beta: {site}/payload-reason: the server answered 404 {loopback_site.PAYLOAD_REASON}; check the "
              "address, or paste the page's text instead")
    settle(page, web_server, shown(reason), shown(f"{SIDE} · {loopback_site.PAYLOAD_TITLE}"))  # the warning; the text box's label
    assert page.evaluate(LIVE) == NONE_LIVE
