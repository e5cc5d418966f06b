"""Inspect scorers: map a played sequence to the LatentGym metrics."""

from .sequence_metrics import sequence_metrics, sequence_values

__all__ = ["sequence_metrics", "sequence_values"]
