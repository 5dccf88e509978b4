"""Bytes of a page, feed or text file to text, the way browsers and feedparser decide.

In order: a byte-order mark; the charset of the HTTP Content-Type header; the document's own declaration
(`<?xml … encoding=…?>`, `<meta charset=…>` or `<meta http-equiv="Content-Type" …>`); the XML
auto-detection of UTF-16/UTF-32 from the first bytes; strict UTF-8; then detection by charset-normalizer.
Labels are read as browsers read them (WHATWG): "iso-8859-1" and "us-ascii" mean windows-1252,
"gb2312" means GB18030, and so on. A page that declares a legacy charset but is valid UTF-8 with non-ASCII
text is UTF-8 (the declaration was left over from a migration; reading it as declared gives mojibake).
A page that is UTF-8 but for a stray byte or two keeps its UTF-8 text, and each stray byte is read as
windows-1252 (the usual cause: one pasted character), so no U+FFFD ends up in the store.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import IngestError

__all__ = ["Decoded", "decode", "declared_charset"]

# WHATWG encoding labels that differ from Python's reading of the same name.
_WHATWG = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252", "ansi_x3.4-1968": "cp1252",
    "iso-8859-9": "cp1254", "latin5": "cp1254", "iso-8859-11": "cp874", "tis-620": "cp874",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "euc-kr": "cp949", "ks_c_5601-1987": "cp949",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932",
    "big5": "big5hkscs", "x-mac-roman": "mac_roman", "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# XML 1.0 appendix F: "<" or "<?" in UTF-16/32 without a byte-order mark.
_XML_AUTODETECT = (
    (b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"), (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00!\x00", "utf-16-le"), (b"\x00<\x00!", "utf-16-be"),
    (b"<\x00h\x00", "utf-16-le"), (b"\x00<\x00h", "utf-16-be"),
    (b"<\x00H\x00", "utf-16-le"), (b"\x00<\x00H", "utf-16-be"),
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']?([A-Za-z0-9._:-]+)""")
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# Mostly UTF-8: one or two bad bytes, or at most one per this many well-formed multi-byte characters.
_STRAY_RATIO = 4


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # Python codec name actually used
    how: str  # "bom", "header", "declared", "utf-8", "detected", "utf-8 with stray bytes", ...


def _codec(label: str | bytes | None) -> str | None:
    """A Python codec for an encoding label, read the WHATWG way; None when unknown."""
    if not label:
        return None
    name = (label.decode("ascii", "ignore") if isinstance(label, bytes) else label).strip().strip("\"'").lower()
    name = _WHATWG.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(raw: bytes, content_type: str = "") -> tuple[str | None, str]:
    """The charset the HTTP header or the document declares, as a Python codec, and where it was found."""
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        codec = _codec(m.group(1))
        if codec:
            return codec, "header"
    head = raw[:16384]
    if m := _XML_DECL.match(head):
        codec = _codec(m.group(1))
        if codec:
            return codec, "declared"
    for m in _META_CHARSET.finditer(head):
        codec = _codec(m.group(1))
        if codec:
            # a <meta> saying UTF-16 in bytes that are not UTF-16 means UTF-8 (WHATWG)
            return ("utf-8" if codec.startswith("utf-16") else codec), "declared"
    return None, ""


def _stray_tolerant(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace").replace("\ufffd", ""), error.end  # type: ignore[union-attr]


codecs.register_error("tradebrief-stray-cp1252", _stray_tolerant)


def _mostly_utf8(raw: bytes) -> str | None:
    """The text when `raw` is UTF-8 but for a few stray bytes; None when it is another encoding."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if bad == 0 or good == 0 or (bad > 2 and good < _STRAY_RATIO * bad):
        return None
    return raw.decode("utf-8", errors="tradebrief-stray-cp1252")


def _has_non_ascii_utf8(raw: bytes) -> bool:
    if not re.search(rb"[\x80-\xff]", raw):
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode(raw: bytes, *, content_type: str = "") -> Decoded:
    """Decode `raw`; raises IngestError for bytes that are not text in any encoding we can tell."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return Decoded(raw[len(bom):].decode(codec, errors="replace"), codec, "bom")
    for start, codec in _XML_AUTODETECT:
        if raw.startswith(start):
            return Decoded(raw.decode(codec, errors="replace"), codec, "utf-16/32 auto-detected")
    codec, how = declared_charset(raw, content_type)
    if codec and codec.startswith(("utf-16", "utf-32")):
        try:
            return Decoded(raw.decode(codec), codec, how)
        except UnicodeDecodeError:
            codec = None  # a UTF-16 label on bytes that are not UTF-16
    if b"\x00" in raw[:8192]:
        raise IngestError("binary file, not text (NUL bytes and no UTF-16/UTF-32 byte-order mark)")
    if codec and codec != "utf-8":
        if _has_non_ascii_utf8(raw):
            return Decoded(raw.decode("utf-8"), "utf-8", f"utf-8 (the {how} {codec} does not fit)")
        try:
            return Decoded(raw.decode(codec), codec, how)
        except UnicodeDecodeError:
            pass  # a wrong or partial declaration: fall through to UTF-8 and detection
    try:
        return Decoded(raw.decode("utf-8"), "utf-8", how or "utf-8")
    except UnicodeDecodeError:
        pass
    if (text := _mostly_utf8(raw)) is not None:
        return Decoded(text, "utf-8", "utf-8 with stray bytes read as windows-1252")
    from charset_normalizer import from_bytes  # imported on first use

    results = list(from_bytes(raw))
    if results:
        best = results[0]
        # Short Western text fits several code pages equally well; browsers default to windows-1252.
        tied = [r for r in results if r.chaos <= best.chaos + 0.01 and r.coherence >= best.coherence - 0.05]
        western = next((r for r in tied if "cp1252" in r.could_be_from_charset), None)
        detected = "cp1252" if western is not None else (_codec(best.encoding) or best.encoding)
        return Decoded(raw.decode(detected, errors="replace"), detected, "detected")
    raise IngestError("cannot tell the text encoding of the file; save it as UTF-8")
