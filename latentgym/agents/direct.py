"""Scripted agents without Inspect's runtime: the same tasks, played directly, written as standard logs.

A suite's scripted references play about a million turns (``suite frontier --with-references``).
Through ``eval_set`` each turn costs some 6.5 ms of Inspect's own bookkeeping (a model call, its
events, the transcript) for an agent that answers in well under a millisecond, and everything runs
on one core. This path builds the very :class:`~inspect_ai.Task` that ``eval_set`` would run (same
dataset, sample metadata and task metadata), plays each sample with the scripted agent exactly as
the multi-episode solver and the ``latentgym/<agent>`` provider would (same messages, the same
store record and per-turn events, the provider's token counts), scores it with the task's scorer
function, computes the metrics with Inspect's metric functions and writes
one ``.eval`` log per configuration. Configurations are spread over worker processes.

The logs read like Inspect's own in ``inspect view``, ``evals_df``/``samples_df`` and every
``latentgym`` report. What they lack is the per-call event transcript (no ``ModelEvent``s: the
agent made no model call); their plan is named :data:`PLAN_NAME` so a reader can tell.
``tests/agents/test_direct.py`` checks that a direct log and an Inspect log of the same task
hold the same samples, scores and metrics.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from multiprocessing import get_context
from typing import Any

import shortuuid
from inspect_ai import Task
from inspect_ai.dataset import Sample
from inspect_ai.log import (
    EvalConfig,
    EvalDataset,
    EvalLog,
    EvalPlan,
    EvalPlanStep,
    EvalSample,
    EvalSpec,
    EvalStats,
    write_eval_log,
)
from inspect_ai.model import (
    ChatMessage,
    ChatMessageAssistant,
    ChatMessageSystem,
    ChatMessageUser,
    GenerateConfig,
    ModelOutput,
    ModelUsage,
)
from inspect_ai.util import Store

from ..envs.errors import one_line
from ..scorers.log_results import SCORER, eval_results, scorer_entry
from ..scorers.sequence_metrics import sequence_score
from ..solvers.multi_episode import (
    MAX_ACTION_CHARS_LOGGED,
    SequenceRecord,
    env_error_stop,
    failure_stop,
    secret_fields,
    truncation_stop,
    turn_event,
)
from ..solvers.sequence_spec import SequenceSpec
from .policies import Secret, act
from .provider import SECRET_KEY, Conversation, reply_output

PLAN_NAME = "latentgym_direct"
"""The plan name of a direct log (Inspect's own logs say ``plan``)."""
SOLVER = "latentgym/multi_episode"
MODEL_PREFIX = "latentgym/"


@dataclass(frozen=True)
class DirectConfig:
    """One eval of the direct path: task ``latentgym/<env>`` with ``task_args``, played by ``agent``."""

    env: str
    task_args: dict[str, Any]
    agent: str

    @property
    def model(self) -> str:
        return MODEL_PREFIX + self.agent


@dataclass(frozen=True)
class Cost:
    """What one game of a scripted agent costs on this path: turns, and seconds per turn."""

    turns_per_game: float
    seconds_per_turn: float


REFERENCE_COSTS: dict[str, dict[str, Cost]] = {
    "number_guessing": {"memoryless": Cost(10.6, 0.00022), "oracle": Cost(6.3, 0.00027)},
    "wordle": {"memoryless": Cost(4.1, 0.00058), "oracle": Cost(3.5, 0.00049)},
    "hangman": {"memoryless": Cost(6.1, 0.00035), "oracle": Cost(5.6, 0.00034)},
    "wordladder": {"memoryless": Cost(5.2, 0.00049), "oracle": Cost(3.8, 0.00051)},
    "mastermind": {"memoryless": Cost(4.2, 0.00077), "oracle": Cost(3.4, 0.00051)},
    "bandits": {"memoryless": Cost(23.2, 0.00020), "oracle": Cost(3.5, 0.00048)},
    "secretary": {"memoryless": Cost(7.5, 0.00026), "oracle": Cost(6.2, 0.00024)},
}
"""Per env and reference: mean turns per game over the frontier suite's configurations, and this
path's seconds per turn in one worker (policy, env, messages, scoring and log writing; the
per-configuration start-up spread over its turns). Measured on ``suite frontier
--with-references`` (50 sequences, 1,064,219 turns), 2 workers on the 2-core development
machine, December 2026. Other scripted agents are costed as the env's memoryless agent; an env
not listed as 10 turns of 1 ms."""

INSPECT_SECONDS_PER_TURN = 0.0065
"""What ``eval_set`` adds per scripted turn without its realtime event buffer (7 frontier
configurations x 10 sequences x both references, 8,409 turns: 67 s of CPU beyond the policies;
114 s with the buffer)."""


def expected_cost(config: DirectConfig) -> tuple[float, float]:
    """(turns, seconds in one worker) of one configuration on the direct path."""
    costs = REFERENCE_COSTS.get(config.env, {})
    cost = costs.get(config.agent) or costs.get("memoryless") or Cost(10.0, 0.001)
    turns = cost.turns_per_game * config.task_args["num_episodes"] * config.task_args["n_sequences"]
    return turns, turns * cost.seconds_per_turn


def estimate(configs: Sequence[DirectConfig], workers: int, through_inspect: bool = False) -> tuple[int, float]:
    """(turns, wall seconds) to play ``configs`` on the direct path with ``workers`` processes, or
    through Inspect's ``eval_set`` (one process) with ``through_inspect``."""
    turns = seconds = 0.0
    for config in configs:
        t, s = expected_cost(config)
        turns += t
        seconds += s + (t * INSPECT_SECONDS_PER_TURN if through_inspect else 0.0)
    return round(turns), seconds if through_inspect else seconds / max(1, min(workers, len(configs)))


@dataclass(frozen=True)
class DirectResult:
    """What one eval of the direct path did: its log location and turns played, or the one-line
    error that stopped it (then nothing was written)."""

    config: DirectConfig
    location: str | None
    turns: int
    seconds: float
    error: str | None = None
    header: EvalLog | None = field(default=None, repr=False)
    """The written log without its samples (what ``read_eval_log(location, header_only=True)`` gives)."""


def _now() -> datetime:
    return datetime.now(UTC)


def play_sample(sample: Sample, agent: str) -> EvalSample:
    """Play one sample of a task with ``agent`` as the solver would, and score it as the task's scorer does."""
    started = _now()
    clock = time.perf_counter()
    spec = SequenceSpec.model_validate(sample.metadata)
    seq = spec.sequence()
    secret = Secret(**secret_fields(spec)) if agent == "oracle" else None
    model = MODEL_PREFIX + agent

    opening = seq.start()
    messages: list[ChatMessage] = [ChatMessageSystem(content=opening.system), ChatMessageUser(content=opening.user)]
    conversation = Conversation()  # read as the provider reads it: the transcript and the input tokens
    conversation.read(messages)
    events: list[dict[str, Any]] = []
    usage = ModelUsage()
    output = ModelOutput(model=agent)
    stop_reason: str | None = None
    stop_detail: str | None = None
    calls = 0  # model calls, as Inspect counts a sample's turns

    def add(message: ChatMessage) -> None:
        messages.append(message)
        conversation.read([message])

    while True:
        episode = seq.episode_index
        try:
            reply = act(conversation.transcript.view, agent, secret)
        except Exception as exc:  # noqa: BLE001 - as a provider failure: the sequence ends, not the eval
            stop_reason, stop_detail = failure_stop(exc)
            events.append({"episode": episode, "stop": stop_reason, "detail": stop_detail})
            break
        calls += 1
        output = reply_output(agent, reply, conversation.tokens)
        usage = usage + output.usage  # type: ignore[operator]
        add(ChatMessageAssistant(content=reply, model=agent))
        try:
            step = seq.step(reply)
        except Exception as exc:  # noqa: BLE001 - an engine bug ends this sequence, as in the solver
            stop_reason, stop_detail = env_error_stop(exc)
            action = reply[:MAX_ACTION_CHARS_LOGGED]
            events.append(
                {"episode": episode, "stop": stop_reason, "detail": stop_detail, "model": model, "action": action}
            )
            break
        events.append(turn_event(episode, step, model, reply, output))
        add(ChatMessageUser(content=step.observation))
        if step.done:
            break
        if step.truncated:
            stop_reason, stop_detail = truncation_stop(spec.max_total_turns)
            events.append({"episode": seq.episode_index, "stop": stop_reason, "detail": stop_detail})
            break
    store = Store()
    record = SequenceRecord(
        store=store,
        num_episodes=seq.num_episodes,
        episode_rewards=list(seq.episode_rewards),
        turns_per_episode=list(seq.turns_per_episode),
        episode_models=[model] * len(seq.episode_rewards),
        events=events,
        total_turns=seq.total_turns,
        complete=seq.done,
        stop_reason=stop_reason,
        stop_detail=stop_detail,
    )
    store.set(SECRET_KEY, secret_fields(spec))
    seconds = round(time.perf_counter() - clock, 3)
    return EvalSample(
        id=sample.id if sample.id is not None else spec.seed,
        epoch=1,
        input=sample.input,
        target=sample.target,
        messages=messages,
        output=output,
        scores={SCORER: sequence_score(spec, record)},
        metadata=sample.metadata or {},
        store=dict(store.items()),
        model_usage={model: usage} if seq.total_turns else {},
        started_at=started.isoformat(),
        completed_at=_now().isoformat(),
        total_time=seconds,
        working_time=seconds,
        uuid=shortuuid.uuid(),
        error_retries=[],
        turn_count=calls,
    )


def _task(config: DirectConfig) -> Task:
    from .. import tasks  # the ``latentgym/<env>`` task functions (imported here: tasks import this package)

    return getattr(tasks, config.env)(**config.task_args)


def build_log(
    config: DirectConfig, task: Task, samples: list[EvalSample], started: datetime, eval_set_id: str | None
) -> EvalLog:
    """The Inspect log of ``task`` played by ``config.agent``: the header ``eval_set`` would write."""
    task_id = shortuuid.uuid()
    spec = EvalSpec(
        eval_set_id=eval_set_id,
        eval_id=shortuuid.uuid(),
        run_id=shortuuid.uuid(),
        created=started.isoformat(timespec="seconds"),
        task=task.name,
        task_id=task_id,
        task_version=task.version,
        task_display_name=task.display_name,
        task_registry_name=task.name,
        task_attribs=task.attribs,
        task_args=dict(config.task_args),
        task_args_passed=dict(config.task_args),
        dataset=EvalDataset(
            name=task.dataset.name,
            location=task.dataset.location,
            samples=len(samples),
            sample_ids=[s.id for s in samples],
            shuffled=task.dataset.shuffled,
        ),
        model=config.model,
        model_generate_config=GenerateConfig(),
        model_args={},
        config=EvalConfig(
            epochs=1,
            fail_on_error=True,
            continue_on_fail=False,
            score_on_error=False,
            sandbox_cleanup=True,
            sandbox_prebuilt=False,
            log_samples=True,
            log_realtime=False,
            log_images=True,
            score_display=True,
        ),
        packages={"inspect_ai": version("inspect_ai"), "latentgym": version("latentgym")},
        metadata=task.metadata,
        scorers=[scorer_entry()],
    )
    usage = ModelUsage()
    for sample in samples:
        for used in sample.model_usage.values():
            usage = usage + used
    log = EvalLog(
        eval=spec,
        plan=EvalPlan(name=PLAN_NAME, steps=[EvalPlanStep(solver=SOLVER, params=_solver_params())]),
        stats=EvalStats(
            started_at=started.isoformat(),
            completed_at=_now().isoformat(),
            model_usage={config.model: usage} if usage.total_tokens else {},
        ),
        status="success",
        results=eval_results(samples),
        samples=samples,
    )
    return log


def _solver_params() -> dict[str, Any]:
    """The multi-episode solver's parameters in a suite task (its defaults)."""
    return {"handoff_k": None, "handoff_marker": None, "max_context_tokens": None}


def _log_name(task: Task, log: EvalLog) -> str:
    """Inspect's file name pattern: ``<created>_<task>_<task id>.eval``."""
    created = log.eval.created.replace(":", "-").replace("+", "-")
    return f"{created}_{task.name.rsplit('/', 1)[-1].replace('_', '-')}_{log.eval.task_id}.eval"


def run_config(config: DirectConfig, log_dir: str, eval_set_id: str | None = None) -> DirectResult:
    """Play every sample of one configuration with its agent and write the log into ``log_dir``.

    A local log is written under a hidden name and renamed when complete, so a killed run leaves no
    half-written log behind (a remote one is written in one request).
    """
    clock = time.perf_counter()
    started = _now()
    task = _task(config)
    samples = [play_sample(sample, config.agent) for sample in task.dataset]
    log = build_log(config, task, samples, started, eval_set_id)
    name = _log_name(task, log)
    location = f"{log_dir.rstrip('/')}/{name}"
    if "://" in log_dir:
        write_eval_log(log, location, format="eval")
    else:
        os.makedirs(log_dir, exist_ok=True)
        partial = os.path.join(log_dir, f".{name}.partial")
        try:
            write_eval_log(log, partial, format="eval")
            os.replace(partial, location)
        finally:
            if os.path.exists(partial):
                os.remove(partial)
    turns = sum(int(s.store.get("SequenceRecord:total_turns") or 0) for s in samples)
    header = log.model_copy(update={"samples": None, "location": location})
    return DirectResult(config, location, turns, time.perf_counter() - clock, header=header)


def done_configs(log_dir: str) -> set[tuple[str, str, tuple[tuple[str, Any], ...]]]:
    """(model, task, sorted task args) of every successful eval already in ``log_dir``."""
    from ..reports._shards import suite_headers

    return {
        (h.eval.model, h.eval.task.rsplit("/", 1)[-1], tuple(sorted(h.eval.task_args.items())))
        for h in suite_headers(log_dir)
        if h.status == "success"
    }


def config_key(config: DirectConfig) -> tuple[str, str, tuple[tuple[str, Any], ...]]:
    return config.model, config.env, tuple(sorted(config.task_args.items()))


def _run_safely(config: DirectConfig, log_dir: str, eval_set_id: str | None) -> DirectResult:
    """:func:`run_config`, with a failure returned as a result: one configuration never stops the others."""
    clock = time.perf_counter()
    try:
        return run_config(config, log_dir, eval_set_id)
    except Exception as exc:  # noqa: BLE001 - reported per configuration by the caller
        reason = one_line(f"{type(exc).__name__}: {exc}")[:500]
        return DirectResult(config, None, 0, time.perf_counter() - clock, error=reason)


def run_direct(
    configs: Sequence[DirectConfig],
    log_dir: str,
    *,
    workers: int | None = None,
    eval_set_id: str | None = None,
    on_done: Callable[[DirectResult, int, int], None] | None = None,
) -> list[DirectResult]:
    """Run the configurations not already done in ``log_dir`` (rerun to resume), ``workers`` at a time.

    Each configuration's log is written as soon as it is played, so an interruption loses only the
    configurations in flight; a configuration that fails is returned with its ``error`` and the
    others go on. ``on_done(result, finished so far, to run)`` is called as each one ends.

    Workers are started with ``spawn`` (a fresh interpreter each, whatever threads this process
    runs), so a script that calls this with more than one worker needs Python's usual
    ``if __name__ == "__main__":`` guard; the ``latentgym`` command has it. ``workers`` defaults to the machine's CPU count; 1 runs in this process. Give the
    configurations longest first: each worker takes the next one when it is free.
    """
    done = done_configs(log_dir)
    todo = [c for c in configs if config_key(c) not in done]
    count = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    results: list[DirectResult] = []
    if count == 1:
        for config in todo:
            results.append(_run_safely(config, log_dir, eval_set_id))
            if on_done:
                on_done(results[-1], len(results), len(todo))
        return results
    with ProcessPoolExecutor(max_workers=count, mp_context=get_context("spawn")) as pool:
        pending: set[Future[DirectResult]] = set()
        queue = iter(todo)
        try:
            for result in _drain(pool, queue, pending, count, log_dir, eval_set_id):
                results.append(result)
                if on_done:
                    on_done(result, len(results), len(todo))
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    return results


def _drain(
    pool: ProcessPoolExecutor,
    queue: Iterator[DirectConfig],
    pending: set[Future[DirectResult]],
    width: int,
    log_dir: str,
    eval_set_id: str | None,
) -> Iterator[DirectResult]:
    """Keep ``width`` configurations in flight (no more: an interruption then cancels nothing
    already queued) and yield each result as it completes."""
    while True:
        while len(pending) < width:
            config = next(queue, None)
            if config is None:
                break
            pending.add(pool.submit(_run_safely, config, log_dir, eval_set_id))
        if not pending:
            return
        finished, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in finished:
            pending.discard(future)
            yield future.result()
