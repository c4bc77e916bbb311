"""Two more input sources for the dashboard, and saving a workspace (Streamlit only, no analysis).

- **Web addresses**: one or more addresses per side; each page is read with
  ``framing.inputs.fetch`` and its text shown for the analyst to check and edit before
  anything is compared. Each address that cannot be read is named with why.
- **Workspace file**: a file saved with "Save workspace" (``framing.inputs.workspace``):
  its documents become the corpus and its settings are applied once, as a
  link's would be.

Fetched pages live in this session's state only. On a hosted app, addresses on
private or local networks are refused unless ``FRAMING_ALLOW_PRIVATE_URLS=1``
is set (a server must not be made to read its own network for a visitor), and so are ports other
than 80 and 443 unless ``FRAMING_FETCH_PORTS`` lists them. A visitor reads at most
``FRAMING_MAX_URLS`` addresses at once and ``FRAMING_MAX_URLS_PER_SESSION`` in a session.
"""
from __future__ import annotations

import hashlib
import os

import streamlit as st

from app import budgets, settings
from app.safe import md
from framing.inputs import fetch, workspace
from framing.inputs.corpus import Corpus, CorpusError, Document

WEB_EVENT = "web pages"
SLOTS = ("a", "b")
PAGES = "_web_pages"  # {slot: [page dict]} from the last "Read the pages"
FETCH_ERRORS = "_web_errors"
APPLIED = "_workspace_applied"  # digest of the workspace whose settings were applied
MAX_REJECTED_SHOWN = 20


URLS_READ = "_web_urls_read"  # addresses this session has asked the server to read


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, "").strip() or default)


def fetch_options() -> fetch.FetchOptions:
    """The fetch limits of this server, from its environment (README, "Share a hosted link")."""
    allow = os.environ.get("FRAMING_ALLOW_PRIVATE_URLS", "").strip().lower() in ("1", "true", "yes")
    ports = os.environ.get("FRAMING_FETCH_PORTS", "").strip()
    return fetch.FetchOptions(timeout=15.0, max_bytes=5_000_000, allow_private=allow,
                              ports=tuple(int(p) for p in ports.split(",")) if ports else None,
                              max_pages=_env_int("FRAMING_MAX_URLS", 20))


# ---- web addresses --------------------------------------------------------------------------------

def _read_pages(state, labels: list[str], address_lists: list[list[str]]) -> None:
    total = sum(len(u) for u in address_lists)
    budget, used = _env_int("FRAMING_MAX_URLS_PER_SESSION", 100), state.get(URLS_READ, 0)
    if used + total > budget:
        raise CorpusError(f"this session has read {used} web address(es) and asks for {total} more, over the "
                          f"limit of {budget} a session; paste the texts instead, or open the app in a new session")
    state[URLS_READ] = used + total
    bar = st.progress(0.0, text=f"Reading {total} page(s)…")
    done = 0

    def step(_n, _total, url):
        nonlocal done
        done += 1
        bar.progress(done / total, text=f"Read {done} of {total}: {url}")

    pages, errors = {}, []
    for slot, label, urls in zip(SLOTS, labels, address_lists):
        result = fetch.fetch_pages(urls, fetch_options(), progress=step)
        pages[slot] = [{"url": p.url, "final_url": p.final_url, "title": p.title, "date": p.date, "text": p.text}
                       for p in result.pages]
        errors += [f"{label}: {e}" for e in result.errors]
        for number, page in enumerate(pages[slot]):
            state[f"web_text_{slot}_{number}"] = page["text"]  # the editable copy the analyst confirms
    bar.empty()
    state[PAGES], state[FETCH_ERRORS] = pages, errors
    state["web_confirmed"] = False


