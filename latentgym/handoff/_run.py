"""Run the hand-off arms of a study through Inspect's ``eval_set`` (so an interrupted study resumes).

Every arm is the same env task (same ``seed`` and ``n_sequences``, hence the same sequences) with
``handoff_k=K`` and its own ``explorer``/``exploiter`` model roles. ``eval_set`` identifies a task by
its name, task args, model, model roles and solver; each (arm, K) task gets a distinct name, so a
re-run with the same arguments finds its finished logs and runs only what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspect_ai import Task, eval_set, task_with
from inspect_ai.log import EvalLog

from .. import tasks as task_module
from ..envs import LatentGymError
from ..envs.errors import unknown
from ..solvers import multi_episode
from ..solvers.multi_episode import EXPLOITER_ROLE, EXPLORER_ROLE
from ._metrics import METRICS, Agents, Metric

TASK_PREFIX = "latentgym/"
FACTORY = "sequence_task"


def env_tasks() -> list[str]:
    """The registered env task names (``latentgym/<env>`` without the prefix)."""
    return sorted(name for name in task_module.__all__ if name != FACTORY and callable(getattr(task_module, name)))


def task_factory(task: str) -> Callable[..., Task]:
    name = task.removeprefix(TASK_PREFIX)
    if name not in env_tasks():
        raise unknown("hand-off task", task, [TASK_PREFIX + n for n in env_tasks()])
    return getattr(task_module, name)


def slug(model: str) -> str:
    """A model name as a task-name fragment (``latentgym/random`` -> ``latentgym-random``)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", model).strip("-")


def arm_name(task: str, k: int, explorer: str, exploiter: str) -> str:
    return f"{task.removeprefix(TASK_PREFIX)}_handoff_k{k}_{slug(explorer)}_to_{slug(exploiter)}"


def handoff_tasks(
    task: str,
    agents: Agents,
    ks: Sequence[int],
    *,
    task_args: dict[str, Any] | None = None,
    metrics: Iterable[Metric] = METRICS,
    handoff_marker: str | None = None,
) -> list[Task]:
    """One task per distinct (explorer, exploiter) arm the metrics need, at every K."""
    factory = task_factory(task)
    args = dict(task_args or {})
    if "handoff_k" in args:
        raise LatentGymError("give hand-off points with --k (ks), not as the task argument handoff_k")
    if not ks:
        raise LatentGymError("give at least one hand-off point K")
    tasks = []
    for k in sorted(set(ks)):
        for explorer, exploiter in agents.runs(metrics):
            base = factory(**args, handoff_k=k)
            overrides: dict[str, Any] = {}
            if handoff_marker:
                overrides["solver"] = multi_episode(handoff_marker=handoff_marker)
            tasks.append(
                task_with(
                    base,
                    name=arm_name(task, k, explorer, exploiter),
                    model_roles={EXPLORER_ROLE: explorer, EXPLOITER_ROLE: exploiter},
                    metadata={
                        **(base.metadata or {}),
                        "handoff": {"explorer": explorer, "exploiter": exploiter, "k": k},
                    },
                    **overrides,
                )
            )
    return tasks


@dataclass(frozen=True)
class RunResult:
    success: bool
    logs: list[EvalLog]


def run_arms(
    task: str,
    agents: Agents,
    ks: Sequence[int],
    log_dir: str | Path,
    *,
    task_args: dict[str, Any] | None = None,
    metrics: Iterable[Metric] = METRICS,
    handoff_marker: str | None = None,
    **eval_set_args: Any,
) -> RunResult:
    """Run (or resume) every arm with ``eval_set``; extra keyword arguments go to ``eval_set``.

    The eval's main model is the reference agent C; it plays nothing itself since both roles are set.
    """
    tasks = handoff_tasks(task, agents, ks, task_args=task_args, metrics=metrics, handoff_marker=handoff_marker)
    eval_set_args.setdefault("display", "none")
    success, logs = eval_set(tasks, log_dir=str(log_dir), model=agents.c, **eval_set_args)
    return RunResult(success, logs)
