"""Write the published runs as Inspect ``.eval`` logs, scored by our replay.

One log per (variant, model, env, latent, prompt, feedback, N), one sample per recorded sequence.
Each sample carries the recorded conversation as its messages, the metadata of a live sample
(:class:`~latentgym.solvers.sequence_spec.SequenceSpec`, with the recorded hidden configs) and the
score of a live eval (:func:`~latentgym.scorers.sequence_metrics.sequence_values` over the rewards
our engines pay when the recorded replies are replayed). Where the replay differs from the
record, the sample's ``replay`` metadata says what differed.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

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
    ModelOutput,
)
from inspect_ai.scorer import Score

from ..config_errors import LatentGymWarning
from ..envs import LatentGymError, SequenceDraw
from ..envs.errors import one_line
from ..envs.task import TaskDefinition
from ..scorers.log_results import SCORER, eval_results, scorer_entry
from ..scorers.sequence_metrics import score_metadata, sequence_values, turn_values
from ..solvers.sequence_spec import AXES, SequenceSpec
from ..solvers.stop_reasons import MAX_TOTAL_TURNS
from ..tasks.sequence_task import task_metadata
from ._format import ConfigGroup, PublishedRun, config_groups, data_root, preset_for, read_run
from ._replay import AGREE, DEVIATION, RunReplay, replay_run

ORIGINAL_TURN_CAP = 1000
"""The sequence-wide reply cap of the published runs (every unfinished published run stops at
exactly 1000 replies): a run cut short at it is flagged as our turn cap is."""

CREATED = "2026-01-01T00:00:00+00:00"
"""The fixed creation time of every imported log, so an import is byte-for-byte reproducible
apart from the zip container's own timestamps."""


def _stable_id(*parts: object) -> str:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
    return digest[:22]


@dataclass
class EnvAgreement:
    """Replay agreement of one env: episodes that agree, differ by a documented deviation, or differ."""

    agree: int = 0
    deviation: int = 0
    differ: int = 0
    deviations: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return self.agree + self.deviation + self.differ


@dataclass
class ImportSummary:
    """What an import did: logs written and skipped, sequences, and per-env replay agreement."""

    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    sequences: int = 0
    incomplete: int = 0
    agreement: dict[str, EnvAgreement] = field(default_factory=dict)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    """Files (or whole groups) skipped, each with the one-line reason."""

    def add(self, env: str, replay: RunReplay) -> None:
        entry = self.agreement.setdefault(env, EnvAgreement())
        for check in replay.checks:
            if check.status == AGREE:
                entry.agree += 1
            elif check.status == DEVIATION:
                entry.deviation += 1
                entry.deviations[check.deviation or "?"] += 1
            else:
                entry.differ += 1

    def table(self) -> str:
        """The per-env agreement, one line per env."""
        lines = [f"{'env':<16} {'episodes':>8} {'agree':>7} {'deviation':>9} {'differ':>7}  documented deviations"]
        for env in sorted(self.agreement):
            a = self.agreement[env]
            devs = ", ".join(f"{k} {v}" for k, v in sorted(a.deviations.items())) or "-"
            pct = f"{100 * a.agree / a.total:.1f}%" if a.total else "-"
            lines.append(f"{env:<16} {a.total:>8} {a.agree:>7} {a.deviation:>9} {a.differ:>7}  {devs}  (agree {pct})")
        return "\n".join(lines)


def _messages(run: PublishedRun, sample_id: str, label: str) -> list[ChatMessage]:
    out: list[ChatMessage] = []
    for i, m in enumerate(run.conversation):
        role, content, mid = m.get("role"), str(m.get("content") or ""), f"{sample_id}-{i}"
        if role == "system":
            out.append(ChatMessageSystem(id=mid, content=content))
        elif role == "assistant":
            out.append(ChatMessageAssistant(id=mid, content=content, model=label, source="generate"))
        else:
            out.append(ChatMessageUser(id=mid, content=content))
    return out


def _stop(run: PublishedRun) -> tuple[str | None, str | None]:
    if run.complete:
        return None, None
    played = len(run.actions())
    detail = f"the published run ends after {len(run.episode_rewards)} of {run.num_episodes} games ({played} replies)"
    return (MAX_TOTAL_TURNS if played >= ORIGINAL_TURN_CAP else "interrupted"), detail


