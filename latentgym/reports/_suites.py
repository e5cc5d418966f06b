"""Suites: named sets of task configurations, run with Inspect's ``eval_set``.

``eval_set`` makes a suite resumable: rerun the same command after an interruption and only the
missing or failed evals run again. Suites name envs that may not be merged yet; those are skipped
with a message (and a suite with nothing runnable is refused).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import product
from typing import TYPE_CHECKING, Any

from inspect_ai import Task, eval_set
from inspect_ai.log import EvalLog

from ..agents.direct import MODEL_PREFIX, DirectConfig, DirectResult, expected_cost, run_direct
from ..envs import FEEDBACKS, PROMPTS, LatentGymError, get_env, list_envs
from ..envs.errors import unknown
from ..tasks.sequence_task import DEFAULT_N_SEQUENCES, DEFAULT_SEED
from ._adaptation import REFERENCES

if TYPE_CHECKING:
    from ._shards import Shard

TASKS_MODULE = "latentgym.tasks"


@dataclass(frozen=True, slots=True)
class SuiteTask:
    """One configuration of a suite: the ``-T`` axes of task ``latentgym/<env>``."""

    env: str
    latent: str
    prompt: str
    feedback: str
    num_episodes: int

    @property
    def benchmark_id(self) -> str:
        return f"{self.env}/{self.latent}/{self.prompt}/{self.feedback}/ep{self.num_episodes}"


@dataclass(frozen=True, slots=True)
class Suite:
    """A named list of configurations and how many sequences each gets by default."""

    name: str
    description: str
    tasks: tuple[SuiteTask, ...]
    n_sequences: int = DEFAULT_N_SEQUENCES


@dataclass(frozen=True, slots=True)
class SuitePlan:
    """What of a suite can run here: the runnable tasks and, per skipped env, why."""

    suite: Suite
    tasks: tuple[SuiteTask, ...]
    skipped: Mapping[str, str] = field(default_factory=dict)


FRONTIER_LATENTS: dict[str, tuple[str, ...]] = {
    "number_guessing": ("set_of_3", "range_100", "dynamic_range", "two_ranges"),
    "wordle": ("no_repeated_letters", "first_half_alphabet", "vowel_start", "ending_ER"),
    "hangman": ("length_5", "vowel_heavy", "starts_with_S", "double_E"),
    "wordladder": ("restricted_vocab_4letter", "family_ends_e", "hub_word_4letter", "subs_vowel_swaps"),
    "mastermind": ("ascending", "no_repeats", "palindrome", "has_triple"),
    "bandits": ("loyal_favorite_0", "ping_pong", "hot_hand", "fibonacci"),
    "secretary": ("best_is_last", "threshold_08", "mountain_pattern", "fibonacci_positions"),
}
"""Four latents per env, spread over the env's complexity levels (easy → hard/very hard)."""

FRONTIER_N = {"wordladder": 5}
"""Games per sequence in the frontier suite where it differs from 10 (the site's table)."""
FRONTIER_DEFAULT_N = 10


def _grid(
    latents: Mapping[str, Sequence[str]],
    prompts: Sequence[str],
    feedbacks: Sequence[str],
    games: Mapping[str, int],
) -> tuple[SuiteTask, ...]:
    return tuple(
        SuiteTask(env, latent, prompt, feedback, games[env])
        for env, env_latents in latents.items()
        for latent, prompt, feedback in product(env_latents, prompts, feedbacks)
    )


def _frontier() -> Suite:
    games = {env: FRONTIER_N.get(env, FRONTIER_DEFAULT_N) for env in FRONTIER_LATENTS}
    return Suite(
        "frontier",
        "The paper's frontier-model grid: 7 envs x 4 latents x 3 prompts x 2 feedbacks (N=10, wordladder N=5).",
        _grid(FRONTIER_LATENTS, PROMPTS, FEEDBACKS, games),
    )


def _quick() -> Suite:
    first = {env: latents[:1] for env, latents in FRONTIER_LATENTS.items()}
    return Suite(
        "quick",
        "Smoke test: one latent per env, no_info and full_info, standard feedback, N=5, 5 sequences.",
        _grid(first, ("no_info", "full_info"), ("standard",), {env: 5 for env in first}),
        n_sequences=5,
    )


