"""framing dashboard: how two sides told the same event.

Run: ``streamlit run dashboard.py``. Widgets, layout, cached calls into ``framing``
and the one place that shows errors; the analysis is in ``framing/``, the page
sections in ``app/views.py``, settings <-> URL in ``app/settings.py``.

Caches: the bundled event's corpus and comparisons are global (the same for every
user). Everything derived from an upload or pasted text is cached with
``scope="session"`` and a bounded ``max_entries``, or kept in the session's state
(``compare_private``: :class:`app.compute.ResultStore`), so nothing one user uploads
can reach another user of a hosted app.

Budgets (``app/budgets.py``): a session's input and the settings whose cost grows with it are
checked before anything is read or compared; a heavy comparison runs in a worker process, at most
``FRAMING_MAX_HEAVY`` at once for the whole server (``app/compute.py``).
"""
from __future__ import annotations

import hashlib
import logging
import re
from contextlib import contextmanager

import streamlit as st

import framing
from app import agenda as agenda_tab
from app import chinese as chinese_tab
from app import events as events_page
from app import budgets, bundle_source, compute, register_panel, settings, sources, views
from app.safe import md
from framing.errors import CorpusError, FramingError
from framing.inputs.corpus import Corpus, LoadResult
from framing.render import charts, register_charts
from framing.versions import holds_versions

UPLOAD_EVENT = "uploaded files"
PASTE_EVENT = "pasted text"
MAX_REJECTED_SHOWN = 20
_LOG = logging.getLogger("framing.dashboard")
# Static page CSS (no corpus text): less empty space above the headline.
_CSS = "<style>[data-testid='stMainBlockContainer']{padding-top:1.5rem}</style>"


# ---- caches ---------------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def bundled_corpus() -> Corpus:
    return framing.load_bundled()


@st.cache_data(max_entries=64, show_spinner=False)
def compare_bundled(options: framing.CompareOptions) -> framing.Comparison:
    return framing.compare(bundled_corpus(), options)


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def parse_file(name: str, data: bytes, side_column: str, text_column: str, event_column: str) -> LoadResult:
    return framing.parse_corpus_bytes(data, name, side_column=side_column, text_column=text_column,
                                      event_column=event_column, default_event=UPLOAD_EVENT)


#: The session state's store of private comparisons (:class:`app.compute.ResultStore`).
PRIVATE_RESULTS = "_private_comparisons"


def compare_private(corpus_key: str, corpus: Corpus, options: framing.CompareOptions) -> framing.Comparison:
    """``corpus_key`` is a digest of everything ``corpus`` was built from (the corpus itself is not hashed).

    Kept in this session's state, compact (:class:`app.compute.ResultStore`). A heavy comparison waits
    for a free slot of the server's gate, saying so, and runs in a worker process."""
    limits = budgets.budgets()
    chars = budgets.compared_chars(corpus, options.event, options.sides)
    notice = st.empty()
    result = compute.private_result(
        compute.ResultStore(st.session_state, PRIVATE_RESULTS, entries=4), compute.identity(corpus_key, options),
        framing.compare, (corpus, options), chars >= limits.heavy_chars, limits.heavy,
        on_wait=lambda: notice.info(compute.WAITING.format(k=limits.heavy), icon=":material/hourglass_top:"))
    notice.empty()
    return result


# ---- inputs ---------------------------------------------------------------------------------------

