"""Inspect entry point: registers every LatentGym task and the scripted-agent model provider."""

from .agents.provider import latentgym_agents
from .tasks import *  # noqa: F403

__all__ = ["latentgym_agents"]
