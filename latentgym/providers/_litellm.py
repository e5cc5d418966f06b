"""``--model litellm/<litellm model>``: an Inspect model API on top of ``litellm.acompletion``.

The part after ``litellm/`` is LiteLLM's own model string, e.g. ``litellm/openrouter/openai/gpt-4o``,
``litellm/anthropic/claude-sonnet-4-5``, ``litellm/gemini/gemini-2.5-flash`` or
``litellm/hosted_vllm/Qwen/Qwen3-8B`` (with ``--model-base-url http://host:8000/v1``). Keys come
from the provider's usual environment variable (``OPENROUTER_API_KEY``...) unless ``api_key`` is
given. Transient failures are retried by LiteLLM (``-M num_retries=N``); rate limits that remain
are handed back to Inspect's own retry loop. Token usage (and LiteLLM's cost estimate, when it
knows the model) is reported as Inspect ``ModelUsage``, cached input tokens included.

Prompt caching: providers that cache only what the request marks (Anthropic, directly or through
Bedrock, Vertex AI or OpenRouter) get LiteLLM's ``cache_control: {"type": "ephemeral"}`` on the
system message and on the last two user messages, so each turn reads the prefix the previous turn
wrote. Inspect's ``--cache-prompt`` decides: ``auto`` (the default) marks for those providers only,
``true`` always (e.g. an OpenAI-compatible proxy in front of Anthropic), ``false`` never. Providers
that cache by themselves (OpenAI, DeepSeek, Gemini's implicit caching) need no marks; their cached
tokens are reported all the same.

LatentGym plays text-only conversations, so tool calling is not mapped.
"""

from __future__ import annotations

import time
from typing import Any

import litellm
from inspect_ai.model import (
    ChatCompletionChoice,
    ChatMessage,
    ChatMessageAssistant,
    Content,
    ContentReasoning,
    ContentText,
    GenerateConfig,
    ModelAPI,
    ModelCall,
    ModelOutput,
    ModelUsage,
    RetryDecision,
    StopReason,
)
from inspect_ai.tool import ToolChoice, ToolInfo

from ..config_errors import TaskConfigError

DEFAULT_NUM_RETRIES = 3
STOP_REASONS: dict[str, StopReason] = {
    "stop": "stop",
    "length": "max_tokens",
    "content_filter": "content_filter",
    "tool_calls": "tool_calls",
    "function_call": "tool_calls",
}
_TRANSIENT = (
    litellm.APIConnectionError,
    litellm.Timeout,
    litellm.ServiceUnavailableError,
    litellm.InternalServerError,
)


CACHE_CONTROL = {"type": "ephemeral"}
"""LiteLLM's (and Anthropic's) prompt-cache marker on a content block."""

_MARKED_USER_MESSAGES = 2
"""User messages marked from the end: the last writes this turn's prefix, the one before reads the
previous turn's (with the system message, 3 of Anthropic's 4 breakpoints)."""


def to_litellm_messages(messages: list[ChatMessage], cache: bool = False) -> list[dict[str, Any]]:
    """Inspect chat messages as OpenAI-style dicts (text only; reasoning is never resent).

    With ``cache``, the system message and the last two user messages become one text block
    carrying :data:`CACHE_CONTROL`, LiteLLM's form for an explicit cache breakpoint.
    """
    mapped: list[dict[str, Any]] = []
    for message in messages:
        if message.role == "tool":
            raise TaskConfigError("the litellm provider maps text conversations only, not tool results")
        mapped.append({"role": message.role, "content": message.text})
    if cache:
        users = [m for m in mapped if m["role"] == "user"][-_MARKED_USER_MESSAGES:]
        for m in [m for m in mapped if m["role"] == "system"] + users:
            if m["content"]:
                m["content"] = [{"type": "text", "text": m["content"], "cache_control": dict(CACHE_CONTROL)}]
    return mapped


_MARKING_PROVIDERS = {"anthropic"}
"""LiteLLM providers that always need explicit cache marks."""
_CLAUDE_HOSTS = {"bedrock", "bedrock_converse", "vertex_ai", "vertex_ai_beta", "openrouter", "azure_ai"}
"""LiteLLM providers that need them for Claude models."""


def needs_cache_marks(model: str, custom_llm_provider: str | None = None) -> bool:
    """Whether the provider behind a LiteLLM model string caches only what a request marks."""
    try:
        _, provider, _, _ = litellm.get_llm_provider(model, custom_llm_provider=custom_llm_provider)
    except Exception:  # noqa: BLE001 - an unknown provider fails in the call itself, with LiteLLM's message
        return False
    return provider in _MARKING_PROVIDERS or (provider in _CLAUDE_HOSTS and "claude" in model.lower())


