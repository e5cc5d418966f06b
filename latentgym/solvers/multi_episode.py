"""The multi-episode solver: plays a whole sequence of N games in one conversation.

Each turn: call the acting model on the conversation, append only its final text (reasoning is
kept in the event log, never fed back), step the core env, append the env's one user message.
Per-episode rewards and per-turn events go to the sample store as they happen, so a message,
token or time limit, a model error or a context overflow still leaves a scorable partial sequence
(see :mod:`.stop_reasons`).

Real models misbehave; each case is handled on purpose:

- An empty reply, a refusal, or an output carrying ``error`` is still a reply: the env plays it
  (usually an invalid turn) and the turn's event records ``model_error``.
- A provider exception that survives Inspect's retries ends the sequence with
  ``stop_reason="model_error: ..."`` instead of failing the sample.
- An env that raises on a reply (an engine bug: engines are meant to turn any text into a valid or
  an invalid turn) ends the sequence with ``stop_reason="env_error: <exception type>"``; the
  exception's text goes to ``stop_detail``.
- A call that overflows the context (``stop_reason="model_length"``, a context-length error, or
  more than ``max_context_tokens`` input + output tokens) ends the sequence with
  ``context_overflow``; its reply is not played, since a real window would have cut it.

Hand-off (``handoff_k``): the ``explorer`` model role plays games 1..K and the ``exploiter`` role
plays K+1..N; both default to the eval's main model. The exploiter inherits the conversation
exactly as the explorer left it.
"""

from __future__ import annotations

from typing import Any

from inspect_ai.model import (
    ChatMessageAssistant,
    ChatMessageSystem,
    ChatMessageUser,
    Model,
    ModelOutput,
    ModelRefusalError,
    get_model,
)
from inspect_ai.solver import Generate, Solver, TaskState, solver
from inspect_ai.util import LimitExceededError, StoreModel
from pydantic import Field

from ..agents.provider import SECRET_KEY
from ..envs import LatentGymError, SequenceStep
from .sequence_spec import SequenceSpec
from .stop_reasons import (
    CONTEXT_OVERFLOW,
    MAX_TOTAL_TURNS,
    exception_stop,
    limit_stop,
    overflow_detail,
    unwrap_retry,
    usage_tokens,
)

ENV_ERROR = "env_error"
"""Stop reason when the env raised on a reply (engines should never raise; this keeps the eval up
and the games already played, and names the failure)."""
EXPLORER_ROLE = "explorer"
EXPLOITER_ROLE = "exploiter"
MAX_ACTION_CHARS_LOGGED = 2000


class SequenceRecord(StoreModel):
    """What the solver records per sample, read by the scorer.

    ``events`` holds one dict per played turn (``turn``, ``valid``, ``reason``, ``action``, the
    model's ``stop_reason``, ``input_tokens``/``output_tokens``, and ``model_error`` for an empty,
    refused or errored reply), then, if the sequence stopped early, one dict with ``stop`` and
    ``detail`` instead of ``turn``. ``stop_reason``/``stop_detail`` say why it stopped early.
    """

    num_episodes: int = 0
    episode_rewards: list[float] = Field(default_factory=list)
    turns_per_episode: list[int] = Field(default_factory=list)
    episode_models: list[str] = Field(default_factory=list)
    events: list[dict[str, Any]] = Field(default_factory=list)
    total_turns: int = 0
    complete: bool = False
    stop_reason: str | None = None
    stop_detail: str | None = None


NOT_CAUGHT = (LimitExceededError, ModelRefusalError)
"""Control-flow exceptions of Inspect's public API that must keep their normal outcome."""

TERMINATIONS = frozenset({"TerminateSampleError", "TerminateTaskError"})
"""Inspect's sample/task termination exceptions, which it does not export publicly: they are
recognised by name (and by coming from ``inspect_ai``) instead of imported from a private module."""


def is_control_flow(exc: BaseException) -> bool:
    """Whether ``exc`` is one of Inspect's control-flow exceptions (to re-raise, never to score)."""
    if isinstance(exc, NOT_CAUGHT):
        return True
    return any(
        cls.__name__ in TERMINATIONS and cls.__module__.split(".")[0] == "inspect_ai" for cls in type(exc).__mro__
    )


