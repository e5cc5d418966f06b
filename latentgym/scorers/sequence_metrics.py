"""The sequence scorer: per-task rewards r1..rN and the cross-task summaries.

The score value is a dict so ``inspect view`` and ``evals_df`` show every key with mean and
stderr. Sequence-level keys (cumulative, gain, final, tail...) are NaN for an incomplete
sequence: Inspect counts NaN as unscored, so incomplete runs are never averaged in as complete.
Rewards of the episodes that were completed stay visible (r1..rM), and ``complete`` is 0.
"""

from __future__ import annotations

from typing import Any

from inspect_ai.scorer import Score, Scorer, Target, mean, scorer, stderr
from inspect_ai.solver import TaskState
from inspect_ai.util import sample_limits

from ..envs.sequence import SequenceSummary
from ..solvers.multi_episode import SequenceRecord
from ..solvers.sequence_spec import SequenceSpec

NAN = float("nan")


def _num(value: float | None) -> float:
    return NAN if value is None else float(value)


def sequence_values(
    rewards: list[float], num_episodes: int, handoff_k: int | None = None
) -> dict[str, float]:
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
        spec = state.metadata_as(SequenceSpec)
        record = state.store_as(SequenceRecord)
        rewards = list(record.episode_rewards)
        values = sequence_values(rewards, spec.num_episodes, spec.handoff_k)
        complete = values["complete"] == 1.0
        metadata: dict[str, Any] = {
            "benchmark_id": spec.benchmark_id,
            "env": spec.env,
            "latent": spec.latent,
            "latent_complexity": spec.latent_complexity,
            "prompt": spec.prompt,
            "feedback": spec.feedback,
            "num_episodes": spec.num_episodes,
            "seed": spec.seed,
            "handoff_k": spec.handoff_k,
            "complete": complete,
            "stop_reason": None if complete else (record.stop_reason or interrupted_reason()),
            "stop_detail": None if complete else record.stop_detail,
            "episode_rewards": rewards,
            "turns_per_episode": list(record.turns_per_episode),
            "episode_models": list(record.episode_models),
            "total_turns": record.total_turns,
        }
        shown = ", ".join(f"{r:.2f}" for r in rewards)
        status = "complete" if complete else f"incomplete ({metadata['stop_reason']})"
        cumulative = sum(rewards)
        return Score(
            value=values,
            answer=f"{len(rewards)}/{spec.num_episodes} games, cumulative {cumulative:.2f}",
            explanation=f"Per-game rewards [{shown}]; {status}.",
            metadata=metadata,
        )

    return score
