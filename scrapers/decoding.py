"""Bytes -> text for Korean pages: the bytes win over a false declaration.

Order: BOM; strict UTF-8 (a page that decodes as UTF-8 is UTF-8, whatever it declares —
multi-byte CP949 text essentially never forms valid UTF-8); the HTTP header charset; the
<meta> charset; detection (charset-normalizer). EUC-KR is read as CP949, its superset, because
servers that say euc-kr routinely send CP949-only syllables (똠, 햏, 뷁).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

# Declared names that mean "Korean, some flavour" -> the codec that reads all of them.
_KOREAN_ALIASES = {"euc-kr", "euc_kr", "euckr", "ks_c_5601-1987", "ks_c_5601", "ksc5601", "korean",
                   "x-windows-949", "windows-949", "ms949", "uhc", "cp949", "euc-kr-2"}
# Western single-byte charsets decode any byte string, so a server default like ISO-8859-1
# cannot be checked by decoding; on non-ASCII bytes such a declaration is not trusted.
_UNCHECKABLE = {"iso8859-1", "cp1252", "iso8859-15"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
META_SCAN_BYTES = 8192


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # codec actually used
    source: str    # bom | utf-8 | header | meta | detected | fallback


def normalize_charset(name: str | None) -> str | None:
    """A Python codec name for a declared charset, EUC-KR family -> cp949; None if unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in _KOREAN_ALIASES:
        return "cp949"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def header_charset(content_type: str | None) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML <meta> (or an XML declaration, for feeds) names."""
    head = data[:META_SCAN_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _try(data: bytes, codec: str | None) -> str | None:
    if not codec or (codec in _UNCHECKABLE and not data.isascii()):
        return None
    try:
        # final=False: a page cut mid-character (truncated download) still counts as this codec.
        return codecs.getincrementaldecoder(codec)(errors="strict").decode(data, final=False)
    except (UnicodeDecodeError, LookupError):
        return None


def detect(data: bytes) -> str | None:
    best = from_bytes(data).best()
    return normalize_charset(best.encoding) if best is not None else None


def decode_html(data: bytes | str, content_type: str | None = None) -> Decoded:
    if isinstance(data, str):
        return Decoded(data, "str", "str")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(codec, errors="replace"), codec, "bom")
    text = _try(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", "utf-8")
    for source, declared in (("header", header_charset(content_type)), ("meta", meta_charset(data))):
        codec = normalize_charset(declared)
        text = _try(data, codec)
        if text is not None:
            return Decoded(text, codec, source)
    codec = detect(data)
    text = _try(data, codec)
    if text is not None:
        return Decoded(text, codec, "detected")
    # Damaged bytes (a truncated multi-byte character, a stray byte): CP949 is the likeliest
    # encoding of a non-UTF-8 Korean page; keep what decodes.
    return Decoded(data.decode("cp949", errors="replace"), "cp949", "fallback")