def _all() -> Suite:
    latents = {env: tuple(get_env(env).latent_catalogue) for env in list_envs()}
    games = {env: get_env(env).default_num_episodes for env in list_envs()}
    return Suite(
        "all",
        "Every registered env x every latent x 3 prompts x 2 feedbacks at the env's default N.",
        _grid(latents, PROMPTS, FEEDBACKS, games),
    )


SUITES = {"quick": _quick, "frontier": _frontier, "all": _all}
"""Suite name -> builder (``all`` depends on which envs are registered, so suites are built on use)."""


def get_suite(name: str) -> Suite:
    """The suite called ``name``."""
    if name not in SUITES:
        raise unknown("suite", name, SUITES)
    return SUITES[name]()


def _task_function(env: str) -> Any:
    return getattr(importlib.import_module(TASKS_MODULE), env, None)


def plan_suite(suite: Suite) -> SuitePlan:
    """Split ``suite`` into the tasks that can run and the envs that are not available here.

    An env is available when the core registers it (``list_envs()``) and ``latentgym/<env>``
    exists as an Inspect task. A latent unknown to an available env is an error in the suite.
    """
    registered = set(list_envs())
    skipped: dict[str, str] = {}
    runnable = []
    for task in suite.tasks:
        if task.env in skipped:
            continue
        if task.env not in registered:
            skipped[task.env] = f"env not registered (registered: {', '.join(sorted(registered))})"
            continue
        if _task_function(task.env) is None:
            skipped[task.env] = f"no Inspect task latentgym/{task.env}"
            continue
        catalogue = get_env(task.env).latent_catalogue
        if task.latent not in catalogue:
            raise unknown(f"latent of {task.env} in suite {suite.name!r}", task.latent, catalogue)
        why = catalogue[task.latent].unplayable()
        if why is not None:
            skipped[f"{task.env}/{task.latent}"] = f"latent cannot generate episodes ({why})"
            continue
        runnable.append(task)
    if not runnable:
        raise LatentGymError(
            f"suite {suite.name!r} has no runnable task: " + "; ".join(f"{e}: {r}" for e, r in skipped.items())
        )
    return SuitePlan(suite, tuple(runnable), skipped)


def suite_task_args(task: SuiteTask, n_sequences: int, seed: int) -> dict[str, Any]:
    """The arguments of task ``latentgym/<env>`` for one configuration (its ``-T`` values)."""
    return {
        "latent": task.latent,
        "prompt": task.prompt,
        "feedback": task.feedback,
        "num_episodes": task.num_episodes,
        "n_sequences": n_sequences,
        "seed": seed,
    }


def suite_tasks(plan: SuitePlan, n_sequences: int | None = None, seed: int = DEFAULT_SEED) -> list[Task]:
    """Inspect tasks for the runnable part of a suite (task ``latentgym/<env>`` with the ``-T`` axes)."""
    count = plan.suite.n_sequences if n_sequences is None else n_sequences
    return [_task_function(t.env)(**suite_task_args(t, count, seed)) for t in plan.tasks]


def direct_configs(
    plan: SuitePlan, agents: Sequence[str], n_sequences: int | None = None, seed: int = DEFAULT_SEED
) -> list[DirectConfig]:
    """The direct-path evals of ``agents`` (scripted agent names) over the plan, longest first."""
    count = plan.suite.n_sequences if n_sequences is None else n_sequences
    configs = [DirectConfig(t.env, suite_task_args(t, count, seed), a) for t in plan.tasks for a in agents]
    return sorted(configs, key=lambda c: -expected_cost(c)[1])


def suite_models(models: Sequence[str], with_references: bool) -> list[str]:
    """The models to run: ``models`` plus, on request, the scripted references (no duplicates)."""
    chosen = list(dict.fromkeys([*models, *(REFERENCES if with_references else ())]))
    if not chosen:
        raise LatentGymError("no model to run: pass --model (or --with-references for the scripted references)")
    return chosen


