"""Across articles: near-duplicate articles become stories, the same money from several sources one
Initiative (with versions when a later article changes the figure). In memory with `consolidate`, or
incrementally in a store with `krnews.consolidation.store.update_initiatives`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from krnews.models import Document, Initiative, Story

from .engine import Consolidator
from .memory import MemoryBackend

__all__ = ["Consolidation", "Consolidator", "MemoryBackend", "consolidate"]


@dataclass(frozen=True)
class Consolidation:
    """Stories and initiatives of a batch, each sorted by id."""

    stories: list[Story]
    initiatives: list[Initiative]


def consolidate(documents: Iterable[Document]) -> Consolidation:
    """Group documents into stories and their records into initiatives, in memory."""
    backend = MemoryBackend()
    Consolidator(backend).add_all(documents)
    return Consolidation(
        stories=sorted(backend.stories.values(), key=lambda s: s.story_id),
        initiatives=sorted(backend.initiatives.values(), key=lambda i: i.initiative_id),
    )
