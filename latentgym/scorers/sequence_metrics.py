"""The sequence scorer: per-task rewards r1..rN, per-task turns t1..tN and the cross-task summaries.

The score value is a dict so ``inspect view`` and ``evals_df`` show every key with mean and
stderr. Sequence-level keys (cumulative, gain, final, tail...) are NaN for an incomplete
sequence: Inspect counts NaN as unscored, so incomplete runs are never averaged in as complete.
Rewards of the episodes that were completed stay visible (r1..rM), and ``complete`` is 0.

Turns show adaptation where rewards saturate (a wordle win pays 1 whether it took 2 guesses or
6): ``t1``..``tN`` are the turns each task used, ``won_turns`` the mean turns over the tasks won
(reward at least :data:`~latentgym.envs.SUCCESS_THRESHOLD`), and ``turn_gain`` the mean turns of
the won tasks in the first half of the sequence minus those in the second half (positive: the
agent wins faster later). See docs/adaptation.md.
"""

from __future__ import annotations

from typing import Any

from inspect_ai.scorer import Score, Scorer, Target, mean, scorer, stderr
from inspect_ai.solver import TaskState
from inspect_ai.util import sample_limits

from ..envs.base import SUCCESS_THRESHOLD
from ..envs.sequence import SequenceSummary
from ..solvers.multi_episode import SequenceRecord
from ..solvers.sequence_spec import AXES, SequenceSpec

NAN = float("nan")


def _num(value: float | None) -> float:
    return NAN if value is None else float(value)


def sequence_values(rewards: list[float], num_episodes: int, handoff_k: int | None = None) -> dict[str, float]:
    """The score dict of one sequence (NaN where a value is undefined)."""
    summary = SequenceSummary(tuple(rewards), num_episodes)
    complete = summary.complete
    values: dict[str, float] = {
        "cumulative": summary.cumulative if complete else NAN,
        "gain": _num(summary.gain),
        "final": _num(summary.final),
        "mean_reward": _num(summary.mean) if complete else NAN,
        "success_rate": _num(summary.success_rate) if complete else NAN,
        "complete": 1.0 if complete else 0.0,
        "episodes_completed": float(len(rewards)),
    }
    if handoff_k is not None:
        values["head"] = _num(summary.head(handoff_k))
        values["tail"] = _num(summary.tail(handoff_k))
    for i in range(num_episodes):
        values[f"r{i + 1}"] = rewards[i] if i < len(rewards) else NAN
    return values


def _mean(values: list[int]) -> float:
    return sum(values) / len(values) if values else NAN


def turn_values(rewards: list[float], turns: list[int], num_episodes: int) -> dict[str, float]:
    """Turn keys of one sequence: ``t1``..``tN``, ``won_turns`` and ``turn_gain`` (NaN where undefined).

    ``won_turns`` and ``turn_gain`` need a complete sequence; ``turn_gain`` also needs N >= 2 and a
    won task in each half (the first ``N // 2`` tasks and the last ``N // 2``; the middle task of
    an odd N is in neither).
    """
    played = list(zip(rewards, turns))
    complete = len(rewards) == num_episodes and len(turns) >= num_episodes
    won = [t for r, t in played if r >= SUCCESS_THRESHOLD]
    half = num_episodes // 2
    early = [t for r, t in played[:half] if r >= SUCCESS_THRESHOLD]
    late = [t for r, t in played[num_episodes - half :] if r >= SUCCESS_THRESHOLD] if half else []
    values = {
        "won_turns": _mean(won) if complete else NAN,
        "turn_gain": _mean(early) - _mean(late) if complete and early and late else NAN,
    }
    for i in range(num_episodes):
        values[f"t{i + 1}"] = float(turns[i]) if i < len(turns) and i < len(rewards) else NAN
    return values


def score_metadata(
    spec: SequenceSpec,
    complete: bool,
    *,
    stop_reason: str | None,
    stop_detail: str | None,
    episode_rewards: list[float],
    turns_per_episode: list[int],
    episode_models: list[str],
    total_turns: int,
) -> dict[str, Any]:
    """A sequence score's metadata: its configuration's axes, how it ended and what each game took
    (the one schema of live evals and imported runs)."""
    return {
        **{axis: getattr(spec, axis) for axis in AXES},
        "seed": spec.seed,
        "handoff_k": spec.handoff_k,
        "complete": complete,
        "stop_reason": stop_reason,
        "stop_detail": stop_detail,
        "episode_rewards": episode_rewards,
        "turns_per_episode": turns_per_episode,
        "episode_models": episode_models,
        "total_turns": total_turns,
    }


LIMITS = ("time", "working", "token", "message", "turn", "cost")
INTERRUPTED = "interrupted"


def interrupted_reason() -> str:
    """Why the solver was stopped from outside: a time or working limit cancels the solver instead of
    raising inside it, so it could not record the reason itself. Read from the sample's limits."""
    try:
        limits = sample_limits()
    except RuntimeError:  # no running sample (a scorer called directly)
        return INTERRUPTED
    for name in LIMITS:
        limit = getattr(limits, name, None)
        if limit is not None and limit.limit is not None and limit.usage >= limit.limit:
            return f"{name}_limit"
    return INTERRUPTED


@scorer(metrics={"*": [mean(), stderr()]})
def sequence_metrics() -> Scorer:
    """Score a played sequence from the solver's :class:`SequenceRecord`."""

    async def score(state: TaskState, target: Target) -> Score:
        return sequence_score(state.metadata_as(SequenceSpec), state.store_as(SequenceRecord))

    return score


def sequence_score(spec: SequenceSpec, record: SequenceRecord) -> Score:
    """The score of one played sequence: :func:`sequence_values`, :func:`turn_values` and
    :func:`score_metadata` over what the solver recorded (also used by the direct scripted runs)."""
    rewards = list(record.episode_rewards)
    values = sequence_values(rewards, spec.num_episodes, spec.handoff_k)
    values |= turn_values(rewards, list(record.turns_per_episode), spec.num_episodes)
    complete = values["complete"] == 1.0
    metadata = score_metadata(
        spec,
        complete,
        stop_reason=None if complete else (record.stop_reason or interrupted_reason()),
        stop_detail=None if complete else record.stop_detail,
        episode_rewards=rewards,
        turns_per_episode=list(record.turns_per_episode),
        episode_models=list(record.episode_models),
        total_turns=record.total_turns,
    )
    shown = ", ".join(f"{r:.2f}" for r in rewards)
    status = "complete" if complete else f"incomplete ({metadata['stop_reason']})"
    cumulative = sum(rewards)
    return Score(
        value=values,
        answer=f"{len(rewards)}/{spec.num_episodes} games, cumulative {cumulative:.2f}",
        explanation=f"Per-game rewards [{shown}]; {status}.",
        metadata=metadata,
    )
