"""The Agenda tab in real Chromium (issue 14): a link opens it, the topics each side raised are shown
with each sentence's register. Same set-up as tests/test_browser.py; without the browser it fails."""
from __future__ import annotations

import pytest
from browser_support import chromium_page, settle

pytestmark = pytest.mark.browser


def test_a_link_opens_the_agenda_with_each_sides_topics(server):
    with chromium_page() as page:
        page.goto(server.url + "?tab=Agenda")
        settle(page, server, "Raised by both (0)", "Only China raised (3)")
        main = page.get_by_test_id("stMain")
        assert main.get_by_role("heading", name="Only US raised (3)").is_visible()
        # the sentence raises two topics (Taiwan; China's development and core interests)
        taiwan = main.locator("li", has_text="The Taiwan issue is the core of China")
        assert taiwan.count() == 2
        assert taiwan.first.inner_text().endswith("firmness +4 · warmth +0")
        assert main.get_by_role("tab", name="Agenda", exact=True).get_attribute("aria-selected") == "true"
