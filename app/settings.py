"""Dashboard settings <-> URL query string.

Each setting is a widget key and a query-parameter name at once. A link restores
the settings it carries; a value the app cannot use (unknown, out of range, not
a number) is dropped, the default is used, and a note says so. Settings that
depend on the data (event, sides, term) or on a result (the open tab, the view)
wait until the data is loaded to be checked.

Plain Python (no Streamlit import), so it is tested directly as well as through
the app: ``state`` is any mutable mapping (``st.session_state``) and ``params``
any mapping of str to str (``st.query_params``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlencode

from app.safe import md

SOURCES = ("bundled", "upload", "paste", "web", "workspace", "bundle")
SOURCE_LABELS = {"bundled": "Bundled event", "upload": "Upload files", "paste": "Paste text",
                 "web": "Web addresses", "workspace": "Workspace file", "bundle": "Results bundle"}
STOP_WORDS = ("english", "none")
#: What sentence alignment compares (framing.analyses.meaning.SIMILARITIES): all words, or meaning (issue 14).
SIMILARITIES = ("words", "topics")
#: The host's static-embedding model (a folder in model2vec's format): when set, "Match claims by" also
#: offers embeddings (framing.analyses.embeddings); the model is never uploaded or downloaded.
EMBEDDING_MODEL_ENV = "FRAMING_EMBEDDING_MODEL"


def embedding_model() -> str | None:
    """The host's embedding model folder, or None when the host configured none."""
    return os.environ.get(EMBEDDING_MODEL_ENV) or None


def similarity_choices() -> tuple[str, ...]:
    """What "Match claims by" offers: words and topics, and embeddings when the host has a model."""
    return SIMILARITIES + (("embeddings",) if embedding_model() else ())
#: How a side holding both an original and its translation is compared (framing.versions.PREFER); the
#: widget is drawn when the loaded corpus has such a side.
PREFER_VERSIONS = ("auto", "original", "translation")
NGRAM_MAX = 3
MIN_DF_MAX = 20
TOP_RANGE = (5, 50)

#: Widget labels of the settings an error can concern (ids of :data:`framing.errors.SETTINGS`): the
#: widgets are drawn with these labels, and an error names its setting by them (:func:`setting_hint`).
LABELS = {
    "file": "CSV, JSONL or TXT files", "side_column": "Side column", "text_column": "Text column",
    "event_column": "Event column (optional)", "event": "Event", "side_a": "Side A", "side_b": "Side B",
    "label_a": "Label of side A", "label_b": "Label of side B",
    "ngram": "Word n-grams (min, max)", "stop_words": "Stop words", "min_df": "min_df (documents a term must occur in)",
    "threshold": "Alignment threshold (cosine)", "similarity": "Match claims by", "top": "Top N distinctive terms per side",
    "lexicon": "Lexicon (CSV)", "lexicon_sources": "Its sources table (CSV, optional)", "lexicon_mode": "Your lexicon",
    "workspace": "Workspace file (.json)",
    "prefer_version": "Version compared (a side with both)",
}
#: The sidebar group a widget sits in, where it is folded away.
GROUPS = {"side_column": "Column mapping (CSV, JSONL)", "text_column": "Column mapping (CSV, JSONL)",
          "event_column": "Column mapping (CSV, JSONL)", "lexicon": "Your own lexicon",
          "lexicon_sources": "Your own lexicon", "lexicon_mode": "Your own lexicon"}
#: Settings whose widget's label names the data (a side's label, a number of rows): no hint names them;
#: the error's own message says what to do.
#: The topic lexicon's mode has no widget (the dashboard uses the bundled topic lexicon); the embedding model
#: is the host's (FRAMING_EMBEDDING_MODEL), not a widget.
#: The version column is always ``version`` in the dashboard, and the drift's side is chosen in the Chinese tab.
UNNAMED = frozenset({"skip_bad_rows", "url", "topics_mode", "model", "version_column", "drift_side", "partners"})
#: Settings drawn as two widgets, one per side.
_PAIRS = {"sides": ("side_a", "side_b"), "labels": ("label_a", "label_b")}


def setting_hint(setting: str | None) -> str | None:
    """Where the dashboard's widget for an error's ``setting`` is, as a sentence; None if it has none.

    >>> setting_hint("side_column")
    'Change “Side column” under “Column mapping (CSV, JSONL)” in the sidebar.'
    >>> setting_hint("sides")
    'Change “Side A” or “Side B” in the sidebar.'
    """
    keys = _PAIRS.get(setting, (setting,))
    if setting is None or not all(k in LABELS for k in keys):
        return None
    names = " or ".join(f"“{LABELS[k]}”" for k in keys)
    group = f" under “{GROUPS[setting]}”" if setting in GROUPS else ""
    return f"Change {names}{group} in the sidebar."


