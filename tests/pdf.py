"""Reading the PDFs the bot makes, without a PDF library.

matplotlib's PDF backend writes each text as literal strings inside Flate-compressed content
streams (glyph by glyph, with kerning between them); decompressing the streams and joining the
strings of each text object gives the text back, one text object per line. Characters outside
Latin-1 ("–", "≥") and ligatures ("fl") are drawn from another font and come out as blanks, so
tests look for words without them.
"""

from __future__ import annotations

import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_TEXT_OBJECT = re.compile(rb"BT(.*?)ET", re.S)
_STRING = re.compile(rb"\((?:[^()\\]|\\.)*\)")
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)


def _unescape(match: re.Match[bytes]) -> bytes:
    code = match.group(1)
    if code[:1].isdigit():
        return bytes([int(code, 8)])
    return {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(code, code)


def pdf_text(data: bytes) -> str:
    """The text of every text object in the PDF `data`, one per line, in drawing order."""
    lines = []
    for stream in _STREAM.finditer(data):
        try:
            content = zlib.decompress(stream.group(1))
        except zlib.error:
            continue  # a font program or an image, not a page
        for block in _TEXT_OBJECT.finditer(content):
            strings = _STRING.findall(block.group(1))
            text = b"".join(_ESCAPE.sub(_unescape, string[1:-1]) for string in strings)
            lines.append(text.decode("latin-1"))
    return "\n".join(lines)


def page_count(data: bytes) -> int:
    """How many pages the PDF `data` has (its /Type /Page objects)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
