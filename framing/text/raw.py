"""Text before any analysis: bytes to str, Unicode normalisation, which scripts a text uses."""
from __future__ import annotations

import codecs
import re
import unicodedata

from framing.errors import CorpusError

__all__ = ["decode_bytes", "normalise_text", "script_shares"]

#: Letters of scripts written without spaces between words: Thai, Lao, Tibetan, Myanmar, Khmer,
#: kana and Han. The token pattern reads a whole run of them between punctuation as one "word".
_UNSPACED_LETTER = re.compile("[\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
                              "\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


def script_shares(texts, sample_chars: int = 200_000) -> tuple[int, float, float]:
    """(letters, share of them in scripts written without spaces, share outside the Latin script).

    Read from the first ``sample_chars`` characters of ``texts``: enough to tell
    which script a side is written in, and cheap on a 50 MB document.

    >>> script_shares(["Talks were candid.", "会谈是坦诚的"])
    (21, 0.2857142857142857, 0.2857142857142857)
    """
    parts, left = [], sample_chars
    for text in texts:
        if left <= 0:
            break
        parts.append(text[:left])
        left -= len(parts[-1])
    sample = "\n".join(parts)
    letters = len(_LETTER.findall(sample))
    if not letters:
        return 0, 0.0, 0.0
    return (letters, len(_UNSPACED_LETTER.findall(sample)) / letters,
            1 - len(_LATIN_LETTER.findall(sample)) / letters)


def normalise_text(text: str) -> str:
    """Return ``text`` in Unicode NFC with NUL bytes removed.

    NFC makes visually identical strings compare equal (composed and decomposed
    accents); NUL bytes break downstream renderers and carry no words.
    """
    return unicodedata.normalize("NFC", text).replace("\x00", "")


def decode_bytes(data: bytes, name: str) -> str:
    """Decode UTF-8, UTF-8 with BOM, or UTF-16 with BOM; anything else is an error.

    Raises
    ------
    CorpusError
        Naming the file and the first undecodable byte, and how to re-save it.
    """
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise CorpusError(
            (encoding == "utf-8" and _utf16_without_bom(body, name)) or
            f"{name}: byte {exc.start} (0x{body[exc.start]:02x}) is not valid {encoding.upper()}; "
            "re-save the file as UTF-8 (or UTF-16 with a byte-order mark)"
        ) from None
    if "\x00" in text:
        raise CorpusError(_nul_message(body, name))
    return text


def _utf16_without_bom(body: bytes, name: str) -> str | None:
    """The message for UTF-16 text saved without a byte-order mark, else None.

    Such text in a Latin script has a NUL in every other byte (little-endian: the odd
    bytes, big-endian: the even ones); decoding it as UTF-8 would report NULs or a
    stray accent byte, which sends the analyst looking for the wrong problem.
    """
    head = body[:4096]
    for parity, order in ((1, "little-endian"), (0, "big-endian")):
        half = head[parity::2]
        if len(half) >= 2 and half.count(0) >= 0.9 * len(half) and head[1 - parity::2].count(0) == 0:
            return (f"{name}: looks like UTF-16 ({order}) without a byte-order mark; re-save the file as UTF-8 "
                    "(or UTF-16 with a byte-order mark)")
    return None


def _nul_message(body: bytes, name: str) -> str:
    """Why a file holding NUL bytes is refused: UTF-16 without a byte-order mark, or stray/binary bytes."""
    utf16 = _utf16_without_bom(body, name)
    if utf16:
        return utf16
    first = body.index(0)
    line = body.count(b"\n", 0, first) + 1
    return (f"{name}: contains NUL bytes, so it looks like a binary file, not text ({body.count(0)} NUL byte(s), "
            f"the first on line {line}); export it as UTF-8 text, CSV or JSONL, or delete the NUL bytes")