def build_sample(run: PublishedRun, group: ConfigGroup, replay: RunReplay | None = None) -> EvalSample:
    """The Inspect sample of one recorded sequence, scored by our replay."""
    replay = replay or replay_run(run)
    preset = preset_for(run.variant)
    task = TaskDefinition(
        env=run.env,
        latent=run.latent,
        prompt=run.prompt,
        feedback=run.feedback,
        num_episodes=run.num_episodes,
        preset=preset,
        rules=run.rule_overrides,
        seed=run.seed,
    )
    environment = task.environment()
    draw = SequenceDraw(tuple(run.episode_configs[: run.num_episodes]), {})
    spec = SequenceSpec.build(task, environment, draw)
    sample_id = f"seed{run.seed}"
    rewards = list(replay.rewards)
    values = sequence_values(rewards, run.num_episodes)
    values |= turn_values(rewards, list(replay.turns), run.num_episodes)  # the turn keys of a live score
    complete = values["complete"] == 1.0
    stop_reason, stop_detail = _stop(run)
    differences = [c.as_dict() for c in replay.checks if c.status != AGREE]
    replay_meta = {
        "agree": replay.agree,
        "counts": replay.counts(),
        "recorded_episode_rewards": list(run.episode_rewards),
        "differences": differences,
    }
    score_meta = score_metadata(
        spec,
        complete,
        stop_reason=stop_reason,
        stop_detail=stop_detail,
        episode_rewards=rewards,
        turns_per_episode=list(run.episode_turns),
        episode_models=[group.label] * len(run.episode_turns),
        total_turns=len(run.actions()),
    )
    score_meta["replay"] = replay_meta
    shown = ", ".join(f"{r:.2f}" for r in rewards)
    status = "complete" if complete else f"incomplete ({stop_reason})"
    agreement = (
        "the replay agrees with the record"
        if replay.agree
        else f"the replay differs from the record in {len(differences)} game(s)"
    )
    score = Score(
        value=values,
        answer=f"{len(rewards)}/{run.num_episodes} games, cumulative {sum(rewards):.2f}",
        explanation=f"Per-game rewards [{shown}]; {status}; {agreement}.",
        metadata=score_meta,
    )
    messages = _messages(run, sample_id, group.label)
    last = next((m for m in reversed(messages) if isinstance(m, ChatMessageAssistant)), None)
    output = ModelOutput.from_message(last) if last is not None else ModelOutput(model=group.label)
    output.model = group.label
    return EvalSample(
        id=sample_id,
        epoch=1,
        input=[m for m in messages[:1]],
        target="",
        messages=messages,
        output=output,
        scores={SCORER: score},
        metadata={
            **spec.model_dump(),
            "published": {
                "variant": run.variant,
                "model": run.model,
                "model_name_raw": run.model_raw,
                "file": run.path.name,
                "horizon": f"ep{run.horizon_episodes or run.num_episodes}",
                "num_episodes_note": _episodes_note(run),
            },
            "replay": replay_meta,
        },
    )


def _episodes_note(run: PublishedRun) -> str | None:
    """Why N is not the ``horizon`` field's (``None`` when it is)."""
    if not run.horizon_episodes or run.num_episodes == run.horizon_episodes:
        return None
    return (
        f"recorded as ep{run.horizon_episodes} but holds {len(run.episode_configs)} episode configs: "
        f"N is the data's own episode count, {run.num_episodes}"
    )


def build_log(group: ConfigGroup, samples: list[EvalSample]) -> EvalLog:
    """The Inspect log of one configuration group."""
    first = samples[0].metadata  # a SequenceSpec.model_dump()
    axes = {key: first[key] for key in AXES}
    task_id = _stable_id("task", group.variant, group.model, group.benchmark_id)
    spec = EvalSpec(
        eval_id=_stable_id("eval", task_id),
        run_id=_stable_id("run", group.variant),
        created=CREATED,
        task=f"latentgym/{group.env}",
        task_id=task_id,
        task_display_name=group.env,
        task_registry_name=f"latentgym/{group.env}",
        task_args={"published": f"{group.folder}/{group.model}"},
        dataset=EvalDataset(
            name=str(first["benchmark_id"]).replace("/", "__"),
            samples=len(samples),
            sample_ids=[s.id for s in samples],
            shuffled=False,
        ),
        model=group.label,
        config=EvalConfig(epochs=1),
        metadata={
            **task_metadata(
                axes,
                preset=first["preset"],
                rules=first["rules"],
                handoff_k=None,
                seed=min(int(s.metadata["seed"]) for s in samples),
                max_context_tokens=None,
            ),
            "published": {"variant": group.variant, "model": group.model},
        },
        scorers=[scorer_entry()],
    )
    return EvalLog(
        eval=spec,
        plan=EvalPlan(steps=[EvalPlanStep(solver="latentgym/published_replay", params={})]),
        results=eval_results(samples),
        stats=EvalStats(started_at=CREATED, completed_at=CREATED),
        status="success",
        samples=samples,
    )


