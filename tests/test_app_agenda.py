"""The dashboard's Agenda tab (issue 14) under AppTest, on the bundled event."""
from pathlib import Path

from app_support import open_tab
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def test_agenda_tab_lists_each_sides_topics_with_the_register():
    at = open_tab(AppTest.from_file(APP, default_timeout=60).run(), "Agenda")
    assert not at.exception, [e.value for e in at.exception]
    assert dict(at.query_params) == {"tab": "Agenda"}
    assert [h.value for h in at.main.subheader] == ["Raised by both (0)", "Only US raised (1)", "Only China raised (2)"]
    html = "\n".join(m.value for m in at.main.markdown)
    assert "<b>Taiwan</b><ul><li>The Taiwan issue is the core of China’s core interests" in html
    assert "most prominent risk,<small>" not in html   # the scores sit after a space, in <small>
    assert "risk, <small>firmness +4 · warmth +0</small>" in html