def _jsonable(value: Any) -> Any:
    """The value as JSON-ready data (tuples become lists; anything unknown becomes its repr)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return repr(value)


def _reply_problem(output: ModelOutput, text: str) -> str | None:
    """What was wrong with a reply the env still plays, or ``None``."""
    if output.error:
        return str(output.error)
    if output.stop_reason == "content_filter":
        return "refusal (stop_reason=content_filter)"
    if not text.strip():
        return "empty reply"
    return None


def turn_event(episode: int, step: SequenceStep, model: str, text: str, output: ModelOutput) -> dict[str, Any]:
    """The store event of one played turn (see :class:`SequenceRecord`)."""
    tokens = usage_tokens(output.usage)
    event: dict[str, Any] = {
        "episode": episode,
        "turn": step.turn,
        "valid": step.step.valid,
        "reason": step.step.reason,
        "result": _jsonable(step.step.result),
        "done": step.episode_done,
        "reward": step.step.reward,
        "model": model,
        "action": text[:MAX_ACTION_CHARS_LOGGED],
        "stop_reason": output.stop_reason,
        "input_tokens": tokens[0] if tokens else None,
        "output_tokens": tokens[1] if tokens else None,
    }
    problem = _reply_problem(output, text)
    if problem is not None:
        event["model_error"] = problem
    return event


def secret_fields(spec: SequenceSpec) -> dict[str, Any]:
    """What the oracle may know of a sequence, as the solver stores it under ``SECRET_KEY``."""
    return {"env": spec.env, "latent_id": spec.latent, "context": spec.context}


def failure_stop(exc: BaseException) -> tuple[str, str | None]:
    """(stop reason, detail) when the acting model raised (after Inspect's retries)."""
    cause = unwrap_retry(exc)
    reason = exception_stop(cause)
    return reason, None if reason == CONTEXT_OVERFLOW else f"{type(cause).__name__}: {cause}"[:2000]


def env_error_stop(exc: BaseException) -> tuple[str, str]:
    """(stop reason, detail) when the env raised on a reply."""
    return f"{ENV_ERROR}: {type(exc).__name__}", f"{type(exc).__name__}: {exc}"[:2000]


def truncation_stop(max_total_turns: int) -> tuple[str, str]:
    """(stop reason, detail) when the sequence reached its turn cap."""
    return MAX_TOTAL_TURNS, f"the sequence reached max_total_turns={max_total_turns}"


def _positive(name: str, value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise LatentGymError(f"{name} must be a positive integer or None, got {value!r}")
    return value


@solver
def multi_episode(
    handoff_k: int | None = None,
    handoff_marker: str | None = None,
    max_context_tokens: int | None = None,
) -> Solver:
    """Play the sample's sequence to its end.

    Args:
        handoff_k: Switch from the ``explorer`` to the ``exploiter`` model role after game K
            (``None``: one agent plays everything). Overrides the sample's own ``handoff_k``.
        handoff_marker: Optional text appended to the boundary message the exploiter first
            sees; by default nothing marks the switch.
        max_context_tokens: Emulated context window: a call whose input plus output tokens (as
            the provider reports them) exceed it ends the sequence with ``context_overflow``.
            ``None`` relies on the provider alone.
    """
    budget = _positive("max_context_tokens", max_context_tokens)

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        spec = state.metadata_as(SequenceSpec)
        k = handoff_k if handoff_k is not None else spec.handoff_k
        seq = spec.sequence()
        record = state.store_as(SequenceRecord)
        record.num_episodes = seq.num_episodes
        state.store.set(SECRET_KEY, secret_fields(spec))

        opening = seq.start()
        state.messages = [ChatMessageSystem(content=opening.system), ChatMessageUser(content=opening.user)]
        explorer = get_model(role=EXPLORER_ROLE) if k is not None else get_model()
        exploiter = get_model(role=EXPLOITER_ROLE) if k is not None else explorer

        events: list[dict[str, Any]] = []

        def stop(reason: str, detail: str | None = None, **extra: Any) -> None:
            record.stop_reason, record.stop_detail = reason, detail
            events.append({"episode": seq.episode_index, "stop": reason, "detail": detail, **extra})

        try:
            await play(state, seq, record, events, stop, explorer, exploiter, k, spec.max_total_turns)
        finally:
            # The store is written per episode and once here, not per turn: validating a growing
            # event list on every write cost more than the game itself.
            record.events = events
            record.total_turns = seq.total_turns
        state.completed = True
        return state

    async def play(
        state: TaskState,
        seq: Any,
        record: SequenceRecord,
        events: list[dict[str, Any]],
        stop: Any,
        explorer: Model,
        exploiter: Model,
        k: int | None,
        max_total_turns: int,
    ) -> None:
        while True:
            episode = seq.episode_index
            model: Model = explorer if k is None or episode < k else exploiter
            try:
                output = await model.generate(state.messages)
            except LimitExceededError as exc:
                stop(limit_stop(exc.type), exc.message)
                break
            except Exception as exc:  # noqa: BLE001 - any provider failure ends the sequence, not the eval
                if is_control_flow(exc):
                    raise
                stop(*failure_stop(exc))
                break
            state.output = output
            text = output.completion
            overflow = overflow_detail(output, budget)
            if overflow is not None:
                stop(CONTEXT_OVERFLOW, overflow, model=str(model), action=text[:MAX_ACTION_CHARS_LOGGED])
                break
            state.messages.append(ChatMessageAssistant(content=text, model=output.model))
            try:
                step = seq.step(text)
            except Exception as exc:  # noqa: BLE001 - an engine bug ends this sequence, not the eval
                stop(*env_error_stop(exc), model=str(model), action=text[:MAX_ACTION_CHARS_LOGGED])
                break
            events.append(turn_event(episode, step, str(model), text, output))
            if step.episode_done:
                record.episode_rewards = list(seq.episode_rewards)
                record.turns_per_episode = list(seq.turns_per_episode)
                record.episode_models = [*record.episode_models, str(model)]
            observation = step.observation
            if handoff_marker and k is not None and step.episode_done and seq.episode_index == k and not step.done:
                observation = f"{observation}\n\n{handoff_marker}"
            state.messages.append(ChatMessageUser(content=observation))
            if step.done:
                record.complete = True
                break
            if step.truncated:
                stop(*truncation_stop(max_total_turns))
                break

    return solve
