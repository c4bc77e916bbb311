"""One error vocabulary (framing.errors): problem, fix in neutral words, and the setting it concerns,
named by each interface its own way (the CLI's flag, the dashboard's widget label)."""
import pytest

from app import settings
from framing import AlignOptions, CompareOptions, compare, load_bundled
from framing.cli import FLAGS
from framing.errors import (
    SETTINGS,
    CorpusError,
    FetchError,
    FramingError,
    OptionsError,
    RegisterError,
)


def test_message_is_problem_then_fix_and_each_interface_names_the_setting():
    e = OptionsError("min_df 0 is not valid", "use a whole number of documents, 1 or more", setting="min_df")
    assert isinstance(e, ValueError) and isinstance(e, FramingError)
    assert str(e) == "min_df 0 is not valid; use a whole number of documents, 1 or more"
    assert (e.problem, e.fix, e.setting) == ("min_df 0 is not valid", "use a whole number of documents, 1 or more",
                                             "min_df")
    assert e.naming(FLAGS) == "min_df 0 is not valid; use a whole number of documents, 1 or more (--min-df)"
    assert settings.setting_hint(e.setting) == "Change “min_df (documents a term must occur in)” in the sidebar."


def test_an_error_without_a_setting_reads_the_same_everywhere():
    e = CorpusError("the corpus has no documents; load a file with at least one document per side")
    assert e.setting is None and e.fix == ""
    assert e.naming(FLAGS) == str(e) and settings.setting_hint(e.setting) is None


def test_an_unknown_setting_id_is_refused():
    with pytest.raises(ValueError, match="unknown setting id 'side-column'"):
        CorpusError("x", "y", setting="side-column")  # a typo would silently lose the hint


def test_every_error_class_is_a_framing_error():
    for cls in (CorpusError, OptionsError, RegisterError, FetchError):
        assert issubclass(cls, FramingError)
    fetch = FetchError("https://example.org/x", "the host 'example.org' cannot be found; check the address")
    assert (str(fetch), fetch.problem, fetch.url, fetch.setting) == (
        "https://example.org/x: the host 'example.org' cannot be found; check the address",
        "the host 'example.org' cannot be found; check the address", "https://example.org/x", "url")


def test_every_setting_has_a_widget_in_the_dashboard_or_is_named_in_its_message():
    named = {s for s in SETTINGS if settings.setting_hint(s)}
    assert named | settings.UNNAMED == set(SETTINGS) and not named & settings.UNNAMED


def test_the_library_raises_with_the_setting_not_a_flag():
    with pytest.raises(CorpusError) as err:
        compare(load_bundled())  # three sides: which two?
    assert err.value.setting == "sides" and "--" not in str(err.value)
    assert str(err.value) == "event 'Blinken-Qin talks, Beijing, 2023-06-18' has 5 sides (media, US, China, China (original), China (official English)); choose two of them"
    assert settings.setting_hint(err.value.setting) == "Change “Side A” or “Side B” in the sidebar."
    with pytest.raises(OptionsError) as err:
        compare(load_bundled(), CompareOptions(sides=("US", "China"), align=AlignOptions(threshold=2)))
    assert err.value.naming(FLAGS) == "alignment threshold 2 is outside 0-1; choose a value like 0.2 (--threshold)"
