"""The multi-episode solver: plays a whole sequence of N games in one conversation.

Each turn: call the acting model on the conversation, append only its final text (reasoning is
kept in the event log, never fed back), step the core env, append the env's one user message.
Per-episode rewards and per-turn events go to the sample store as they happen, so a message,
token or time limit, or a model error, still leaves a scorable partial sequence.

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
    get_model,
)
from inspect_ai.solver import Generate, Solver, TaskState, solver
from inspect_ai.util import LimitExceededError, StoreModel
from pydantic import Field

from ..agents.provider import SECRET_KEY
from .sequence_spec import SequenceSpec

EXPLORER_ROLE = "explorer"
EXPLOITER_ROLE = "exploiter"
MAX_ACTION_CHARS_LOGGED = 2000


class SequenceRecord(StoreModel):
    """What the solver records per sample, read by the scorer."""

    num_episodes: int = 0
    episode_rewards: list[float] = Field(default_factory=list)
    turns_per_episode: list[int] = Field(default_factory=list)
    episode_models: list[str] = Field(default_factory=list)
    events: list[dict[str, Any]] = Field(default_factory=list)
    total_turns: int = 0
    complete: bool = False
    stop_reason: str | None = None


def _jsonable(value: Any) -> Any:
    """The value as JSON-ready data (tuples become lists; anything unknown becomes its repr)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return repr(value)


@solver
def multi_episode(handoff_k: int | None = None, handoff_marker: str | None = None) -> Solver:
    """Play the sample's sequence to its end.

    Args:
        handoff_k: Switch from the ``explorer`` to the ``exploiter`` model role after game K
            (``None``: one agent plays everything). Overrides the sample's own ``handoff_k``.
        handoff_marker: Optional text appended to the boundary message the exploiter first
            sees; by default nothing marks the switch.
    """

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        spec = state.metadata_as(SequenceSpec)
        k = handoff_k if handoff_k is not None else spec.handoff_k
        seq = spec.sequence()
        record = state.store_as(SequenceRecord)
        record.num_episodes = seq.num_episodes
        state.store.set(SECRET_KEY, {"env": spec.env, "latent_id": spec.latent, "context": spec.context})

        opening = seq.start()
        state.messages = [ChatMessageSystem(content=opening.system), ChatMessageUser(content=opening.user)]
        explorer = get_model(role=EXPLORER_ROLE) if k is not None else get_model()
        exploiter = get_model(role=EXPLOITER_ROLE) if k is not None else explorer

        events: list[dict[str, Any]] = []
        try:
            await _play(state, seq, record, events, explorer, exploiter, k)
        finally:
            # The store is written per episode and once at the end, not per turn: validating
            # a growing event list on every write made the bookkeeping cost more than the game.
            record.events = events
            record.total_turns = seq.total_turns
        state.completed = True
        return state

    async def _play(
        state: TaskState,
        seq: Any,
        record: SequenceRecord,
        events: list[dict[str, Any]],
        explorer: Model,
        exploiter: Model,
        k: int | None,
    ) -> None:
        while True:
            episode = seq.episode_index
            model: Model = explorer if k is None or episode < k else exploiter
            try:
                output = await model.generate(state.messages)
            except LimitExceededError as exc:
                record.stop_reason = f"{exc.type}_limit"
                break
            state.output = output
            text = output.completion
            state.messages.append(ChatMessageAssistant(content=text, model=output.model))
            if output.error or not text.strip():
                events.append({"episode": episode, "model_error": output.error or "empty reply"})
            step = seq.step(text)
            events.append(
                {
                    "episode": episode,
                    "turn": step.turn,
                    "valid": step.step.valid,
                    "reason": step.step.reason,
                    "result": _jsonable(step.step.result),
                    "done": step.episode_done,
                    "reward": step.step.reward,
                    "model": str(model),
                    "action": text[:MAX_ACTION_CHARS_LOGGED],
                }
            )
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
                record.stop_reason = "max_total_turns"
                break

    return solve
