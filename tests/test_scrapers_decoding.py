"""Bytes -> text: the bytes win over a false declaration; EUC-KR is read as CP949."""
from __future__ import annotations

from pathlib import Path

import pytest

from krnews.scrapers.decoding import decode_html, normalize_charset

SENTENCE = "똠방각하 햏자가 뷁 소리를 내며 지역 축제 예산 3억원을 따냈다고 군청이 밝혔다."
ENCODING_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "encoding"


def page(charset_meta: str | None = None) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset_meta}">' if charset_meta else ""
    return f"<html><head>{meta}<title>축제</title></head><body><p>{SENTENCE}</p><p>{SENTENCE}</p></body></html>"


def test_extended_syllables_are_not_in_euc_kr_but_decode_as_cp949():
    with pytest.raises(UnicodeDecodeError):  # 똠, 햏, 뷁 are CP949 extensions
        SENTENCE.encode("cp949").decode("euc-kr")
    decoded = decode_html(page("euc-kr").encode("cp949"))
    assert SENTENCE in decoded.text and decoded.encoding == "cp949" and decoded.source == "meta"


def test_header_charset_comes_before_meta():
    decoded = decode_html(page("utf-8").encode("cp949"), "text/html; charset=EUC-KR")
    assert SENTENCE in decoded.text and decoded.source == "header"


def test_utf8_bytes_win_over_a_false_euc_kr_declaration():
    decoded = decode_html(page("euc-kr").encode("utf-8"), "text/html; charset=euc-kr")
    assert SENTENCE in decoded.text and decoded.encoding == "utf-8"


def test_no_declaration_is_detected():
    decoded = decode_html(page().encode("cp949"))
    assert SENTENCE in decoded.text and decoded.source == "detected"


def test_latin1_server_default_is_not_trusted_for_korean_bytes():
    decoded = decode_html(page().encode("cp949"), "text/html; charset=ISO-8859-1")
    assert SENTENCE in decoded.text


def test_ascii_page_with_latin1_header_is_fine():
    assert decode_html(b"<p>plain</p>", "text/html; charset=iso-8859-1").text == "<p>plain</p>"


def test_page_cut_mid_character_keeps_its_declared_codec():
    data = page("euc-kr").encode("cp949")
    cut = data[: data.index("군청".encode("cp949")) + 1]  # half of a two-byte syllable
    decoded = decode_html(cut)
    assert decoded.encoding == "cp949" and "예산 3억원을 따냈다고" in decoded.text


def test_utf8_bom_and_str_input():
    assert decode_html("\ufeff한글".encode("utf-8")).text == "한글"
    assert decode_html("이미 문자열").text == "이미 문자열"


@pytest.mark.parametrize("name, codec", [("EUC-KR", "cp949"), ("ks_c_5601-1987", "cp949"), ("x-windows-949", "cp949"),
                                         ("UTF8", "utf-8"), ("no-such-charset", None), ("", None)])
def test_normalize_charset(name, codec):
    assert normalize_charset(name) == codec


@pytest.mark.skipif(not ENCODING_DIR.is_dir(), reason="../shared/data/encoding not present")
@pytest.mark.parametrize("name", ["_chromium_windows-949_with_no_encoding_specified.html", "blog.rss.naver.com.xml",
                                  "ricanet.com.xml", "acnnewswire.net.xml"])
def test_real_korean_legacy_bytes(name):
    path = ENCODING_DIR / name
    if not path.exists():
        pytest.skip(f"{name} not present")
    decoded = decode_html(path.read_bytes())
    hangul = sum("\uac00" <= ch <= "\ud7a3" for ch in decoded.text)
    assert decoded.encoding == "cp949" and hangul > 50 and "\ufffd" not in decoded.text
