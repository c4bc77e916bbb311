"""The dashboard source "Results bundle": a comparison computed elsewhere (``--engine dask --out-bundle``),
shown without recomputing it (Streamlit only, no analysis).

Locally (``FRAMING_BUNDLE_FOLDERS=1``) a bundle folder is opened by its path and its sentences are read
back from the corpus files it names. Otherwise (a hosted app) only an uploaded .zip of a bundle is
accepted, within ``MAX_ZIP_BYTES`` compressed and ``MAX_UNZIPPED_BYTES`` unpacked; it is unpacked into
a folder of this session only, and a path inside it never reaches the server's own files (sentence
texts stay unresolved: the numbers and offsets are shown). Only what the open view shows is read:
the summary for the headline, the descriptor and duration evidence (``descriptors.parquet``, once per
opened bundle, at most ``MAX_EVIDENCE_ROWS`` drawn), one page of sentence records at a time.
"""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

import pandas as pd
import streamlit as st

from app import views
from app.safe import md
from framing.results import evidence_table
from framing.scale.bundle import BundleError, open_bundle

MAX_ZIP_BYTES = 50_000_000
MAX_UNZIPPED_BYTES = 400_000_000
PAGE_ROWS = 50
#: The most rows of descriptor (or duration) evidence drawn on the page; more are said, not sent
MAX_EVIDENCE_ROWS = 1000
OPENED = "_bundle_opened"   # (digest or path, Bundle, may read corpus files) of this session


def folders_allowed() -> bool:
    """Whether a bundle may be opened by a folder path (a local app: the analyst's own disk)."""
    return os.environ.get("FRAMING_BUNDLE_FOLDERS", "").strip().lower() in ("1", "true", "yes")


def unpack_zip(data: bytes, name: str) -> Path:
    """The bundle in a .zip (at its root or in one top folder), unpacked into a new temporary folder.

    Raises
    ------
    BundleError
        Too large, not a zip, a member path leaving the folder, or no summary.json.
    """
    if len(data) > MAX_ZIP_BYTES:
        raise BundleError(f"{name}: {len(data) / 1e6:.0f} MB is over the {MAX_ZIP_BYTES / 1e6:.0f} MB limit for an "
                          "uploaded bundle; open it in a local dashboard (FRAMING_BUNDLE_FOLDERS=1) instead")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise BundleError(f"{name}: is not a .zip file; zip the bundle folder (summary.json, *.parquet, "
                          "sentences/) and upload that") from None
    members = [m for m in archive.infolist() if not m.is_dir()]
    if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
        raise BundleError(f"{name}: unpacks to over {MAX_UNZIPPED_BYTES / 1e6:.0f} MB; open it in a local dashboard")
    for m in members:
        path = PurePosixPath(m.filename)
        if path.is_absolute() or ".." in path.parts:
            raise BundleError(f"{name}: member {m.filename!r} points outside the bundle; zip the folder again")
    summaries = [PurePosixPath(m.filename) for m in members if PurePosixPath(m.filename).name == "summary.json"]
    if len(summaries) != 1 or len(summaries[0].parts) > 2:
        raise BundleError(f"{name}: no summary.json at the top of the zip (or in one top folder); "
                          "this is not a results bundle")
    out = Path(tempfile.mkdtemp(prefix="framing-bundle-upload-"))
    archive.extractall(out)
    return out / summaries[0].parent


def _open(state):
    """The opened bundle and whether its sentences may be read from corpus files, or None (with a prompt)."""
    if folders_allowed():
        folder = st.sidebar.text_input("Bundle folder", key="bundle_folder",
                                       help="A folder written by python -m framing compare … --engine dask --out-bundle DIR")
        if not folder.strip():
            st.info("Give the path of a results bundle folder in the sidebar.")
            return None
        key = "folder:" + folder.strip()
        if state.get(OPENED, (None,))[0] != key:
            state[OPENED] = (key, open_bundle(folder.strip()), True)
        return state[OPENED][1:]
    upload = st.sidebar.file_uploader("Results bundle (.zip)", type=["zip"], key="bundle_upload",
                                      help="The folder written by --out-bundle, zipped. It stays in your session.")
    if upload is None:
        st.info("Upload a results bundle (.zip of the folder written by python -m framing compare … "
                "--engine dask --out-bundle DIR): its comparison is shown without recomputing it.")
        return None
    data = upload.getvalue()
    key = "zip:" + hashlib.sha256(data).hexdigest()
    if state.get(OPENED, (None,))[0] != key:
        previous = state.pop(OPENED, None)
        if previous is not None and not previous[2]:   # the last upload's unpacked folder: this session's only
            shutil.rmtree(previous[1].path, ignore_errors=True)
        state[OPENED] = (key, open_bundle(unpack_zip(data, upload.name)), False)
    return state[OPENED][1:]


