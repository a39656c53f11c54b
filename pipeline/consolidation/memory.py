"""Consolidation state in memory: for a batch of documents (krnews.consolidate) and the benchmarks."""
from __future__ import annotations

from collections import defaultdict

import numpy as np

from krnews.models import Initiative, Story

from .matching import RecordKey, may_link
from .stories import band_keys


class MemoryBackend:
    def __init__(self):
        self.initiatives: dict[str, Initiative] = {}
        self.members: dict[str, list[RecordKey]] = {}
        self.initiative_of: dict[str, str] = {}
        self.by_org: dict[tuple, dict[str, RecordKey]] = defaultdict(dict)
        self.by_doc: dict[str, dict[str, RecordKey]] = defaultdict(dict)
        self.stories: dict[str, Story] = {}
        self.story_members_: dict[str, list[dict]] = {}
        self.story_of_doc: dict[str, str] = {}
        self.signatures: dict[str, np.ndarray] = {}
        self.bands: dict[str, set[str]] = defaultdict(set)

    # stories
    def story_of(self, doc_id: str) -> str | None:
        return self.story_of_doc.get(doc_id)

    def story_candidates(self, keys: list[str]) -> dict[str, tuple[str, np.ndarray]]:
        """doc_id -> (story_id, signature) of the articles sharing a band key."""
        found = set().union(*(self.bands.get(key, ()) for key in keys)) if keys else set()
        return {doc_id: (self.story_of_doc[doc_id], self.signatures[doc_id]) for doc_id in found}

    def story_members(self, story_id: str) -> list[dict]:
        return self.story_members_[story_id]

    def signatures_of(self, doc_ids: list[str]) -> dict[str, np.ndarray]:
        return {doc_id: self.signatures[doc_id] for doc_id in doc_ids if doc_id in self.signatures}

    def leave_story(self, doc_id: str, story_id: str, groups: list[tuple[Story, list[dict]]]) -> None:
        self.stories.pop(story_id, None)
        self.story_members_.pop(story_id, None)
        self.story_of_doc.pop(doc_id, None)
        for key in band_keys(self.signatures.pop(doc_id)):
            self.bands[key].discard(doc_id)
        for story, members in groups:
            self.stories[story.story_id] = story
            self.story_members_[story.story_id] = members
            for m in members:
                self.story_of_doc[m["doc_id"]] = story.story_id

    def put_story(self, old_ids: list[str], story: Story, members: list[dict], article) -> None:
        member, hashvalues, keys = article
        for story_id in old_ids:
            self.stories.pop(story_id, None)
            self.story_members_.pop(story_id, None)
        self.stories[story.story_id] = story
        self.story_members_[story.story_id] = members
        for m in members:
            self.story_of_doc[m["doc_id"]] = story.story_id
        self.signatures[member["doc_id"]] = hashvalues
        for key in keys:
            self.bands[key].add(member["doc_id"])

    # initiatives
    def record_candidates(self, key: RecordKey) -> list[tuple[RecordKey, str]]:
        if key.org is None or key.amount is None:
            return []
        return [
            (other, self.initiative_of[rid])
            for rid, other in self.by_org[(key.org, key.currency)].items()
            if may_link(key, other)
        ]

    def records_of_doc(self, doc_id: str) -> list[RecordKey]:
        return list(self.by_doc.get(doc_id, {}).values())

    def initiatives_of(self, record_ids: set[str]) -> set[str]:
        return {self.initiative_of[rid] for rid in record_ids}

    def initiative_members(self, initiative_id: str) -> list[RecordKey]:
        return self.members[initiative_id]

    def put_initiatives(self, old_ids: list[str], new: list[tuple[Initiative, list[RecordKey]]]) -> None:
        for initiative_id in old_ids:
            self.initiatives.pop(initiative_id, None)
            for key in self.members.pop(initiative_id, []):
                self.initiative_of.pop(key.record_id, None)
                self.by_org[(key.org, key.currency)].pop(key.record_id, None)
                self.by_doc[key.doc_id].pop(key.record_id, None)
        for initiative, keys in new:
            self.initiatives[initiative.initiative_id] = initiative
            self.members[initiative.initiative_id] = keys
            for key in keys:
                self.initiative_of[key.record_id] = initiative.initiative_id
                self.by_org[(key.org, key.currency)][key.record_id] = key
                self.by_doc[key.doc_id][key.record_id] = key
