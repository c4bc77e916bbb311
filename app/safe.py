"""Strings from the data, made safe for every place Streamlit reads Markdown (Streamlit only).

Side labels, event names, column and file names, terms, fetched pages' titles, a server's reason
phrase: anything a visitor, a shared workspace or a web page chose. Streamlit renders Markdown in
st.markdown, captions, alerts (error, warning, info), metric labels, headers, widget labels and
help, radio options, tab and expander labels: there ``[Sign in again](http://…)`` would be a live
link and ``![x](http://…/b.png)`` a remote image (a phishing link or a tracking pixel in a
colleague's view). :func:`md` escapes every character that makes Markdown act, and breaks the
literal autolinks (``http://…``, ``www.…``, ``name@host``) that need no Markdown character at all.
Use it on the data's part of a string only, never on Markdown of our own.
"""
from __future__ import annotations

import re

__all__ = ["md"]

#: Markdown that acts rather than shows: links and images ([...](...)), autolinks and HTML (<...>),
#: LaTeX ($), emphasis, code, tables and Streamlit's :color[...] directives.
_ACTIVE = re.compile(r"([\\`*_\[\]<>$~|])")
#: The same inside HTML we built from html.escape-d text: its < and > are our own tags.
_ACTIVE_IN_HTML = re.compile(r"([\\`*_\[\]$~|])")
#: GitHub-flavoured Markdown links these without any markup: scheme://, www. and e-mail addresses.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9])(:)(?=/)|(?<=www)(\.)|(@)")


def md(text, *, html: bool = False) -> str:
    r"""``text`` (any value, as ``str``) with every Markdown character that acts backslash-escaped,
    so it shows exactly as written and never as a link, an image, HTML, LaTeX or formatting.

    ``html=True``: ``text`` is HTML built from ``html.escape``-d data (any ``<`` or ``>`` in it is a
    tag of ours, like ``<mark>``): the tags are left alone, and so are ``&`` and ``;``.

    >>> print(md("[Sign in again](http://127.0.0.1:9/x) costs $5 and $6"))
    \[Sign in again\](http\://127.0.0.1:9/x) costs \$5 and \$6
    >>> print(md("![x](https://www.example.org/b.png) <img src=x> **bold** me@example.org"))
    !\[x\](https\://www\.example.org/b.png) \<img src=x\> \*\*bold\*\* me\@example.org
    """
    escaped = (_ACTIVE_IN_HTML if html else _ACTIVE).sub(r"\\\1", str(text))
    return _AUTOLINK.sub(lambda m: "\\" + m.group(0), escaped)
