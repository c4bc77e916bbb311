"""Helpers for the AppTest tests: start the dashboard, check it, open its tabs, read its headline.

The result tabs are lazy, only the open tab's elements exist. A click on a tab sets the tabs widget
(key "tab") and reruns the app; so does :func:`open_tab`.
"""
from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from app import settings

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
#: The bundled event's headline diff (US vs China), as the page draws it.
BUNDLED_DIFF = {"Shared": ["candid", "constructive"], "Only US": ["substantive"], "Only China": ["in-depth"]}


def start_app(**params) -> AppTest:
    """The dashboard after its first run, opened as a link with ``params`` in its query string does."""
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def no_exception(at: AppTest) -> None:
    """The run raised nothing (an error the app shows is not an exception)."""
    assert not at.exception, [e.value for e in at.exception]


def open_tab(at: AppTest, label: str) -> AppTest:
    """Open the result tab ``label`` as a click on it does, and return ``at`` after the rerun."""
    assert label in settings.TABS, label  # an unknown label would quietly open the first tab
    at.session_state["tab"] = label
    return at.run()


def each_tab(at: AppTest):
    """Open every result tab in turn, yielding its label with the tab open; ends back on the first."""
    for label in settings.TABS:
        yield label, open_tab(at, label)
    open_tab(at, settings.TABS[0])


def app_diff(at: AppTest) -> dict:
    """The headline descriptor diff, {box title: [descriptors]}, from the markdown the page drew."""
    values = [m.value for m in at.main.markdown]
    out = {}
    for title, body in zip(values, values[1:]):
        heading = re.fullmatch(r"\*\*(Shared|Only .+)\*\*", title)
        if heading:
            out[heading.group(1)] = [] if "none</span>" in body else re.findall(r">([^<>]+)</span>", body)
    return out
