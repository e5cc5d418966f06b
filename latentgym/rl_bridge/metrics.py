"""Training-time metrics of one rollout and their aggregate (no SkyRL import).

Only completed episodes count. ``final_reward``, ``gain`` and ``turns_reduction`` are defined
only for a complete rollout (``None`` otherwise), so their aggregates average complete rollouts
only; incompleteness is reported as its own rates rather than averaged in as zeros:

- ``truncated``: the env's own turn budget ended the run;
- ``stopped_early``: the rollout ended before done without the env truncating it (SkyRL stopped
  generating, e.g. the conversation outgrew ``generator.max_input_length``).

``episode_end_turns`` (the turn, counted from 1, that ended each finished episode) is the
episode-boundary record the ``latentgym_episode`` estimator reads; being a list it is left out of
the aggregate.

Success is a reward >= :data:`~latentgym.envs.SUCCESS_THRESHOLD` (the eval's definition).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..envs import SequenceSummary


def rollout_metrics(
    summary: SequenceSummary,
    *,
    turns: int,
    truncated: bool,
    turns_per_episode: Sequence[int] = (),
) -> dict[str, Any]:
    """The metrics of one rollout."""
    complete = summary.complete
    per_turns = list(turns_per_episode)
    metrics: dict[str, Any] = {
        "cumulative_reward": summary.cumulative,
        "episodes_completed": len(summary.rewards),
        "completion_share": len(summary.rewards) / summary.num_episodes,
        "complete": float(complete),
        "truncated": float(truncated),
        "stopped_early": float(not complete and not truncated),
        "initial_reward": summary.initial,
        "final_reward": summary.final,
        "gain": summary.gain,
        "mean_reward": summary.mean,
        "success_rate": summary.success_rate,
        "turns": turns,
        "turns_reduction": per_turns[0] - per_turns[-1] if complete and per_turns else None,
    }
    ends, total = [], 0
    for n in per_turns[: len(summary.rewards)]:
        total += n
        ends.append(total)
    metrics["episode_end_turns"] = ends
    for k, reward in enumerate(summary.rewards, start=1):
        metrics[f"reward_ep{k}"] = reward
    return metrics


def aggregate_rollout_metrics(metrics: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Mean of every numeric key over the rollouts that define it, plus the rollout count."""
    if not metrics:
        return {}
    values: dict[str, list[float]] = {}
    for entry in metrics:
        for key, value in entry.items():
            if isinstance(value, bool) or isinstance(value, (int, float)):
                values.setdefault(key, []).append(float(value))
    out = {key: sum(v) / len(v) for key, v in values.items()}
    out["num_rollouts"] = float(len(metrics))
    return out