def upload_input() -> tuple[Corpus | None, str | None]:
    files = st.sidebar.file_uploader(settings.LABELS["file"], type=["csv", "jsonl", "ndjson", "txt"],
                                     accept_multiple_files=True, key="upload",
                                     help="A .txt file is one document; its side is the file name (US.txt → US).")
    with st.sidebar.expander(settings.GROUPS["side_column"], expanded=False):
        side_column, text_column, event_column = (
            st.text_input(settings.LABELS[key], default, key=key).strip()
            for key, default in (("side_column", "side"), ("text_column", "text"), ("event_column", "event")))
    if not files:
        st.info("Upload one or more files in the sidebar: CSV or JSONL with a side and a text column, "
                "or one .txt per side. Uploaded data stays in your session.")
        return None, None
    budgets.check_upload([upload.size for upload in files], budgets.budgets())  # before reading any of them
    digest = hashlib.sha256(f"{side_column}\x00{text_column}\x00{event_column}".encode())
    docs, rejected, problems = Corpus(), [], []  # problems: one CorpusError per unreadable file
    progress = st.progress(0.0, text="Reading the uploaded files…") if len(files) > 1 else None
    with st.spinner("Reading the uploaded files…"):
        for number, upload in enumerate(files, start=1):
            data = upload.getvalue()
            digest.update(upload.name.encode() + b"\x00" + hashlib.sha256(data).digest())
            try:
                result = parse_file(upload.name, data, side_column, text_column, event_column)
            except CorpusError as exc:
                problems.append(exc)
                continue
            docs, rejected = docs.concat(result.corpus), rejected + list(result.rejected)
            if progress:
                progress.progress(number / len(files), text=f"Read {number} of {len(files)} files")
    if progress:
        progress.empty()
    if problems:  # every file's problem, with the first one's setting (the column mapping is shared)
        setting = next((p.setting for p in problems if p.setting), None)
        raise CorpusError("\n\n".join(map(str, problems)), setting=setting)
    if rejected:
        shown = "\n".join(f"- {md(r.message())}" for r in rejected[:MAX_REJECTED_SHOWN])
        more = f"\n- … and {len(rejected) - MAX_REJECTED_SHOWN} more" if len(rejected) > MAX_REJECTED_SHOWN else ""
        st.warning(f"{len(rejected)} row(s) could not be used:\n{shown}{more}")
        keep = st.checkbox(f"Compare the {len(docs)} valid document(s) and leave the rejected rows out",
                           key="keep_valid", value=False, disabled=not len(docs))
        if not keep:
            st.info("Fix the rows above and upload again, or tick the box to go on without them.")
            return None, None
    return docs, digest.hexdigest()


def paste_input() -> tuple[Corpus | None, str | None]:
    labels, texts = [], []
    for slot, default in (("a", "Side A"), ("b", "Side B")):
        labels.append(st.sidebar.text_input(settings.LABELS[f"label_{slot}"], default, key=f"label_{slot}").strip())
        texts.append(st.sidebar.text_area(f"Text of {md(labels[-1]) or 'this side'}", key=f"paste_{slot}", height=150,
                                          help="A blank line starts a new document (one statement or paragraph)."))
    if not all(labels):
        raise CorpusError("a side has no label", "type a label for each side, such as the country or office",
                          setting="labels")
    if labels[0] == labels[1]:
        raise CorpusError(f"both sides are labelled {labels[0]!r}", "give each side its own label", setting="labels")
    if not any(t.strip() for t in texts):
        st.info("Paste each side's account of the same event in the sidebar (press Ctrl+Enter to apply).")
        return None, None
    documents = [[p for p in re.split(r"\n\s*\n", text) if p.strip()] or [text] for text in texts]
    corpus = framing.corpus_from_texts(dict(zip(labels, documents)), event=PASTE_EVENT)
    digest = hashlib.sha256("\x00".join(labels + texts).encode())
    return corpus, digest.hexdigest()


def choose_sides(state, corpus: Corpus, url_defaults: dict) -> tuple[str, tuple[str, str] | None]:
    """Event and two sides, from the corpus; defaults: the bundled event, US vs China."""
    events = corpus.events
    events_page.resolve_view(state, corpus)  # a link's view=events decides which sides are offered
    url_defaults["view"] = events_page.EVENT_VIEW
    default_event = framing.DEFAULT_EVENT if framing.DEFAULT_EVENT in events else events[0]
    settings.resolve_choice(state, "event", events, default_event, "event")
    event = st.sidebar.selectbox(settings.LABELS["event"], events, key="event", disabled=len(events) == 1)  # options: plain text
    # The Events view compares the same two sides at every event: offer every side of the corpus.
    sides = (corpus if state.get("view") == events_page.EVENTS_VIEW else corpus.select(event=event)).sides
    url_defaults["event"] = default_event
    if len(sides) < 2:
        return event, None  # compare() explains that a second side is needed
    pair = framing.DEFAULT_SIDES if set(framing.DEFAULT_SIDES) <= set(sides) else tuple(sides[:2])
    for key, default in (("side_a", pair[0]), ("side_b", pair[1])):
        settings.resolve_choice(state, key, sides, default, "side")
        st.sidebar.selectbox(settings.LABELS[key], sides, key=key)
        url_defaults[key] = default
    return event, (state["side_a"], state["side_b"])


