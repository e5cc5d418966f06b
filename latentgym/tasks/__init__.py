"""Inspect tasks, one per core env: ``inspect eval latentgym/<env> -T latent=...``."""

from .number_guessing import number_guessing
from .sequence_task import sequence_task

__all__ = ["number_guessing", "sequence_task"]