def bundle_page(state) -> None:
    """The bundle's headline (the same view as a comparison made here), its distinctive terms and a page
    of its sentence records. Raises BundleError (shown by the caller) for a folder or zip that is not a bundle."""
    opened = _open(state)
    if opened is None:
        return
    bundle, read_texts = opened
    comparison = bundle.comparison()   # the summary's headline, with the descriptor and duration evidence
    a, b = comparison.sides
    st.header(f"{md(a)} vs {md(b)}", anchor=False)  # labels come from the bundle: escaped
    st.caption(f"framing · results bundle ({bundle.summary['bundle']['partitions']} partitions, "
               f"{bundle.summary['bundle']['sentence_records']:,} sentences) · event: {md(comparison.event)}")
    views.headline(comparison)
    st.markdown("##### Distinctive terms")
    for side, column in zip(comparison.sides, st.columns(2)):
        with column:
            st.caption(md(side))
            st.dataframe(comparison.distinctive.top[side], hide_index=True)
    st.markdown("##### Sentences")
    side = st.radio("Side", comparison.sides, horizontal=True, key="bundle_side", format_func=md)
    k = comparison.sides.index(side)
    pages = max(1, -(-comparison.sentiment[side].n_sentences // PAGE_ROWS))
    page = st.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, value=1, key="bundle_page")
    records = bundle.sentences(side=k, limit=PAGE_ROWS, offset=(int(page) - 1) * PAGE_ROWS)
    table = records[["doc", "start", "end", "compound"]].copy()
    if read_texts:
        table.insert(0, "sentence", bundle.sentence_texts(records))
    else:
        st.caption("An uploaded bundle carries offsets into its corpus files, not the sentences themselves: "
                   "open it in a local dashboard next to its corpus to read them.")
    st.dataframe(pd.DataFrame(table), hide_index=True)
    agenda = agenda_counts(bundle.summary)
    if agenda is not None:
        st.markdown("##### Agenda")
        st.caption("Topics each side raised, with how many of its sentences raise each (the bundle's sentence "
                   "records name each sentence's topics).")
        st.dataframe(agenda, hide_index=True)
    evidence_tables(comparison)


def evidence_tables(comparison) -> None:
    """Each descriptor traced to its sentence, and the words about the event's length (the duration facet,
    kept out of the diff) traced to theirs, as the descriptor_evidence and duration tables of the
    in-process comparison."""
    st.markdown("##### Descriptor evidence")
    _capped(evidence_table(comparison, "descriptor_evidence"), "bundle_evidence")
    duration = evidence_table(comparison, "duration")
    if not duration.empty:
        st.markdown("##### How long it lasted (duration, kept out of the diff)")
        _capped(duration, "bundle_duration")


def _capped(table: pd.DataFrame, key: str) -> None:
    if len(table) > MAX_EVIDENCE_ROWS:
        st.caption(f"The first {MAX_EVIDENCE_ROWS:,} of {len(table):,} rows (the bundle's descriptors.parquet has all).")
    st.dataframe(table.head(MAX_EVIDENCE_ROWS), hide_index=True, key=key)


def agenda_counts(summary: dict) -> pd.DataFrame | None:
    """The summary's agenda as one row per topic (in order of first mention, side A's first): topic (its
    label), raised ("both" or "only <side>"), and each side's sentences raising it; None without an agenda."""
    agenda = summary.get("agenda")
    if not agenda:
        return None
    a, b = summary["sides"]
    shared, rows = set(agenda["shared"]), {}
    for side in (a, b):
        for t in agenda["by_side"][side]:
            row = rows.setdefault(t["topic"], {"topic": t["label"], "raised": "both" if t["topic"] in shared
                                               else f"only {side}", f"sentences {a}": 0, f"sentences {b}": 0})
            row[f"sentences {side}"] = t.get("sentence_count", len(t["sentences"]))
    return pd.DataFrame(list(rows.values()), columns=["topic", "raised", f"sentences {a}", f"sentences {b}"])
