"""Inspect entry point: registers every LatentGym task and model provider (scripted agents, LiteLLM)."""

from .agents.provider import latentgym_agents
from .providers import litellm_api
from .tasks import *  # noqa: F403

__all__ = ["latentgym_agents", "litellm_api"]
