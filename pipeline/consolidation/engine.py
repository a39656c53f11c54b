"""Incremental consolidation: each new document joins existing stories and initiatives.

A new record is compared with the stored records of the same organisation only; the initiatives it
links to are merged with it and rebuilt, nothing else is touched. Since every link is decided by two
records and their two articles alone (links.linked) and a new record joins every initiative it links
to, the initiatives are always the connected components of that relation, whatever order the documents
came in. The same holds for stories and near-duplicate links between two articles.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np

from krnews.models import Document

from .links import linked
from .matching import RecordKey
from .stories import band_keys, near_duplicates, signature, similarity
from .summary import build_initiative, build_story


def components(keys: list, related) -> list[list]:
    """Connected components of `related` among `keys` (used when a re-saved document leaves a group)."""
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if related(keys[i], keys[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[RecordKey]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(root(i), []).append(key)
    return list(groups.values())


class Consolidator:
    """Adds documents to a backend (in memory, or a store's tables) one at a time."""

    def __init__(self, backend):
        self.backend = backend

    def add_all(self, documents: Iterable[Document]) -> None:
        for document in documents:
            self.add(document)

    def add(self, document: Document) -> None:
        """Group the article into its story and each record into its initiative (idempotent)."""
        text_changed = self._add_to_story(document)
        keys = [RecordKey.of(record) for record in document.records]
        stored = self.backend.records_of_doc(document.article.doc_id)
        if set(stored) == set(keys) and not text_changed:
            return  # already consolidated: saving a document twice changes nothing
        if stored:  # other records, or other text (which weighs in every link of its records)
            self._remove(stored)
        for key in keys:
            self._add_record(key)

    def _add_to_story(self, document: Document) -> bool:
        """Put the article in its story; True when it was there before with another text."""
        article = document.article
        hashvalues = signature(article.text)
        story_id = self.backend.story_of(article.doc_id)
        if story_id is not None:
            if np.array_equal(self.backend.signatures_of([article.doc_id])[article.doc_id], hashvalues):
                return False  # already in its story, with this text
            self._leave_story(article.doc_id, story_id)
        keys = band_keys(hashvalues)
        matched = {
            story_id
            for story_id, other in self.backend.story_candidates(keys).values()
            if near_duplicates(hashvalues, other)
        }
        member = {
            "doc_id": article.doc_id, "url": article.url, "title": article.title,
            "published": article.published, "text_len": len(article.text),
        }
        members = [m for story_id in sorted(matched) for m in self.backend.story_members(story_id)] + [member]
        self.backend.put_story(sorted(matched), build_story(members), members, (member, hashvalues, keys))
        return story_id is not None

    def _leave_story(self, doc_id: str, story_id: str) -> None:
        """A re-saved article whose text changed leaves its story, which may fall apart (the others stay
        grouped by what links them); the article then joins the story its new text belongs to."""
        members = [m for m in self.backend.story_members(story_id) if m["doc_id"] != doc_id]
        signatures = self.backend.signatures_of([m["doc_id"] for m in members])
        groups = components(members, lambda a, b: near_duplicates(signatures[a["doc_id"]], signatures[b["doc_id"]]))
        self.backend.leave_story(doc_id, story_id, [(build_story(group), group) for group in groups])

    def _related(self, keys: list[RecordKey]):
        """`linked` with the story similarity of the two records' articles."""
        signatures = self.backend.signatures_of(sorted({k.doc_id for k in keys}))

        def related(a: RecordKey, b: RecordKey) -> bool:
            known = a.doc_id in signatures and b.doc_id in signatures
            return linked(a, b, similarity(signatures[a.doc_id], signatures[b.doc_id]) if known else None)
        return related

    def _add_record(self, key: RecordKey) -> None:
        candidates = self.backend.record_candidates(key)
        related = self._related([key, *(other for other, _ in candidates)])
        matched = sorted({initiative_id for other, initiative_id in candidates if related(key, other)})
        members = [m for initiative_id in matched for m in self.backend.initiative_members(initiative_id)] + [key]
        self.backend.put_initiatives(matched, [(build_initiative(members), members)])

    def _remove(self, stored: list[RecordKey]) -> None:
        """A re-extracted document: its old records leave their initiatives, which may fall apart."""
        gone = {key.record_id for key in stored}
        affected = sorted(self.backend.initiatives_of(gone))
        remaining = [m for i in affected for m in self.backend.initiative_members(i) if m.record_id not in gone]
        groups = components(remaining, self._related(remaining))
        self.backend.put_initiatives(affected, [(build_initiative(group), group) for group in groups])