#: The result tabs, in order; the open one travels in the link (``tab=Evidence``), the first is the default.
TABS = ("Charts", "Claims side by side", "Evidence", "Register", "Agenda", "Export")
#: One event's comparison, or every event of a corpus over time (offered when it has two or more).
VIEWS = ("event", "events")

#: Settings checked when their widget is drawn, by :func:`resolve_choice`: their valid values depend on
#: the loaded data (event, sides, term) or their widget is drawn only with a result (tab, view).
DATA_KEYS = ("event", "side_a", "side_b", "term", "tab", "view")
#: Choices the app offers whatever the data: a link asking for another value names the app, not the data.
APP_CHOICES = {"tab": TABS, "view": VIEWS}
#: Where the page is, not what it shows: a link carries it, a saved workspace does not.
NAVIGATION = ("tab",)
#: Widgets drawn only in one tab: their values are kept while another tab is open.
TAB_WIDGETS = ("term", "alignment_show")


class Unusable(ValueError):
    """A value from a link that parses but the app cannot use; the message says which values work."""


def _choice(options):
    def parse(raw: str):
        if raw not in options:
            raise Unusable(f"use one of {', '.join(options)}")
        return raw
    return parse


def _int_in(lo: int, hi: int):
    def parse(raw: str) -> int:
        value = int(raw)
        if not lo <= value <= hi:
            raise Unusable(f"use a whole number from {lo} to {hi}")
        return value
    return parse


def _threshold(raw: str) -> float:
    value = float(raw)
    if not 0.0 <= value <= 1.0:  # also rejects nan
        raise Unusable("use a number from 0 to 1")
    return round(value, 2)


def _ngram(raw: str) -> tuple[int, int]:
    lo, sep, hi = raw.partition("-")
    lo_n, hi_n = int(lo), int(hi if sep else lo)
    if not 1 <= lo_n <= hi_n <= NGRAM_MAX:
        raise Unusable(f"use MIN-MAX with 1 <= MIN <= MAX <= {NGRAM_MAX}, e.g. 1-2")
    return lo_n, hi_n


def _flag(raw: str) -> bool:
    if raw.lower() in ("1", "true", "yes"):
        return True
    if raw.lower() in ("0", "false", "no"):
        return False
    raise Unusable("use 1 or 0")


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    parse: Callable[[str], Any]
    dump: Callable[[Any], str] = str


SETTINGS = (
    Setting("source", "bundled", _choice(SOURCES)),
    Setting("ngram", (1, 1), _ngram, lambda v: f"{v[0]}-{v[1]}"),
    Setting("stop_words", "english", _choice(STOP_WORDS)),
    Setting("min_df", 1, _int_in(1, MIN_DF_MAX)),
    Setting("sublinear", False, _flag, lambda v: "1" if v else "0"),
    Setting("threshold", 0.2, _threshold, lambda v: f"{v:g}"),
    Setting("similarity", "topics", lambda raw: _choice(similarity_choices())(raw)),
    Setting("top", 20, _int_in(*TOP_RANGE)),
    # treat the register lexicon's translation variants as one term ("deep" ~ "in-depth")
    Setting("variants", False, _flag, lambda v: "1" if v else "0"),
    # a side holding both its original and its translation (the version column): which one compare reads
    Setting("prefer_version", "auto", _choice(PREFER_VERSIONS)),
)
BY_KEY = {s.key: s for s in SETTINGS}

PENDING = "_url_pending"
NOTES = "_url_notes"
STARTED = "_url_started"


#: Longest value from a link quoted in a note (a link can carry megabytes).
MAX_QUOTED = 80


def escape_markdown(text: str, html: bool = False) -> str:
    r"""``text`` with every markdown character that acts backslash-escaped, so it shows as written.

    ``html=True``: ``text`` is HTML built from ``html.escape``-d corpus text (so any ``<`` or ``>``
    in it is a tag of ours, like ``<mark>``): the tags are left alone, and so are ``&`` and ``;``.

    >>> print(escape_markdown("[login](https://x.example) costs $5 and $6"))
    \[login\](https\://x.example) costs \$5 and \$6
    """
    return md(text, html=html)  # one helper for every Markdown context: app/safe.py


