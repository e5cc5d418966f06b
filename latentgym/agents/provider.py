"""Scripted agents as an Inspect model provider: ``--model latentgym/<agent>``.

The provider answers from the conversation alone (``random``, ``memoryless``, ``adaptive``). The
``oracle`` also reads the sequence's hidden latent, which the solver places in the sample store
(never in the messages). Usage is reported as whitespace-token counts so Inspect's token
statistics work without downloading any tokenizer.

Each conversation is read incrementally: the provider keeps, per conversation (keyed by the id of
its first message), the :class:`~latentgym.agents.transcript.Transcript` read so far and feeds it
only the messages added since the last turn, so a turn costs the same late in a sequence as early.
A conversation that does not extend the one kept (edited, or evicted from the cache) is read anew.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
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

from ..config_errors import TaskConfigError
from ..envs.errors import unknown
from .policies import AGENTS, Secret, act
from .transcript import Transcript

SECRET_KEY = "latentgym:secret"
"""Store key under which the solver places the oracle's :class:`Secret` (as a dict)."""


CONVERSATIONS_KEPT = 4096
"""Conversations whose reading the provider keeps (least recently used dropped first)."""


def count_tokens(text: str) -> int:
    """A tokenizer-free token estimate: whitespace-separated pieces."""
    return len(text.split())


def reply_output(model_name: str, reply: str, input_tokens: int) -> ModelOutput:
    """The output for ``reply``, with its usage counted as :func:`count_tokens` does."""
    output = ModelOutput.from_content(model=model_name, content=reply)
    output_tokens = count_tokens(reply)
    output.usage = ModelUsage(
        input_tokens=input_tokens, output_tokens=output_tokens, total_tokens=input_tokens + output_tokens
    )
    return output


@dataclass
class Conversation:
    """One conversation as read so far: the transcript, the last message's id, the token count."""

    transcript: Transcript = field(default_factory=Transcript)
    last_id: str | None = None
    tokens: int = 0

    def extends(self, input: list[ChatMessage]) -> bool:
        """Whether ``input`` is the conversation read so far plus new messages."""
        seen = self.transcript.count
        return 0 < seen <= len(input) and self.last_id is not None and input[seen - 1].id == self.last_id

    def read(self, messages: list[ChatMessage]) -> None:
        for message in messages:
            text = message.text
            self.transcript.feed(message.role, text)
            self.tokens += count_tokens(text)


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
        self._conversations: OrderedDict[str, Conversation] = OrderedDict()

    def _conversation(self, input: list[ChatMessage]) -> Conversation:
        """The conversation ``input`` continues, with its new messages read."""
        key = input[0].id if input else None
        kept = self._conversations.get(key) if key is not None else None
        if kept is not None and kept.extends(input):
            self._conversations.move_to_end(key)  # type: ignore[arg-type]
            kept.read(input[kept.transcript.count :])
        else:
            kept = Conversation()
            kept.read(input)
            if key is not None:
                self._conversations[key] = kept
                while len(self._conversations) > CONVERSATIONS_KEPT:
                    self._conversations.popitem(last=False)
        kept.last_id = input[-1].id if input else None
        return kept

    def max_connections(self) -> int:
        return 64

    async def generate(
        self,
        input: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> ModelOutput:
        conversation = self._conversation(input)
        secret = None
        if self.agent == "oracle":
            raw = store().get(SECRET_KEY)
            secret = Secret(**raw) if raw else None
        reply = act(conversation.transcript.view, self.agent, secret)
        return reply_output(self.model_name, reply, conversation.tokens)


@modelapi(name="latentgym")
def latentgym_agents() -> type[ModelAPI]:
    return ScriptedAgentAPI