def run_suite(
    plan: SuitePlan,
    models: Sequence[str],
    log_dir: str,
    n_sequences: int | None = None,
    seed: int = DEFAULT_SEED,
    with_references: bool = False,
    shard: Shard | None = None,
    direct: bool = True,
    on_direct: Callable[[DirectResult, int, int], None] | None = None,
    **eval_set_args: Any,
) -> tuple[bool, list[EvalLog]]:
    """Run (or resume) a suite into ``log_dir`` (a folder or ``s3://bucket/prefix``).

    The scripted agents (``latentgym/<agent>``) are played by the direct path
    (:mod:`latentgym.agents.direct`: the same tasks, samples and scores, written as standard logs,
    ``max_tasks`` worker processes, by default one per CPU) unless ``direct=False``; ``on_direct``
    is called as each of their evals finishes. The other models run with ``eval_set``, which makes
    the run resumable: rerun the same call and only what is missing or failed runs again (the
    direct path likewise skips configurations with a successful log).

    The directory may already hold this suite's logs for other models: a leaderboard compares
    models across runs, so ``log_dir_allow_dirty`` is on, and every eval of the suite in
    ``log_dir`` shares one eval-set id. With ``shard``, only that part of the suite runs
    (:func:`~latentgym.reports._shards.shard_plan`); a part with no configuration runs nothing and
    returns ``(True, [])``.

    Returns whether everything finished, and the logs written (without their samples for the
    direct path's).
    """
    from ._shards import record_eval_set_id, shard_plan, shared_eval_set_id

    if shard is not None:
        plan = shard_plan(plan, shard)
        if not plan.tasks:
            return True, []
    eval_set_args.setdefault("eval_set_id", shared_eval_set_id(log_dir, plan.suite.name))
    chosen = suite_models(models, with_references)
    agents = scripted_agents(chosen) if direct else []
    scripted = [SCRIPTED_PREFIX + a for a in agents]
    ok, logs = True, list[EvalLog]()
    if agents:
        record_eval_set_id(log_dir, eval_set_args["eval_set_id"])
        results = run_direct(
            direct_configs(plan, agents, n_sequences, seed),
            log_dir,
            workers=eval_set_args.get("max_tasks"),
            eval_set_id=eval_set_args["eval_set_id"],
            on_done=on_direct,
        )
        ok = all(r.error is None for r in results)
        logs += [r.header for r in results if r.header is not None]
    for models_run, settings in model_runs([m for m in chosen if m not in scripted]):
        done, written = eval_set(
            suite_tasks(plan, n_sequences, seed),
            log_dir=log_dir,
            model=models_run,
            log_dir_allow_dirty=True,
            **{**settings, **eval_set_args},
        )
        ok, logs = ok and done, logs + written
    return ok, logs


SCRIPTED_PREFIX = MODEL_PREFIX
"""Model names of the scripted agents (``latentgym/memoryless``, ``latentgym/oracle``...)."""


def scripted_agents(models: Sequence[str]) -> list[str]:
    """The scripted agents among ``models``, by agent name (``latentgym/oracle`` -> ``oracle``)."""
    return [m.removeprefix(SCRIPTED_PREFIX) for m in models if m.startswith(SCRIPTED_PREFIX)]


def model_runs(models: Sequence[str]) -> list[tuple[list[str], dict[str, Any]]]:
    """The ``eval_set`` calls for ``models``: the scripted agents first, then the other models.

    Scripted agents run without Inspect's realtime event buffer (``log_realtime=False``): it
    re-walks the conversation every turn, about a third of Inspect's cost per turn for an agent
    that answers in microseconds, and only serves watching samples live; the final logs are the
    same. The other models keep Inspect's default.
    """
    scripted = [m for m in models if m.startswith(SCRIPTED_PREFIX)]
    others = [m for m in models if not m.startswith(SCRIPTED_PREFIX)]
    runs: list[tuple[list[str], dict[str, Any]]] = []
    if scripted:
        runs.append((scripted, {"log_realtime": False}))
    if others:
        runs.append((others, {}))
    return runs
