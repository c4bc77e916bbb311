"""The Chinese tab in real Chromium (issue 13): a link opens US against the PRC readout in Chinese;
the page says overlap is not comparable across languages, shows the Chinese descriptor forms and the
translation drift. Same set-up as tests/test_browser.py; without the browser it fails."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from browser_support import TIMEOUT_MS, chromium_page, settle

pytestmark = pytest.mark.browser


def test_a_link_opens_the_chinese_original_with_its_descriptors_and_drift(server):
    with chromium_page() as page:
        page.goto(server.url + "?side_b=" + quote("China (original)") + "&tab=Chinese")
        # waited for, not read once: under load the headline's metric may draw after the tab
        settle(page, server, "Chinese descriptors, in canonical English",
               "Translation drift: a Chinese original against its English", "not comparable",
               "No VADER score: it is an English lexicon and this side is in Chinese.")
        main = page.get_by_test_id("stMain")
        assert main.get_by_role("tab", name="Chinese", exact=True).get_attribute("aria-selected") == "true"
        assert main.get_by_text("not comparable", exact=True).first.is_visible()   # the overlap metric
        assert main.get_by_text("No VADER score: it is an English lexicon and this side is in Chinese.").is_visible()
        body = main.inner_text()
        assert "China (original): Chinese (simplified characters)" in body
        assert "Overlap and distinctive terms are not shown: the two sides are written in different languages" in body
        assert "Only in the original: none" in body and "Only in the translation: none" in body
        # five tables (each side's terms, descriptors, drift, unmatched sentences), drawn as they load
        grids = main.get_by_test_id("stDataFrame")
        grids.nth(4).wait_for(state="attached", timeout=TIMEOUT_MS)
        assert grids.count() == 5