def analysis_settings(corpus: Corpus | None = None) -> None:
    st.sidebar.header("Settings")
    st.sidebar.slider(settings.LABELS["ngram"], 1, settings.NGRAM_MAX, value=(1, 1), key="ngram")
    st.sidebar.radio(settings.LABELS["stop_words"], settings.STOP_WORDS, key="stop_words", horizontal=True,
                     format_func=lambda v: {"english": "remove English", "none": "keep all"}[v])
    st.sidebar.number_input(settings.LABELS["min_df"], 1, settings.MIN_DF_MAX, key="min_df")
    st.sidebar.checkbox("Sublinear term frequency (1 + log tf)", key="sublinear")
    st.sidebar.slider(settings.LABELS["threshold"], 0.0, 1.0, step=0.01, key="threshold")
    if st.session_state.get("similarity") not in settings.similarity_choices():
        st.session_state["similarity"] = "topics"   # embeddings left over after the host removed its model
    st.sidebar.radio(settings.LABELS["similarity"], settings.similarity_choices(), key="similarity", horizontal=True,
                     format_func=lambda v: {"words": "words", "topics": "meaning (topics)",
                                            "embeddings": "embeddings (host's model)"}[v],
                     help="meaning (the default): content words without names, titles, dates and readout verbs, "
                          "or a shared topic (docs/validity.md). words: TF-IDF cosine of all words, at the "
                          "alignment threshold above (which applies to words only).")
    st.sidebar.slider(settings.LABELS["top"], *settings.TOP_RANGE, key="top")
    if corpus is not None and holds_versions(corpus):   # a side filed its original and its translation
        st.sidebar.radio(settings.LABELS["prefer_version"], settings.PREFER_VERSIONS, key="prefer_version",
                         horizontal=True, format_func=lambda v: {"auto": "automatic"}.get(v, v),
                         help="automatic: the translation when the other side is in its language (one language "
                              "to compare words in), else the original. A warning names the version read.")


def compare_options(state, event, sides) -> framing.CompareOptions:
    return framing.CompareOptions(
        sides=sides, event=event,
        overlap=framing.OverlapOptions(ngram_range=tuple(state["ngram"]), stop_words=state["stop_words"],
                                       min_df=int(state["min_df"]), sublinear_tf=bool(state["sublinear"]),
                                       top_terms=int(state["top"])),
        distinctive=framing.DistinctiveOptions(top=int(state["top"])),
        align=framing.AlignOptions(threshold=float(state["threshold"]), stop_words=state["stop_words"]),
        similarity=state["similarity"],
        model=settings.embedding_model() if state["similarity"] == "embeddings" else None,
        prefer_version=state.get("prefer_version", "auto"),   # no widget (and no value) without versions
    )


def share_view(state, url_defaults: dict) -> None:
    params = settings.url_params(state, url_defaults)
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)
    st.sidebar.header("Share this view")
    link = settings.share_link(st.context.url, params)
    st.sidebar.markdown(f"[Link to these settings]({link})")
    with st.sidebar.popover("Copy the link"):  # st.code's highlighter bundle loads only once this is opened
        st.code(link, language=None)
    if state["source"] != "bundled":
        st.sidebar.caption("Uploaded files and pasted text cannot travel in a URL: the link carries the "
                           "settings only; whoever opens it must load the same data (send them a saved workspace).")


# ---- page -----------------------------------------------------------------------------------------

@contextmanager
def reported(errors):
    """The one place errors are shown: the library's message as is, never a traceback; below it, the
    widget of the setting the error concerns (read from ``exc.setting``, never from the text)."""
    try:
        yield
    except FramingError as exc:
        errors.error(md(exc), icon=":material/error:")  # messages quote file names, labels, columns
        hint = settings.setting_hint(exc.setting)
        if hint:
            errors.caption(hint)
    except Exception as exc:  # a bug: the log keeps the traceback, the page stays usable
        _LOG.exception("dashboard failed")
        errors.error(f"Something went wrong ({type(exc).__name__}: {md(exc)}). Change a setting or reload the page.")


#: The setting an over-budget input's message points at, per source (paste and web: the message alone).
BUDGET_SETTING = {"upload": "file", "workspace": "workspace"}


def load_input(state) -> tuple[Corpus | None, str | None]:
    if state["source"] == "bundled":
        return bundled_corpus(), None
    if state["source"] == "upload":
        corpus, key = upload_input()
    elif state["source"] == "web":
        corpus, key = sources.web_input(state)
    elif state["source"] == "workspace":
        corpus, key = sources.workspace_input(state)
    else:
        corpus, key = paste_input()
    if corpus is not None:
        budgets.check_corpus(corpus, budgets.budgets(), setting=BUDGET_SETTING.get(state["source"]))
    return corpus, key


def check_settings(corpus: Corpus, key: str | None, options: framing.CompareOptions) -> None:
    """The budgets of settings whose cost grows with the input (n-grams, terms per side), on private data."""
    if key is not None:
        budgets.check_options(budgets.compared_chars(corpus, options.event, options.sides),
                              options.overlap.ngram_range, options.distinctive.top, budgets.budgets())


