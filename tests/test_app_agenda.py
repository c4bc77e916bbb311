"""The dashboard's Agenda tab (issue 14) under AppTest, on the bundled event."""
from pathlib import Path

from app_support import open_tab
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def test_agenda_tab_lists_each_sides_topics_with_the_register():
    at = open_tab(AppTest.from_file(APP, default_timeout=60).run(), "Agenda")
    assert not at.exception, [e.value for e in at.exception]
    assert dict(at.query_params) == {"tab": "Agenda"}
    assert [h.value for h in at.main.subheader] == ["Raised by both (0)", "Only US raised (3)", "Only China raised (3)"]
    html = "\n".join(m.value for m in at.main.markdown)
    assert "<b>Taiwan</b><ul><li>The Taiwan issue is the core of China’s core interests" in html
    assert "most prominent risk,<small>" not in html   # the scores sit after a space, in <small>
    assert "risk, <small>firmness +4 · warmth +0</small>" in html


def test_pasted_text_is_shown_as_written_not_as_markup():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.radio(key="source").set_value("paste").run()
    at.text_input(key="label_a").input("<i>US</i>")
    at.text_area(key="paste_a").input("Taiwan <b>matters</b> [x](http://e.example) *now*.")
    at.text_area(key="paste_b").input("The Taiwan question is a red line.").run()
    at = open_tab(at, "Agenda")
    assert not at.exception, [e.value for e in at.exception]
    html = "\n".join(m.value for m in at.main.markdown)
    assert "Taiwan &lt;b&gt;matters&lt;/b&gt;" in html and "<b>matters</b>" not in html
    assert "&lt;i&gt;US&lt;/i&gt;" in html
    assert [h.value for h in at.main.subheader] == [
        "Raised by both (1)", "Only \\<i\\>US\\</i\\> raised (0)", "Only Side B raised (0)"]


def test_match_claims_by_meaning_travels_in_the_link():
    from app import settings
    from framing.analyses.meaning import SIMILARITIES
    assert settings.SIMILARITIES + ("embeddings",) == SIMILARITIES   # embeddings: only with the host's model
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["similarity"] = "words"   # meaning (topics) is the default: a link carries "words" only
    at = open_tab(at.run(), "Claims side by side")
    assert not at.exception, [e.value for e in at.exception]
    assert at.radio(key="similarity").value == "words"
    assert dict(at.query_params) == {"similarity": "words", "tab": "Claims side by side"}
    claims = next(c.value for c in at.main.caption if c.value.startswith("Each sentence is matched"))
    assert claims.startswith("Each sentence is matched to the other side's most similar sentence "
                             "(TF-IDF cosine ≥ 0.2, many-to-one).")


def test_embeddings_are_offered_only_when_the_host_configured_a_model(tmp_path, monkeypatch):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from test_alignment_embeddings import tiny_model

    from app import settings
    monkeypatch.delenv(settings.EMBEDDING_MODEL_ENV, raising=False)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.radio(key="similarity").options == ["words", "meaning (topics)"]
    monkeypatch.setenv(settings.EMBEDDING_MODEL_ENV, str(tiny_model(tmp_path / "model")))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["similarity"] = "embeddings"
    at = open_tab(at.run(), "Claims side by side")
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.radio(key="similarity").options == ["words", "meaning (topics)", "embeddings (host's model)"]
    assert at.radio(key="similarity").value == "embeddings"
    claims = next(c.value for c in at.main.caption if c.value.startswith("Each sentence is matched"))
    assert claims.startswith(
        "Each sentence is matched to the other side's most similar sentence (by meaning: embedding cosine ≥ 0.5 once "
        "names, titles, dates and readout verbs are removed, or a shared topic named by its terms (an alias alone "
        "does not count), many-to-one).")
