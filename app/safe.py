"""Strings from the data, made safe for every place Streamlit reads Markdown (Streamlit only).

Side labels, event names, column and file names, terms, fetched pages' titles, a server's reason
phrase: anything a visitor, a shared workspace or a web page chose. Streamlit renders Markdown in
st.markdown, captions, alerts (error, warning, info), metric labels, headers, widget labels and
help, radio options, tab and expander labels: there ``[Sign in again](http://…)`` would be a live
link and ``![x](http://…/b.png)`` a remote image (a phishing link or a tracking pixel in a
colleague's view). :func:`md` escapes every character that makes Markdown act, and breaks the
literal autolinks (``http://…``, ``www.…``, ``name@host``) that need no Markdown character at all,
with an invisible WORD JOINER (U+2060) before the ``:``, the ``.`` or the ``@``: Streamlit's
renderer (1.67, GitHub-flavoured Markdown) links ``http\\://host`` despite the backslash, and
``http&#58;//host`` too; only a character between "http" and "://" stops it (checked in Chromium:
tests/test_browser_markdown.py).
Use it on the data's part of a string only, never on Markdown of our own.
"""
from __future__ import annotations

import re

__all__ = ["md", "JOINER", "break_autolinks"]

#: Markdown that acts rather than shows: links and images ([...](...)), autolinks and HTML (<...>),
#: LaTeX ($), emphasis, code, tables and Streamlit's :color[...] directives.
_ACTIVE = re.compile(r"([\\`*_\[\]<>$~|])")
#: The same inside HTML we built from html.escape-d text: its < and > are our own tags.
_ACTIVE_IN_HTML = re.compile(r"([\\`*_\[\]$~|])")
#: GitHub-flavoured Markdown links these without any markup: scheme://, www. and e-mail addresses.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9])(:)(?=/)|(?<=www)(\.)|(@)")
#: What goes before such a ``:``, ``.`` or ``@``: U+2060 WORD JOINER, invisible and never a line break.
JOINER = "\u2060"


def md(text, *, html: bool = False) -> str:
    r"""``text`` (any value, as ``str``) with every Markdown character that acts backslash-escaped,
    so it shows exactly as written and never as a link, an image, HTML, LaTeX or formatting.

    ``html=True``: ``text`` is HTML built from ``html.escape``-d data (any ``<`` or ``>`` in it is a
    tag of ours, like ``<mark>``): the tags are left alone, and so are ``&`` and ``;``.

    >>> print(md("[Sign in again](http://127.0.0.1:9/x) costs $5 and $6").replace(JOINER, "|"))
    \[Sign in again\](http|://127.0.0.1:9/x) costs \$5 and \$6
    >>> print(md("![x](https://www.example.org/b.png) <img src=x> **bold** me@example.org").replace(JOINER, "|"))
    !\[x\](https|://www|.example.org/b.png) \<img src=x\> \*\*bold\*\* me|@example.org
    """
    escaped = (_ACTIVE_IN_HTML if html else _ACTIVE).sub(r"\\\1", str(text))
    return break_autolinks(escaped)


def break_autolinks(text: str) -> str:
    """``text`` with a :data:`JOINER` before each ``:`` of ``scheme://``, ``.`` of ``www.`` and ``@``:
    what :func:`md` adds to what it shows (the page's text then holds these invisible characters).

    >>> break_autolinks("see www.example.org or http://example.org") == "see www\u2060.example.org or http\u2060://example.org"
    True
    """
    return _AUTOLINK.sub(lambda m: JOINER + m.group(0), text)
