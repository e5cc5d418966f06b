"""Scripted agents: pure policies (:mod:`.policies`), rollouts, and the Inspect provider.

This package imports no Inspect code; :mod:`.provider` registers the ``latentgym/<agent>`` models
and is loaded through the Inspect entry point.
"""

from .policies import AGENTS, Secret, act

__all__ = ["AGENTS", "Secret", "act"]