def completion_args(config: GenerateConfig) -> dict[str, Any]:
    """The ``GenerateConfig`` fields LiteLLM understands, under LiteLLM's names."""
    args = {
        "temperature": config.temperature,
        "max_tokens": config.max_tokens,
        "top_p": config.top_p,
        "stop": config.stop_seqs,
        "seed": config.seed,
        "frequency_penalty": config.frequency_penalty,
        "presence_penalty": config.presence_penalty,
        "n": config.num_choices,
        "reasoning_effort": config.reasoning_effort,
        "timeout": config.attempt_timeout or config.timeout,
        "extra_headers": config.extra_headers,
    }
    if config.extra_body:
        args.update(config.extra_body)
    return {k: v for k, v in args.items() if v is not None}


def _first(*values: Any) -> int | None:
    return next((int(v) for v in values if isinstance(v, (int, float))), None)


def _usage(response: Any) -> ModelUsage | None:
    """Inspect usage from LiteLLM's: as Inspect's own providers count, ``input_tokens`` excludes
    the tokens read from and written to a prompt cache (``prompt_tokens`` includes both)."""
    usage = getattr(response, "usage", None)
    if usage is None:
        return None
    prompt_details = getattr(usage, "prompt_tokens_details", None)
    completion_details = getattr(usage, "completion_tokens_details", None)
    cost = (getattr(response, "_hidden_params", None) or {}).get("response_cost")
    cache_read = _first(getattr(prompt_details, "cached_tokens", None), getattr(usage, "cache_read_input_tokens", None))
    cache_write = _first(
        getattr(usage, "cache_creation_input_tokens", None), getattr(prompt_details, "cache_creation_tokens", None)
    )
    prompt = usage.prompt_tokens or 0
    return ModelUsage(
        input_tokens=max(prompt - (cache_read or 0) - (cache_write or 0), 0),
        output_tokens=usage.completion_tokens or 0,
        total_tokens=usage.total_tokens or 0,
        input_tokens_cache_read=cache_read or None,
        input_tokens_cache_write=cache_write or None,
        reasoning_tokens=getattr(completion_details, "reasoning_tokens", None),
        total_cost=float(cost) if cost is not None else None,
    )


def _choice(choice: Any, model: str) -> ChatCompletionChoice:
    message = choice.message
    text = message.content or ""
    reasoning = getattr(message, "reasoning_content", None)
    content: str | list[Content] = text
    if reasoning:
        content = [ContentReasoning(reasoning=reasoning), ContentText(text=text)]
    return ChatCompletionChoice(
        message=ChatMessageAssistant(content=content, model=model, source="generate"),
        stop_reason=STOP_REASONS.get(choice.finish_reason or "", "unknown"),
    )


class LiteLLMAPI(ModelAPI):
    """Inspect ``ModelAPI`` whose model name is a LiteLLM model string.

    Model args (``-M``): ``num_retries`` (default 3), ``drop_params`` (default True: settings a
    provider does not accept, such as ``seed`` on some APIs, are dropped instead of failing),
    and any other keyword ``litellm.acompletion`` accepts (``api_version``, ``custom_llm_provider``...).
    """

    def __init__(
        self,
        model_name: str,
        base_url: str | None = None,
        api_key: str | None = None,
        config: GenerateConfig = GenerateConfig(),
        **model_args: Any,
    ) -> None:
        super().__init__(model_name, base_url, api_key, [], config)
        self.num_retries = int(model_args.pop("num_retries", DEFAULT_NUM_RETRIES))
        self.drop_params = bool(model_args.pop("drop_params", True))
        self.extra_args = model_args

    async def generate(
        self,
        input: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> tuple[ModelOutput, ModelCall]:
        if tools:
            raise TaskConfigError("the litellm provider maps text conversations only; this task offers tools")
        request: dict[str, Any] = {
            "model": self.model_name,
            "messages": to_litellm_messages(input, cache=self.cache_marks(config)),
            **completion_args(config),
            **self.extra_args,
        }
        if self.base_url:
            request["api_base"] = self.base_url
        start = time.monotonic()
        response = await litellm.acompletion(
            **request,
            api_key=self.api_key,
            num_retries=self.num_retries,
            drop_params=self.drop_params,
        )
        elapsed = time.monotonic() - start
        output = ModelOutput(
            model=getattr(response, "model", None) or self.model_name,
            choices=[_choice(c, self.model_name) for c in response.choices],
            usage=_usage(response),
            time=elapsed,
        )
        return output, ModelCall.create(request=request, response=response.model_dump(), time=elapsed)

    def cache_marks(self, config: GenerateConfig) -> bool:
        """Whether this request carries cache marks (Inspect's ``cache_prompt``; see the module doc)."""
        if isinstance(config.cache_prompt, bool):
            return config.cache_prompt
        return needs_cache_marks(self.model_name, self.extra_args.get("custom_llm_provider"))

    def should_retry(self, ex: Exception) -> bool | RetryDecision:
        if isinstance(ex, litellm.RateLimitError):
            return RetryDecision.rate_limit()
        if isinstance(ex, _TRANSIENT):
            return RetryDecision.transient()
        return False

    def is_auth_failure(self, ex: Exception) -> bool:
        return isinstance(ex, litellm.AuthenticationError)

    def connection_key(self) -> str:
        return f"{self.model_name}:{self.base_url or ''}"
