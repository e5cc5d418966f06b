"""Build an Inspect task for any (env, latent, prompt, feedback, N): one sample per sequence.

``-T`` values arrive YAML-parsed from the command line, so every argument is validated here and
a bad one fails with a message naming the value and the valid choices.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from inspect_ai import Task
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import ChatMessageSystem, ChatMessageUser

from ..config_errors import clear_errors
from ..envs import REWARD_TYPES, Environment, LatentGymError, SequenceDraw, get_env, load_trajectories, resolve
from ..envs.errors import unknown
from ..envs.mixed import is_mixed, mixed_envs
from ..envs.sequence import DEFAULT_MAX_TOTAL_TURNS
from ..envs.task import TaskDefinition
from ..scorers import sequence_metrics
from ..solvers import multi_episode
from ..solvers.sequence_spec import SequenceSpec
from .task_args import check_handoff_marker, latent_name

DEFAULT_N_SEQUENCES = 50
DEFAULT_SEED = 42
"""Sequence i of a task uses seed ``seed + i``; 42 is the original's eval base."""


def positive_int(name: str, value: Any, minimum: int = 1) -> int:
    """A ``-T`` value as an int >= ``minimum`` (ints, integral floats, integer strings), else a
    clear error. Booleans and fractions are refused rather than truncated."""
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
        number = int(value)
    if number is None or number < minimum:
        raise LatentGymError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return number


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise LatentGymError(f"{name} must be a name, got {value!r}")
    return value


def _check_rule_names(env: str, rules: dict[str, Any]) -> None:
    """Unknown ``-T`` names fail here, listing the task and rule parameters."""
    envs = mixed_envs(env)
    valid = {name for e in envs for name in get_env(e).rules.fields()}
    bad = sorted(set(rules) - valid)
    if bad:
        raise unknown(f"task parameter for {env}", bad[0], [*TASK_PARAMETERS, *sorted(valid)])


def build_samples(
    task: TaskDefinition,
    environment: Environment,
    seeds: list[int],
    *,
    handoff_k: int | None,
    draws: list[SequenceDraw] | None = None,
) -> list[Sample]:
    """One sample per seed; ``draws`` (recorded configs, one per seed) replace the seeds' draws."""
    samples = []
    for i, seed in enumerate(seeds):
        spec = SequenceSpec.build(task.with_seed(seed), environment, draws[i] if draws else None, handoff_k)
        opening = spec.sequence().start()
        samples.append(
            Sample(
                id=f"seed{seed}",
                input=[ChatMessageSystem(content=opening.system), ChatMessageUser(content=opening.user)],
                metadata=spec.model_dump(),
            )
        )
    return samples


def task_metadata(
    axes: Mapping[str, Any],
    *,
    preset: str,
    rules: Mapping[str, Any],
    handoff_k: int | None,
    seed: int,
    max_context_tokens: int | None,
) -> dict[str, Any]:
    """The task log metadata: the axes, preset, rules, handoff, seed and context budget (one schema
    for live evals and imported runs)."""
    return {
        **axes,
        "preset": preset,
        "rules": dict(rules),
        "handoff_k": handoff_k,
        "seed": seed,
        "max_context_tokens": max_context_tokens,
    }


TASK_PARAMETERS = (
    "latent",
    "prompt",
    "feedback",
    "num_episodes",
    "n_sequences",
    "seed",
    "preset",
    "reward_type",
    "max_total_turns",
    "handoff_k",
    "handoff_marker",
    "trajectories",
    "max_context_tokens",
)


@clear_errors
def sequence_task(
    env: str,
    latent: str | None = None,
    prompt: str = "no_info",
    feedback: str = "standard",
    num_episodes: int | None = None,
    n_sequences: int = DEFAULT_N_SEQUENCES,
    seed: int = DEFAULT_SEED,
    preset: str = "default",
    reward_type: str = "cumulative",
    max_total_turns: int = DEFAULT_MAX_TOTAL_TURNS,
    handoff_k: int | None = None,
    trajectories: str | None = None,
    handoff_marker: str | None = None,
    max_context_tokens: int | None = None,
    **rules: Any,
) -> Task:
    """The Inspect task for one fully defined environment (see the env task docstrings)."""
    if "max_turns" in rules:
        rules["max_turns_per_episode"] = rules.pop("max_turns")
    if latent is None and not is_mixed(env):
        latent = get_env(env).task_default_latent
    latent = latent_name(env, latent)
    check_handoff_marker(handoff_marker, handoff_k)
    _check_rule_names(env, rules)
    prompt, feedback, preset = _text("prompt", prompt), _text("feedback", feedback), _text("preset", preset)
    if reward_type not in REWARD_TYPES:
        raise unknown("reward_type", reward_type, REWARD_TYPES)
    n_seq = positive_int("n_sequences", n_sequences)
    base_seed = positive_int("seed", seed, minimum=0)
    cap = positive_int("max_total_turns", max_total_turns)
    episodes = None if num_episodes is None else positive_int("num_episodes", num_episodes)
    context_budget = None if max_context_tokens is None else positive_int("max_context_tokens", max_context_tokens)
    rules = {k: v for k, v in rules.items() if v is not None}

    draws = None
    if trajectories is not None:
        from ..published._task import published_trajectories  # a published configuration folder?

        published = published_trajectories(trajectories)
        loaded = published.trajectories if published else load_trajectories(Path(trajectories))
        if published:
            prompt, feedback, preset = published.prompt, published.feedback, published.preset
        if loaded.env != env:
            raise LatentGymError(f"{trajectories} holds {loaded.env!r} sequences, not {env!r}")
        rules = loaded.merged_rules(rules)
        environment = loaded.environment(prompt, feedback, preset, **rules)
        count = min(n_seq, len(loaded.trajectories)) if n_sequences != DEFAULT_N_SEQUENCES else len(loaded.trajectories)
        draws = [loaded.draw(i) for i in range(count)]
        seeds = [int((loaded.trajectories[i].get("metadata") or {}).get("seed", base_seed + i)) for i in range(count)]
    else:
        environment = resolve(env, latent, prompt, feedback, episodes, preset, **rules)
        seeds = [base_seed + i for i in range(n_seq)]

    k = None
    if handoff_k is not None:
        k = positive_int("handoff_k", handoff_k)
        if k >= environment.num_episodes:
            raise LatentGymError(
                f"handoff_k must be between 1 and num_episodes - 1 = {environment.num_episodes - 1}, got {handoff_k!r}"
            )

    task = TaskDefinition(
        env=environment.env,
        latent=environment.latent.id,
        prompt=environment.prompt,
        feedback=environment.feedback,
        num_episodes=environment.num_episodes,
        preset=preset,
        rules=rules,
        seed=base_seed,
        reward_type=reward_type,
        max_total_turns=cap,
    )
    samples = build_samples(task, environment, seeds, handoff_k=k, draws=draws)
    return Task(
        dataset=MemoryDataset(samples, name=environment.name.replace("/", "__")),
        solver=multi_episode(handoff_marker=handoff_marker, max_context_tokens=context_budget),
        scorer=sequence_metrics(),
        metadata=task_metadata(
            environment.axes(),
            preset=preset,
            rules=environment.rules.as_dict(),
            handoff_k=k,
            seed=base_seed,
            max_context_tokens=context_budget,
        ),
    )