def web_input(state) -> tuple[Corpus | None, str | None]:
    labels, address_lists = [], []
    for slot, default in zip(SLOTS, ("Side A", "Side B")):
        labels.append(st.sidebar.text_input(f"Label of side {slot.upper()}", default, key=f"web_label_{slot}").strip())
        text = st.sidebar.text_area(f"Web addresses of {md(labels[-1]) or 'this side'}", key=f"web_urls_{slot}",
                                    height=100, placeholder="https://…\nhttps://…",
                                    help="One or more addresses (one a line): each page is one document.")
        address_lists.append(fetch.parse_urls(text))
    if not all(labels):
        raise CorpusError("a side has no label; type a label for each side, such as the country or office")
    if labels[0] == labels[1]:
        raise CorpusError(f"both sides are labelled {labels[0]!r}; give each side its own label")
    clicked = st.sidebar.button("Read the pages", key="web_fetch", disabled=not all(address_lists),
                                help="Give at least one address per side.")
    if clicked:
        _read_pages(state, labels, address_lists)
    pages = state.get(PAGES)
    for problem in state.get(FETCH_ERRORS, []):
        st.warning(md(problem), icon=":material/link_off:")  # the address, a server's reason phrase
    if not pages or not any(pages.values()):
        st.info("Paste one or more web addresses per side in the sidebar and press “Read the pages”. The text "
                "read from each page is shown here to check before anything is compared.")
        return None, None
    confirmed = bool(state.get("web_confirmed"))
    with st.expander("Text read from each page: check it, edit it if needed", expanded=not confirmed):
        for slot, label in zip(SLOTS, labels):
            if not pages.get(slot):
                st.caption(f"No page of {md(label)} could be read.")
            for number, page in enumerate(pages.get(slot, [])):
                heading = page["title"] or page["final_url"]
                state.setdefault(f"web_text_{slot}_{number}", page["text"])  # dropped if the source was switched
                st.text_area(f"{md(label)} · {md(heading)}", key=f"web_text_{slot}_{number}", height=180,
                             help=f"Read from {md(page['final_url'])}" + (f", dated {md(page['date'])}" if page["date"] else ""))
    st.checkbox("These texts are right: compare them", key="web_confirmed")
    if not state.get("web_confirmed"):
        st.info("Read the text taken from each page above, correct it where the page's layout confused the "
                "reader, then tick “These texts are right”.")
        return None, None
    docs, digest = [], hashlib.sha256()
    for slot, label in zip(SLOTS, labels):
        side_docs = []
        for number, page in enumerate(pages.get(slot, [])):
            text = state.get(f"web_text_{slot}_{number}", "").strip()
            digest.update(f"{label}\x00{page['final_url']}\x00{text}\x00".encode())
            if text:
                side_docs.append(Document(event=WEB_EVENT, side=label, text=text, url=page["final_url"],
                                          title=page["title"], date=page["date"]))
        if not side_docs:
            raise CorpusError(f"side {label!r} has no page text; fix its addresses and read the pages again, or "
                              "use “Paste text” instead")
        docs += side_docs
    return Corpus(tuple(docs)), "web:" + digest.hexdigest()


# ---- workspace file -------------------------------------------------------------------------------

@st.cache_data(scope="session", max_entries=4, show_spinner=False)
def parse_workspace(name: str, data: bytes) -> workspace.Workspace:
    return workspace.parse_workspace_bytes(data, name)


def workspace_input(state) -> tuple[Corpus | None, str | None]:
    upload = st.sidebar.file_uploader("Workspace file (.json)", type=["json"], key="workspace_upload",
                                      help="A file saved with “Save workspace”: texts and settings together.")
    if upload is None:
        st.info("Open a workspace file saved with “Save workspace” (in the sidebar of any view): it brings back "
                "the texts and the settings. It stays in your session.")
        return None, None
    budgets.check_upload([upload.size], budgets.budgets(), setting="workspace")  # before reading it
    data = upload.getvalue()
    digest = hashlib.sha256(upload.name.encode() + b"\x00" + data).hexdigest()
    loaded = parse_workspace(upload.name, data)
    if state.get(APPLIED) != digest:  # once per file: later changes in the sidebar are the analyst's
        settings.apply_params(state, loaded.settings, origin="workspace", keep=("source",))
        state[APPLIED] = digest
    docs = loaded.corpus
    if loaded.rejected:
        shown = "\n".join(f"- {md(r.message())}" for r in loaded.rejected[:MAX_REJECTED_SHOWN])
        more = (f"\n- … and {len(loaded.rejected) - MAX_REJECTED_SHOWN} more"
                if len(loaded.rejected) > MAX_REJECTED_SHOWN else "")
        st.warning(f"{len(loaded.rejected)} document(s) could not be used:\n{shown}{more}")
        keep = st.checkbox(f"Compare the {len(docs)} valid document(s) and leave the rejected ones out",
                           key="keep_valid_workspace", value=False, disabled=not len(docs))
        if not keep:
            st.info("Fix the documents above and open the file again, or tick the box to go on without them.")
            return None, None
    return docs, "workspace:" + digest


def save_workspace_button(state, corpus: Corpus | None, data_keys) -> None:
    """"Save workspace" in the sidebar: the loaded texts and the current settings as one .json file."""
    if corpus is None or not len(corpus):
        return
    saved = settings.snapshot(state, data_keys)
    st.sidebar.download_button(
        "Save workspace", key="save_workspace", file_name="framing-workspace.json", mime="application/json",
        data=lambda: workspace.save_workspace(corpus, saved), on_click="ignore", icon=":material/save:",
        help="The texts and these settings in one file: open it with “Workspace file”, or send it with the link.")
