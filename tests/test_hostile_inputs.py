"""Hostile inputs, one table: what a careful operator may feed `krnews extract` -> the one error line
it gets (naming the input and the reason) and the records that still come out. Each case also has a
good article after the hostile one, which must always come through: one input never costs the batch."""
from __future__ import annotations

import gzip
import io
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from test_warc import KOREAN_PAGE, NEWS_URL, _response
from warcio.warcwriter import WARCWriter

from krnews.cli import main

SENTENCE = "광주시는 올해 {}을 투입해 AI 사업에 나선다."
GOOD = SENTENCE.format("200억원")
GOOD_KRW = 20_000_000_000
TAIL = "시는 이 사업으로 지역 일자리를 만들고 산업을 키운다고 밝혔다. " * 5  # enough text for a page's body


def text_file(name: str, content: str | bytes) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        path = tmp / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return [str(path)]
    return make


def amount(text: str) -> Callable[[Path], list[str]]:
    return text_file("amount.txt", SENTENCE.format(text))


def corpus(*lines: bytes) -> Callable[[Path], list[str]]:
    return text_file("corpus.jsonl", b"\n".join(lines) + b"\n")


def doc(text: str, id: str) -> bytes:
    return json.dumps({"id": id, "text": text}, ensure_ascii=False).encode("utf-8")


def symlink(name: str, target: str) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        (tmp / name).symlink_to(target)
        return [str(tmp / name)]
    return make


def fifo_in_directory(tmp: Path) -> list[str]:
    folder = tmp / "folder"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "ok.txt").write_text(GOOD, encoding="utf-8")
    return [str(folder)]


def unreadable_subdirectory(tmp: Path) -> list[str]:
    folder = tmp / "folder"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "locked").chmod(0)
    return [str(folder)]


def warc(name: str, pages: int, *, whole_gzip: bool = False, cut: int = 0, big: bool = False):
    """An archive of `pages` Korean news pages: gzipped per record (.warc.gz) or whole, maybe
    truncated by `cut` bytes, maybe with a first page over the size cap."""
    def make(tmp: Path) -> list[str]:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=name.endswith(".gz") and not whole_gzip)
        if big:
            writer.write_record(_response(writer, NEWS_URL + "big", b"<p>" + b"a" * (10 * 1024 * 1024), "text/html"))
        for number in range(pages):
            writer.write_record(_response(writer, f"{NEWS_URL}{number}", KOREAN_PAGE.encode(), "text/html"))
        data = buffer.getvalue()
        data = gzip.compress(data) if whole_gzip else data
        (tmp / name).write_bytes(data[: len(data) - cut])
        return [str(tmp / name)]
    return make


def subdirectory_beyond_path_max(tmp: Path) -> list[str]:
    """A folder whose deepest subdirectory's path is longer than PATH_MAX: not even root can list it."""
    folder = tmp / "folder"
    folder.mkdir()
    fd = os.open(folder, os.O_RDONLY)
    try:
        for _level in range(20):
            os.mkdir("d" * 250, dir_fd=fd)
            deeper = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = deeper
    finally:
        os.close(fd)
    return [str(folder)]


@dataclass
class Case:
    name: str
    make: Callable[[Path], list[str]]
    error: str | None  # a regex the single error line matches; None: no error line
    amounts: list  # amount_krw of the records from the hostile input (the good article's follow)


