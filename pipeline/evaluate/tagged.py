"""Readers for inline-tagged NER sentences: `<span text:TAG>` one sentence a line (KMOU style), or the
HCLT 2016 blocks (`; raw`, `$tagged`, token lines) whose `$` line carries the same inline tags."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# The tag closes the span; the text may hold ':' (12:30) but no bracket, so literal brackets around a
# span (<<트럼보:POH>>, <<2016년 4월 5일:DAT>자 <26면:NOH>>) stay text.
_TAG = re.compile(r"<([^<>\n]+?):([A-Z][A-Z_]{1,5})>")


class TaggedFileError(ValueError):
    """A gold file that cannot be read; the message names the file and the reason."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    tag: str
    text: str


@dataclass
class TaggedSentence:
    text: str
    spans: list[Span] = field(default_factory=list)
    source: str = ""  # path:line, for error reports


def parse_inline(line: str, source: str = "") -> TaggedSentence:
    """The plain sentence and its spans (offsets into the plain sentence)."""
    parts: list[str] = []
    spans: list[Span] = []
    length = 0
    last = 0
    for match in _TAG.finditer(line):
        before = line[last:match.start()]
        parts.append(before)
        length += len(before)
        content, tag = match.group(1), match.group(2)
        spans.append(Span(length, length + len(content), tag, content))
        parts.append(content)
        length += len(content)
        last = match.end()
    parts.append(line[last:])
    return TaggedSentence("".join(parts), spans, source)


def read_inline_tagged(path) -> list[TaggedSentence]:
    """Sentences of a tagged file; the format (one sentence a line, or HCLT blocks) is detected."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise TaggedFileError(f"{path}: cannot read: {error}") from None
    if _is_hclt(lines):
        return [parse_inline(line[1:], f"{path}:{n}") for n, line in enumerate(lines, 1) if line.startswith("$")]
    return [parse_inline(line, f"{path}:{n}") for n, line in enumerate(lines, 1) if line.strip()]


def _is_hclt(lines: list[str]) -> bool:
    """HCLT opens with a `; raw sentence` line followed by its `$tagged` line."""
    content = [line for line in lines[:20] if line.strip()]
    return len(content) >= 2 and content[0].startswith("; ") and content[1].startswith("$")
