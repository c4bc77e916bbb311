"""Session isolation on a running server, in real Chromium: two analysts at once, two different files.

One `streamlit run dashboard.py` on a free loopback port; two browser contexts (separate cookies,
so separate Streamlit sessions) open it together and upload different CSV files through the real
uploader at the same moment. Neither page may show the other's sides, words or descriptors, and
every file either downloads (the JSON, CSV tables, the one-file report, a chart, the saved
workspace) must hold its own data and none of the other's. A third context opened afterwards
sees neither. The CSV download also shows a spreadsheet formula from the upload neutralised.

Same set-up as tests/test_browser.py (Debian's /usr/bin/chromium through Playwright, helpers in
tests/browser_support.py); without the browser these tests fail, they do not skip.
"""
from __future__ import annotations

import csv
import io
import json

import pytest
from browser_support import (
    CHROMIUM_ARGS,
    DATA_UPLOADER,
    TIMEOUT_MS,
    UPLOAD_INFO,
    VIEWPORT,
    open_tab,
    read_diff,
    require_chromium,
    settle,
)

pytestmark = pytest.mark.browser


# Two analysts' files: every marker is a word that occurs in one file only.
FIRST = {"sides": ("Zorblat", "Quexian"), "descriptor": "quuxful", "word": "marmalith",
         "rows": [("Zorblat", "The talks were candid and quuxful. Marmalith exports were discussed."),
                  ("Quexian", "The talks were candid and pragmatic. Marmalith came up."),
                  ("Zorblat", "=HYPERLINK(\"http://evil.example\",\"x\") was pasted in a cell.")]}
SECOND = {"sides": ("Morvath", "Plindor"), "descriptor": "glimmerous", "word": "tessaroon",
          "rows": [("Morvath", "The meeting was frank and glimmerous. Tessaroon quotas were raised."),
                   ("Plindor", "The meeting was frank and serious. Tessaroon was mentioned.")]}


def markers(data: dict) -> list[str]:
    return [s.lower() for s in data["sides"]] + [data["descriptor"], data["word"]]


@pytest.fixture
def contexts(server):
    """A factory of pages, each in its own browser context, on one Chromium."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        opened = []

        def open_page():
            context = chromium.new_context(viewport=VIEWPORT, accept_downloads=True)
            context.set_default_timeout(TIMEOUT_MS)
            opened.append(context)
            page = context.new_page()
            page.goto(server.url)
            return page

        try:
            yield open_page
        finally:
            for context in opened:
                context.close()
            chromium.close()


def to_upload_mode(page, server) -> None:
    page.get_by_test_id("stSidebar").get_by_text("Upload files", exact=True).click()
    settle(page, server, UPLOAD_INFO)
    page.locator(DATA_UPLOADER).wait_for(state="attached")


def download(page, key: str) -> bytes:
    """Click the download button with widget key ``key`` and return the file it sends."""
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.locator(f".st-key-{key} button").first.click()
    with open(info.value.path(), "rb") as f:
        return f.read()


def downloads(page, server) -> dict:
    """Every kind of file the page offers (a few tables and one chart stand for the rest), as bytes."""
    files = {"workspace": download(page, "save_workspace")}
    open_tab(page, server, "Export")
    files["json"] = download(page, "download_json")
    files["report"] = download(page, "download_report")
    for table in ("descriptors", "alignment", "sentence_sentiment", "distinctive_all_terms"):
        files[table] = download(page, f"download_csv_{table}")
    files["chart"] = download(page, "download_chart_distinctive_terms")
    return files


def csv_payload(name: str, rows) -> dict:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([("side", "text"), *rows])
    return {"name": name, "mimeType": "text/csv", "buffer": out.getvalue().encode()}


def assert_clean(content: str, forbidden: list[str], where: str) -> None:
    leaks = [word for word in forbidden if word in content.lower()]
    assert not leaks, f"{where} holds the other session's {leaks}"


def test_two_concurrent_sessions_never_see_each_others_data_or_downloads(server, contexts):
    first, second = contexts(), contexts()
    for page in (first, second):
        settle(page, server, "US vs China", "Only China", charts=True)
        to_upload_mode(page, server)
    # Both uploads in flight at once, on one server.
    for page, data, name in ((first, FIRST, "first.csv"), (second, SECOND, "second.csv")):
        page.locator(DATA_UPLOADER).set_input_files(csv_payload(name, data["rows"]))
    for page, data in ((first, FIRST), (second, SECOND)):
        a, b = data["sides"]
        settle(page, server, f"{a} vs {b}", f"Only {a}", charts=True)
        assert read_diff(page)[f"Only {a}"] == [data["descriptor"]], server.log()

    saved = {}
    for page, own, other, who in ((first, FIRST, SECOND, "first"), (second, SECOND, FIRST, "second")):
        assert_clean(page.content(), markers(other), f"the {who} page")
        files = saved[who] = downloads(page, server)
        for name, payload in files.items():
            text = payload.decode("utf-8-sig")
            assert_clean(text, markers(other), f"the {who} session's {name} download")
            assert own["word"] in text.lower() or name in ("descriptors", "chart"), (who, name)  # its own data
        assert json.loads(files["json"])["sides"] == list(own["sides"])
        assert json.loads(files["workspace"])  # the saved texts are this session's (checked above)
        descriptors = list(csv.DictReader(io.StringIO(files["descriptors"].decode("utf-8-sig"))))
        assert {r["descriptor"] for r in descriptors if r["used_by"] == f"only {own['sides'][0]}"} == {own["descriptor"]}
        assert own["sides"][0] in files["chart"].decode()
        assert not page.get_by_test_id("stException").count()

    # The formula the first analyst uploaded reaches the CSV neutralised, and the JSON as written.
    cells = [cell for row in csv.reader(io.StringIO(saved["first"]["alignment"].decode("utf-8-sig"))) for cell in row]
    assert any(c.startswith("'=HYPERLINK(") for c in cells) and not any(c.startswith("=") for c in cells)

    # Someone who opens the app afterwards sees neither upload, in either mode.
    third = contexts()
    settle(third, server, "US vs China", "Only China", charts=True)
    to_upload_mode(third, server)
    assert third.get_by_test_id("stFileChipName").count() == 0
    assert_clean(third.content(), markers(FIRST) + markers(SECOND), "a third session")
    # And each of the first two kept its own comparison throughout.
    assert read_diff(first)[f"Only {FIRST['sides'][0]}"] == [FIRST["descriptor"]]
    assert read_diff(second)[f"Only {SECOND['sides'][0]}"] == [SECOND["descriptor"]]
