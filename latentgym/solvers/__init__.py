"""Inspect solvers: translate between the core sequence env and chat messages."""

from .multi_episode import SequenceRecord, multi_episode

__all__ = ["SequenceRecord", "multi_episode"]