def _group_of(group: ConfigGroup, run: PublishedRun, settled: bool) -> ConfigGroup:
    """``group`` with the run's own N (the frontier word-ladder runs: 5 games in an ``ep10`` folder).

    The log keeps the folder's name. The first run read settles the group's N (``settled``
    afterwards); a later run with another N is skipped.
    """
    if run.num_episodes == group.num_episodes:
        return group
    if settled:
        raise LatentGymError(
            f"{run.path}: {run.num_episodes} episodes, the other runs of its folder have {group.num_episodes}"
        )
    return replace(group, num_episodes=run.num_episodes, folder_episodes=group.folder_n)


def _skip(summary: ImportSummary, path: Path, exc: Exception, on_skip: Callable[[Path, str], None] | None) -> None:
    reason = one_line(exc) or type(exc).__name__
    prefix = f"{path}: "
    reason = reason.removeprefix(prefix) if isinstance(exc, LatentGymError) else f"{type(exc).__name__}: {reason}"
    _record(summary, path, reason, on_skip)


def _record(summary: ImportSummary, path: Path, reason: str, on_skip: Callable[[Path, str], None] | None) -> None:
    """Count ``path`` as skipped for ``reason`` and tell ``on_skip`` (or warn)."""
    summary.failed.append((path, reason))
    if on_skip:
        on_skip(path, reason)
    else:
        warnings.warn(f"skipped {path}: {reason}", LatentGymWarning, stacklevel=3)


def import_runs(
    data_dir: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    env: tuple[str, ...] = (),
    variant: tuple[str, ...] = (),
    model: tuple[str, ...] = (),
    overwrite: bool = False,
    on_group: Callable[[ConfigGroup, Path, bool], None] | None = None,
    on_skip: Callable[[Path, str], None] | None = None,
) -> ImportSummary:
    """Import the published runs of ``data_dir`` into ``out`` (see the module docstring).

    Logs already in ``out`` are skipped (``overwrite=True`` rewrites them); their runs are not
    replayed again, so the agreement counts cover the logs written by this call. ``on_group`` is
    called after each group with (group, log path, written).

    A file that cannot be read or replayed (malformed, an unknown env or variant, a run whose
    episodes do not add up) is skipped, never fatal: it lands in ``summary.failed`` with a one-line
    reason and ``on_skip(path, reason)`` is called. A group whose every file is skipped writes no log.
    """
    root = data_root(data_dir)
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    summary = ImportSummary()

    def skip_name(path: Path, reason: str) -> None:
        _record(summary, path, reason, on_skip)

    for group in config_groups(root, env=env, variant=variant, model=model, on_skip=skip_name):
        path = target / group.log_name
        if path.exists() and not overwrite:
            summary.skipped.append(path)
            if on_group:
                on_group(group, path, False)
            continue
        samples: list[EvalSample] = []
        replays: list[tuple[str, RunReplay, bool]] = []
        for file in group.files:
            try:
                run = read_run(file)
                group = _group_of(group, run, bool(samples))
                replay = replay_run(run)
                sample = build_sample(run, group, replay)
            except Exception as exc:  # one surprising file never stops the import
                _skip(summary, file, exc, on_skip)
                continue
            samples.append(sample)
            replays.append((run.env, replay, run.complete))
        written = False
        if samples:
            partial = target / f".{group.log_name}.partial"
            try:
                write_eval_log(build_log(group, samples), str(partial), format="eval")
                os.replace(partial, path)
            except Exception as exc:
                partial.unlink(missing_ok=True)
                _skip(summary, path.parent / group.benchmark_id, exc, on_skip)
            else:
                written = True
                summary.written.append(path)
                for env_name, replay, complete in replays:
                    summary.add(env_name, replay)
                    summary.sequences += 1
                    summary.incomplete += 0 if complete else 1
        if on_group:
            on_group(group, path, written)
    if not summary.written and not summary.skipped and not summary.failed:
        raise LatentGymError(f"no published runs in {root} match the filters")
    return summary


def count_groups(
    data_dir: str | os.PathLike[str],
    env: tuple[str, ...] = (),
    variant: tuple[str, ...] = (),
    model: tuple[str, ...] = (),
) -> int:
    """How many logs an import with these filters writes or skips (for a progress bar)."""
    return sum(1 for _ in config_groups(data_root(data_dir), env=env, variant=variant, model=model))