CASES = [
    # 5: a number larger than any budget is a mention without value, never a crash
    Case("10,000-digit number", amount("1" * 10_000 + "억원"), None, []),
    Case("999경 9999조원", amount("999경 9999조원"), None, []),
    Case("1e308 조원", amount("1" + "0" * 308 + "조원"), None, []),
    # 6: a bad byte costs its line only, named by number
    Case("invalid byte in a JSONL line", corpus(doc(GOOD, "a"), b'{"id": "b", "text": "\xff\xfe"}', doc(GOOD, "c")),
         r"corpus\.jsonl:2: not UTF-8", [GOOD_KRW, GOOD_KRW]),
    # 7: numbers written oddly, text normalised before the NLP
    Case("0억원", amount("0억원"), None, [0]),
    Case("0조원", amount("0조원"), None, [0]),
    Case("3억0천만원", amount("3억0천만원"), None, [300_000_000]),
    Case("full-width comma", amount("1，000억원"), None, [100_000_000_000]),
    Case("NFD hangul", text_file("nfd.txt", unicodedata.normalize("NFD", GOOD)), None, [GOOD_KRW]),
    Case("zero-width space in 40억원", amount("40억\u200b원"), None, [4_000_000_000]),
    Case("NUL before the sentence", text_file("nul.txt", "\0" + GOOD), None, [GOOD_KRW]),
    # 4: only regular files, each capped
    Case("symlink to /dev/zero", symlink("z.txt", "/dev/zero"), r"z\.txt: not a regular file \(a device\)", []),
    Case("FIFO inside a directory", fifo_in_directory, r"pipe\.txt: not a regular file \(a FIFO\)", [GOOD_KRW]),
    Case("text file over the cap", text_file("big.txt", b"a" * (10 * 1024 * 1024 + 1)),
         r"big\.txt: larger than 10,485,760 bytes", []),
    Case("JSONL line over the cap", corpus(b'{"text": "' + b"a" * (10 * 1024 * 1024) + b'"}', doc(GOOD, "a")),
         r"corpus\.jsonl:1: line larger than 10,485,760 bytes", [GOOD_KRW]),
    # 8: archives cut short, gzipped whole, or holding a page over the cap
    Case("truncated .warc.gz", warc("cut.warc.gz", 3, cut=200), r"cut\.warc\.gz \(record at byte \d+\): truncated record",
         [12_000_000_000] * 2),
    Case("truncated .warc", warc("cut.warc", 3, cut=200), r"cut\.warc \(record at byte \d+\): truncated record",
         [12_000_000_000] * 2),
    Case("WARC gzipped whole", warc("whole.warc.gz", 10, whole_gzip=True), None, [12_000_000_000] * 10),
    Case("WARC payload over the cap", warc("big.warc", 1, big=True), r"big\.warc \(record at byte 0\): payload larger than",
         [12_000_000_000]),
    Case("100,000 nested <div>s", text_file("deep.html", "<html><body>" + "<div>" * 100_000 + f"<p>{GOOD} {TAIL}</p>"
                                            + "</div>" * 100_000 + "</body></html>"), None, [GOOD_KRW]),
    # 9: a directory that cannot be listed is an error, not silence
    Case("unreadable subdirectory", unreadable_subdirectory, r"locked: cannot read the directory", []),
    Case("subdirectory beyond PATH_MAX", subdirectory_beyond_path_max, r"d{250}: cannot read the directory \(File name too long\)", []),
    # 17: what is not an article says so
    Case("PNG named .html", text_file("image.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(64)),
         r"image\.html: binary data", []),
    Case("empty .html", text_file("empty.html", b""), r"empty\.html: empty file", []),
    Case("empty .txt", text_file("empty.txt", b"  \n"), r"empty\.txt: empty file", []),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_input(case, tmp_path, capsys):
    if case.make is unreadable_subdirectory and os.geteuid() == 0:
        pytest.skip("root reads every directory")
    inputs = case.make(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    code = main(["extract", *inputs, str(good), "--workers", "1", "--published", "2024-01-02"])
    out, err = capsys.readouterr()
    errors = err.strip().splitlines()
    if case.error is None:
        assert (code, errors) == (0, [])
    else:
        assert code == 1 and len(errors) == 1 and re.search(case.error, errors[0]), err
    assert [json.loads(line)["amount_krw"] for line in out.splitlines()] == [*case.amounts, GOOD_KRW]


def a_store(tmp: Path) -> Path:
    from krnews.store import Store

    with Store.open(tmp / "s.sqlite"):
        pass
    return tmp / "s.sqlite"


# Options that would destroy an input or are no value: (argv with {tmp}, the error line's regex).
OPTION_CASES = [
    ("extract --out its own input", ["extract", "{tmp}/a.jsonl", "--out", "{tmp}/a.jsonl"], r"a\.jsonl is an input"),
    ("extract --out inside an input directory", ["extract", "{tmp}", "--out", "{tmp}/out.jsonl"],
     r"out\.jsonl is inside the input directory"),
    ("extract --out the store", ["extract", "{tmp}/a.jsonl", "--db", "{tmp}/s.sqlite", "--out", "{tmp}/s.sqlite"],
     r"s\.sqlite is an input"),
    ("export --out the store", ["export", "--db", "{tmp}/s.sqlite", "--out", "{tmp}/s.sqlite", "--format", "csv"],
     r"s\.sqlite is an input"),
    ("export --year beyond any year", ["export", "--db", "{tmp}/s.sqlite", "--out", "{tmp}/x.csv", "--year", "9" * 20],
     r"not a year \(expected YYYY\): '9+'"),
    ("export --since with a tail", ["export", "--db", "{tmp}/s.sqlite", "--out", "{tmp}/x.csv", "--since", "2030-01-01xyz"],
     r"not a date \(expected YYYY-MM-DD\): '2030-01-01xyz'"),
    ("crawl --since with a tail", ["crawl", "--db", "{tmp}/s.sqlite", "--since", "2030-01-01xyz"], r"not a date"),
]


@pytest.mark.parametrize("argv, error", [case[1:] for case in OPTION_CASES], ids=[case[0] for case in OPTION_CASES])
def test_hostile_option(argv, error, tmp_path, capsys):
    corpus = tmp_path / "a.jsonl"
    corpus.write_bytes(doc(GOOD, "a") + b"\n")
    store = a_store(tmp_path)
    before = {path: path.read_bytes() for path in (corpus, store)}
    try:
        code = main([arg.format(tmp=tmp_path) for arg in argv])
    except SystemExit as usage:  # argparse: usage line, then the error
        code = usage.code
    errors = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and re.search(error, errors[-1]), errors
    assert {path: path.read_bytes() for path in (corpus, store)} == before


@pytest.fixture(scope="module")
def damaged_stores(tmp_path_factory) -> list[Path]:
    """Stores with two pages overwritten with noise at several places (the same noise every run)."""
    import random

    from storedocs import make_document

    from krnews.store import Store

    folder = tmp_path_factory.mktemp("damaged")
    with Store.open(folder / "whole.sqlite") as store:
        for i in range(200):
            store.save_document(make_document(i))
    whole = (folder / "whole.sqlite").read_bytes()
    noise = random.Random(19)
    stores = []
    for page in (0, 1, 3, 10, 30, 60):
        data = bytearray(whole)
        data[page * 4096 + (100 if page == 0 else 0):(page + 2) * 4096] = noise.randbytes(8192 - (100 if page == 0 else 0))
        (folder / f"damaged{page}.sqlite").write_bytes(bytes(data))
        stores.append(folder / f"damaged{page}.sqlite")
    return stores


@pytest.mark.parametrize("command", [["status"], ["export", "--out", "{tmp}/x.csv"], ["report", "--out", "{tmp}/r.html"]],
                         ids=lambda command: command[0])
def test_a_damaged_store_is_one_line(command, damaged_stores, tmp_path, capsys):
    outcomes = []
    for store in damaged_stores:
        code = main([arg.format(tmp=tmp_path) for arg in command] + ["--db", str(store)])
        errors = capsys.readouterr().err.strip().splitlines()
        assert code in (0, 1) and (code == 0 or (len(errors) == 1 and str(store) in errors[0])), errors
        outcomes.append(code)
    assert 1 in outcomes  # the damage was met
