"""Near-duplicate articles: MinHash signatures over word shingles, LSH band keys to find candidates.

The band keys are plain strings so a store can index them (story_bands) and find an article's
candidates without loading every signature; the similarity check compares two signatures only.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from .rules import rules

_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    """Word k-shingles of the text (punctuation and spacing differences do not count)."""
    k = rules()["shingle_words"]
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """Permutations are drawn once; every signature reuses them (drawing them is the slow part)."""
    return MinHash(num_perm=rules()["num_perm"], seed=rules()["minhash_seed"])


@lru_cache(maxsize=1)
def _hashranges() -> tuple[tuple[int, int], ...]:
    """LSH bands and rows chosen by datasketch for the threshold (weighing false positives and negatives)."""
    lsh = MinHashLSH(threshold=rules()["story_threshold"], num_perm=rules()["num_perm"])
    return tuple(lsh.hashranges)


def signature(text: str) -> np.ndarray:
    template = _template()
    minhash = MinHash(num_perm=len(template.hashvalues), seed=template.seed, permutations=template.permutations)
    minhash.update_batch(sorted(shingles(text)))
    return minhash.hashvalues.copy()


@lru_cache(maxsize=1)
def _band_mixers() -> np.ndarray:
    """Odd 64-bit multipliers, fixed: a band's key is the wrapping dot product of its rows with them."""
    n = rules()["num_perm"]
    digest = b"".join(hashlib.sha512(f"krnews story bands {i}".encode()).digest() for i in range(n // 8 + 1))
    return np.frombuffer(digest, dtype="<u8")[:n].astype(np.uint64) | np.uint64(1)


def band_keys(hashvalues: np.ndarray) -> list[str]:
    """One key per LSH band: articles sharing any key are candidates (a rare chance collision only
    adds a candidate, which the similarity check then rejects)."""
    mixed = hashvalues.astype(np.uint64) * _band_mixers()
    return [f"{band}:{int(mixed[start:end].sum(dtype=np.uint64)):016x}" for band, (start, end) in enumerate(_hashranges())]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two articles' shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)


def near_duplicates(a: np.ndarray, b: np.ndarray) -> bool:
    return similarity(a, b) >= rules()["story_threshold"]


def to_bytes(hashvalues: np.ndarray) -> bytes:
    return hashvalues.astype("<u8").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)