def quoted(value) -> str:
    """A value from a link or from data, as a note quotes it: repr, shortened, markdown escaped."""
    text = str(value)
    if len(text) > MAX_QUOTED:
        text = text[:MAX_QUOTED - 1] + "…"
    return escape_markdown(repr(text))


def start_run(state, params) -> None:
    """Seed widget state from the link on a session's first run; clear old notes on later runs.

    Values that cannot be used leave the default in place and add a note; the
    notes are shown on the run that made them (the page the link opened).
    Values checked only when their widget is drawn (event, sides, term, tab, view) are kept aside for
    :func:`resolve_choice`.
    """
    if state.get(STARTED):
        state[NOTES] = []
        return
    state[STARTED] = True
    apply_params(state, params)


def apply_params(state, params, origin: str = "link", keep: tuple = ()) -> None:
    """Set every setting from ``params`` (the default where absent or unusable, with a note).

    ``origin`` names where the values came from in the notes ("link", "workspace");
    settings in ``keep`` are left as they are (a workspace does not change the source).
    """
    notes, pending = [], {}
    for setting in SETTINGS:
        if setting.key in keep:
            continue
        state[setting.key] = setting.default
        if setting.key not in params:
            continue
        raw = params[setting.key]
        try:
            state[setting.key] = setting.parse(raw)
        except ValueError as exc:  # Unusable says which values work; int() and float() only that it is no number
            reason = str(exc) if isinstance(exc, Unusable) else "not a number"
            notes.append(f"The {origin}'s {setting.key}={quoted(raw)} cannot be used ({reason}); "
                         f"showing the default, {setting.dump(setting.default)}.")
    for key in DATA_KEYS:
        if key in params and params[key] != "":
            pending[key] = params[key]
    state[PENDING] = pending
    state[NOTES] = notes


def snapshot(state, data_keys=()) -> dict:
    """Every setting's current value as text (defaults included), plus the data settings named
    (not the open tab: opening a workspace does not move the page).

    What a workspace file stores; :func:`apply_params` reads it back.
    """
    out = {s.key: s.dump(state.get(s.key, s.default)) for s in SETTINGS if s.key != "source"}
    for key in data_keys:
        if state.get(key) is not None and key not in NAVIGATION:
            out[key] = str(state[key])
    return out


def resolve_choice(state, key: str, options, default, what: str) -> None:
    """Make ``state[key]`` one of ``options`` before its widget is drawn.

    A value the link asked for is used if valid, else the default with a note
    (``what`` names the setting in the note). A value left from other data (the
    analyst switched source) silently becomes the default.
    """
    options = list(options)
    requested = state.get(PENDING, {}).pop(key, None)
    if requested is not None:
        if requested in options:
            state[key] = requested
            return
        shown = ", ".join(quoted(o) for o in options[:8]) + (" …" if len(options) > 8 else "")
        owner = "the app" if requested not in APP_CHOICES.get(key, (requested,)) else "this data"
        state.setdefault(NOTES, []).append(
            f"The link asks for {what} {quoted(requested)}, which {owner} does not have (it has {shown}); "
            f"showing {quoted(default)} instead.")
        state[key] = default
    elif state.get(key) not in options:
        state[key] = default


def keep_widget_values(state, keys=TAB_WIDGETS) -> None:
    """Keep the values of widgets that are not drawn on every run (Streamlit forgets a widget's value
    after a run that did not draw it): the term picked under Evidence survives a look at Charts."""
    for key in keys:
        if key in state:
            state[key] = state[key]


def take_pending(state, key: str):
    """The value a link asked for, once (None when it asked for nothing)."""
    return state.get(PENDING, {}).pop(key, None)


def url_params(state, data_defaults: dict) -> dict:
    """The query parameters for the current view: every setting that differs from its default."""
    out = {}
    for setting in SETTINGS:
        value = state.get(setting.key, setting.default)
        if value != setting.default:
            out[setting.key] = setting.dump(value)
    for key, default in data_defaults.items():
        value = state.get(key)
        if value is not None and value != default:
            out[key] = str(value)
    # Pending data settings (a link opened with source=upload, no file yet) stay in the URL.
    for key, value in state.get(PENDING, {}).items():
        out.setdefault(key, value)
    return out


def share_link(base_url: str | None, params: dict) -> str:
    """Absolute link when the app's URL is known, else a relative ``?query`` link."""
    base = (base_url or "").split("?", 1)[0].split("#", 1)[0]
    query = urlencode(params)
    return f"{base}?{query}" if query else (base or "?")