def result_tabs(state, comparison: framing.Comparison, url_defaults: dict, corpus: Corpus | None = None) -> None:
    """Only the open tab is drawn (a tab switch reruns the app); the open tab travels in the link.
    The Chinese tab is there when a compared side holds Chinese text, or a side of the event holds both an
    original and its translation (the version column)."""
    labels = settings.TABS + ((chinese_tab.TAB,) if chinese_tab.shown(comparison, corpus) else ())
    settings.resolve_choice(state, "tab", labels, settings.TABS[0], "tab")
    url_defaults["tab"] = settings.TABS[0]
    url_defaults["term"] = next(iter(views.evidence_terms(comparison)), None)
    sections = {
        "Charts": lambda: views.charts_section(comparison, charts.all_figures(comparison)),
        "Claims side by side": lambda: views.alignment_section(comparison),
        "Evidence": lambda: views.evidence_section(comparison),
        "Register": lambda: register_panel.register_section(comparison, register_charts.register_figures(comparison)),
        "Agenda": lambda: agenda_tab.agenda_section(comparison),
        chinese_tab.TAB: lambda: chinese_tab.chinese_section(comparison, corpus),
        "Export": lambda: views.exports_section(
            comparison, {**charts.all_figures(comparison), **register_charts.register_figures(comparison)}),
    }
    for label, tab in zip(labels, st.tabs(labels, key="tab", on_change="rerun")):
        if tab.open:
            with tab:
                sections[label]()


def main() -> None:
    st.set_page_config(page_title="framing: how each side told it", page_icon="⚖️", layout="wide")
    state = st.session_state
    settings.start_run(state, st.query_params)
    settings.keep_widget_values(state)
    st.sidebar.header("Input")
    st.sidebar.radio("Source", settings.SOURCES, key="source", format_func=settings.SOURCE_LABELS.get)
    st.markdown(_CSS, unsafe_allow_html=True)
    if state["source"] == "bundle":   # a comparison computed elsewhere (framing.scale): shown, not recomputed
        with reported(st.container()):
            bundle_source.bundle_page(state)
        return
    title = st.empty()
    notes = st.container()  # what a link asked for that could not be shown (filled in at the end)
    errors = st.container()  # above the results, so a problem is the first thing read
    url_defaults: dict = {}
    inputs = comparison = None
    with reported(errors):
        corpus, key = load_input(state)
        if corpus is not None:
            event, sides = ((PASTE_EVENT, tuple(corpus.sides)) if state["source"] == "paste"
                            else choose_sides(state, corpus, url_defaults))
            inputs = corpus, key, event, sides
    analysis_settings(inputs[0] if inputs else None)
    register = None  # stays None when an uploaded lexicon cannot be used: its error shows, nothing is compared
    with reported(errors):
        register = register_panel.register_settings(state)
    if register is None:
        inputs = None
    elif inputs is not None:  # a custom lexicon is upload-derived: its runs go to the session-scoped cache
        inputs = (inputs[0], register.cache_key(inputs[1]), *inputs[2:])
    events_title = None
    if inputs is not None and events_page.choose_view(inputs[0]) == events_page.EVENTS_VIEW:
        corpus, key, event, sides = inputs
        with reported(errors), st.spinner("Comparing every event…"):
            options = register.apply(compare_options(state, None, sides))
            check_settings(corpus, key, options)
            events_title = events_page.events_view(corpus, key, options)
    elif inputs is not None:
        corpus, key, event, sides = inputs
        with reported(errors), st.spinner("Comparing the two accounts…"):
            options = register.apply(compare_options(state, event, sides))
            check_settings(corpus, key, options)
            comparison = compare_bundled(options) if key is None else compare_private(key, corpus, options)
    if comparison is not None:
        title.header(f"{md(comparison.sides[0])} vs {md(comparison.sides[1])}", anchor=False)
        st.caption(f"framing · how each side told it · event: {md(comparison.event)}")
        views.headline(comparison)
        register_panel.variants_note(comparison)
        result_tabs(state, comparison, url_defaults, inputs[0])
    else:
        title.header(events_title or "framing: how each side told it", anchor=False)  # events_title: md'd
    for note in state.get(settings.NOTES, []):
        notes.info(note, icon=":material/link:")
    share_view(state, url_defaults)
    sources.save_workspace_button(state, inputs[0] if inputs else None, url_defaults)


if __name__ == "__main__":
    main()
