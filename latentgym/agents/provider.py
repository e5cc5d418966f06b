"""Scripted agents as an Inspect model provider: ``--model latentgym/<agent>``.

The provider answers from the conversation alone (``random``, ``memoryless``, ``adaptive``). The
``oracle`` also reads the sequence's hidden latent, which the solver places in the sample store
(never in the messages). Usage is reported as whitespace-token counts so Inspect's token
statistics work without downloading any tokenizer.
"""

from __future__ import annotations

from typing import Any

from inspect_ai.model import (
    ChatMessage,
    GenerateConfig,
    ModelAPI,
    ModelOutput,
    ModelUsage,
    modelapi,
)
from inspect_ai.tool import ToolChoice, ToolInfo
from inspect_ai.util import store

from ..envs.errors import unknown
from ..config_errors import TaskConfigError
from .policies import AGENTS, Secret, act
from .transcript import parse_transcript

SECRET_KEY = "latentgym:secret"
"""Store key under which the solver places the oracle's :class:`Secret` (as a dict)."""


def count_tokens(text: str) -> int:
    """A tokenizer-free token estimate: whitespace-separated pieces."""
    return len(text.split())


class ScriptedAgentAPI(ModelAPI):
    """Inspect model API whose model name is one of :data:`AGENTS`."""

    def __init__(
        self,
        model_name: str,
        base_url: str | None = None,
        api_key: str | None = None,
        config: GenerateConfig = GenerateConfig(),
        **model_args: Any,
    ) -> None:
        super().__init__(model_name, base_url, api_key, [], config)
        if model_name not in AGENTS:
            raise TaskConfigError(str(unknown("scripted agent in --model latentgym/<agent>", model_name, AGENTS)))
        if model_args:
            raise TaskConfigError(f"scripted agents take no model args, got {sorted(model_args)}")
        self.agent = model_name

    def max_connections(self) -> int:
        return 64

    async def generate(
        self,
        input: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> ModelOutput:
        messages = [(m.role, m.text) for m in input]
        secret = None
        if self.agent == "oracle":
            raw = store().get(SECRET_KEY)
            secret = Secret(**raw) if raw else None
        reply = act(parse_transcript(messages), self.agent, secret)
        output = ModelOutput.from_content(model=self.model_name, content=reply)
        prompt_tokens = sum(count_tokens(text) for _, text in messages)
        completion_tokens = count_tokens(reply)
        output.usage = ModelUsage(
            input_tokens=prompt_tokens,
            output_tokens=completion_tokens,
            total_tokens=prompt_tokens + completion_tokens,
        )
        return output


@modelapi(name="latentgym")
def latentgym_agents() -> type[ModelAPI]:
    return ScriptedAgentAPI
