"""Compressed response bodies, inflated within a byte limit whatever the headers say.

trafilatura inflates a gzip (or zstd, brotli, deflate) body it is given as bytes, up to its own
20 MB limit, whatever the content type: framing.inputs.fetch inflates here, within the page limit,
and hands the extractor text only.
"""
from __future__ import annotations

import zlib

__all__ = ["inflate"]

_GZIP, _ZSTD = b"\x1f\x8b", b"\x28\xb5\x2f\xfd"
_ZLIB = {b"\x78\x01", b"\x78\x5e", b"\x78\x9c", b"\x78\xda"}  # zlib headers at the four levels
_INFLATED = ("gzip", "x-gzip", "deflate")
_MEMBERS = 100


def _compression(body: bytes, encoding: str) -> str | None:
    """The compression of a body by its first bytes, else by its Content-Encoding; None: plain."""
    if body[:2] == _GZIP:
        return "gzip"
    if body[:4] == _ZSTD:
        return "zstd"
    if body[:2] in _ZLIB:
        return "deflate"
    return None if encoding == "identity" else encoding


def _inflate(body: bytes, kind: str, limit: int) -> bytes:
    out, rest = bytearray(), body
    for _member in range(_MEMBERS):  # gzip may hold several members one after another
        if kind == "deflate":
            inflater = zlib.decompressobj(zlib.MAX_WBITS if rest[:2] in _ZLIB else -zlib.MAX_WBITS)
        else:
            inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        out += inflater.decompress(rest, limit + 1 - len(out))  # never more than the limit, plus one byte
        if len(out) > limit:
            raise ValueError(f"the page inflates to over the {limit:,}-byte limit; save the text and upload it "
                             "as a .txt file instead")
        if not inflater.eof:
            raise zlib.error("the compressed body ends early")
        rest = inflater.unused_data.lstrip(b"\0")
        if kind == "deflate" or not rest:
            return bytes(out)
    raise zlib.error(f"more than {_MEMBERS} gzip members")


def inflate(body: bytes, encoding: str, limit: int) -> bytes:
    """A response body as sent, or inflated up to ``limit`` bytes (gzip, deflate), found by its first
    bytes or its Content-Encoding (``encoding``, lower case). Raises ValueError (the message says
    what to do) for another compression, a body compressed twice, a broken one, or one inflating
    past the limit."""
    kind = _compression(body, encoding)
    if kind is None:
        return body
    if kind not in _INFLATED:
        raise ValueError(f"the server sent the page compressed as {kind[:20]!r}, which this app does not read; "
                         "save the page's text and upload it as a .txt file instead")
    try:
        out = _inflate(body, kind, limit)
    except zlib.error as exc:
        raise ValueError(f"the page's compressed body cannot be read ({exc}); paste the page's text instead") from None
    if _compression(out[:4], "identity") is not None:
        raise ValueError("the page is compressed more than once, which this app does not read; paste the page's "
                         "text instead")
    return out
