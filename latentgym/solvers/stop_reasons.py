"""Why a sequence stopped before its end, and how a model call's outcome maps onto it.

A sequence that cannot go on ends cleanly: the episodes already finished keep their rewards and
the sample carries one ``stop_reason``:

- ``context_overflow``: the conversation no longer fits the model's context (the provider said so
  with ``stop_reason="model_length"`` or a context-length error, or the solver's
  ``max_context_tokens`` budget was exceeded);
- ``<type>_limit``: an Inspect limit (``message_limit``, ``token_limit``, ``time_limit``...);
- ``model_error: <error>``: the provider raised after Inspect's retries;
- ``max_total_turns``: the sequence-wide turn cap.
"""

from __future__ import annotations

import re

from inspect_ai.model import ModelOutput, ModelUsage

from ..envs.errors import one_line

CONTEXT_OVERFLOW = "context_overflow"
MAX_TOTAL_TURNS = "max_total_turns"
MODEL_ERROR = "model_error"
MAX_ERROR_CHARS = 300

CONTEXT_ERROR = re.compile(
    r"context[ _-]?(length|window)|maximum context|prompt is too long|input is too long"
    r"|too many (input )?tokens|exceeds? the (model'?s? )?(maximum|max)",
    re.IGNORECASE,
)
"""Provider error messages that mean the input did not fit (OpenAI, Anthropic, vLLM, TGI...)."""


def limit_stop(limit_type: str) -> str:
    return f"{limit_type}_limit"


def unwrap_retry(exc: BaseException) -> BaseException:
    """What the last attempt raised when ``exc`` is a retry library's "gave up" wrapper (tenacity's
    ``RetryError`` holds it in ``last_attempt``), else ``exc``."""
    last = getattr(exc, "last_attempt", None)
    inner = last.exception() if last is not None and hasattr(last, "exception") else None
    return inner if isinstance(inner, BaseException) else exc


def exception_stop(exc: BaseException) -> str:
    """The stop reason for a model call that raised: overflow if the message says so."""
    message = one_line(exc) or "no message"
    if CONTEXT_ERROR.search(message):
        return CONTEXT_OVERFLOW
    detail = f"{type(exc).__name__}: {message}"
    if len(detail) > MAX_ERROR_CHARS:
        detail = detail[: MAX_ERROR_CHARS - 3] + "..."
    return f"{MODEL_ERROR}: {detail}"


def usage_tokens(usage: ModelUsage | None) -> tuple[int, int] | None:
    """(input tokens incl. cached, output tokens) of one call, ``None`` if not reported."""
    if usage is None:
        return None
    cached = (usage.input_tokens_cache_read or 0) + (usage.input_tokens_cache_write or 0)
    return usage.input_tokens + cached, usage.output_tokens


def overflow_detail(output: ModelOutput, max_context_tokens: int | None) -> str | None:
    """Why this call's conversation no longer fits, or ``None`` if it does.

    With ``max_context_tokens`` the call emulates a context window of that size: input plus reply
    must fit, as they must in a real window.
    """
    if output.stop_reason == "model_length":
        return "the model stopped with stop_reason=model_length (its context window is full)"
    tokens = usage_tokens(output.usage)
    if max_context_tokens is not None and tokens is not None and sum(tokens) > max_context_tokens:
        return f"{tokens[0]} input + {tokens[1]} output tokens exceed max_context_tokens={max_context_tokens}"
    return None
