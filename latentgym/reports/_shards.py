"""A suite split over machines: shards of its configurations, one shared log location, and its status.

``latentgym suite NAME --shard I/N`` runs part I of N. Configuration number ``k`` of the suite (in
the suite's own order, before anything is skipped) belongs to part ``k mod N + 1``, so every machine
computes the same split without talking to the others, and envs missing on one machine never shift
the others' parts. Each part is an ordinary Inspect ``eval_set`` over its own tasks into the shared
log location (a local folder or ``s3://bucket/prefix``): the parts' tasks are disjoint, so each one
resumes, retries and cleans up only its own evals and never touches another part's logs.

:func:`suite_status` reads the headers of the shared location and says, per model, how many
configurations and sequences of the whole suite are done, running, failed or missing.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
from inspect_ai.log import EvalLog, read_eval_log_sample_summaries

from ..envs import LatentGymError
from ..tasks.sequence_task import DEFAULT_SEED
from ._load import folder_logs, is_folder, read_headers
from ._suites import SuitePlan, SuiteTask

_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")

STATES = ("done", "running", "failed", "missing")
"""A configuration's (and a sequence's) state in :func:`suite_status`."""

STATUS_COLUMNS = (
    "model",
    "configs",
    *(f"configs_{s}" for s in STATES),
    "sequences",
    *(f"sequences_{s}" for s in STATES),
)


@dataclass(frozen=True, slots=True)
class Shard:
    """Part ``index`` (1-based) of ``count``."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def owns(self, position: int) -> bool:
        """Whether configuration number ``position`` (0-based, in suite order) is in this part."""
        return position % self.count == self.index - 1


def parse_shard(text: str) -> Shard:
    """``"2/4"`` -> ``Shard(2, 4)``; anything else (``0/4``, ``5/4``, ``2``) is an error."""
    match = _SHARD.match(text)
    if match is None:
        raise LatentGymError(f"--shard expects I/N (part I of N, 1 <= I <= N), got {text!r}")
    index, count = int(match[1]), int(match[2])
    if count < 1 or not 1 <= index <= count:
        raise LatentGymError(f"--shard {text}: I must be between 1 and N (N >= 1)")
    return Shard(index, count)


def shard_plan(plan: SuitePlan, shard: Shard) -> SuitePlan:
    """The part of ``plan`` that ``shard`` runs (possibly nothing, when N exceeds the configurations)."""
    positions = {task: i for i, task in enumerate(plan.suite.tasks)}
    return replace(plan, tasks=tuple(t for t in plan.tasks if shard.owns(positions[t])))


def shared_eval_set_id(log_dir: str, suite_name: str) -> str:
    """The eval-set id for ``log_dir``: the one already recorded there (Inspect's ``.eval-set-id``), else
    one derived from the location and suite, so that parts starting at the same time agree on it."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(log_dir)
    marker = f"{root.rstrip('/')}/.eval-set-id"
    try:
        with fs.open(marker, "r") as f:
            existing = str(f.read()).strip()
        if existing:
            return existing
    except FileNotFoundError:
        pass
    return "latentgym-" + uuid.uuid5(uuid.NAMESPACE_URL, f"{log_dir.rstrip('/')}#{suite_name}").hex[:16]


def record_eval_set_id(log_dir: str, eval_set_id: str) -> None:
    """Write Inspect's ``.eval-set-id`` marker into ``log_dir`` unless it has one (what ``eval_set``
    does), so evals written without ``eval_set`` (the direct scripted runs) join the same set."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(log_dir)
    marker = f"{root.rstrip('/')}/.eval-set-id"
    if not fs.exists(marker):
        fs.makedirs(root, exist_ok=True)
        with fs.open(marker, "w") as f:
            f.write(eval_set_id)


def _config_key(header: EvalLog) -> tuple[str, tuple[Any, ...]]:
    """(env, task arguments) of an eval's header (task ``latentgym/<env>``, or ``<env>`` where Inspect
    registered it without the package name); what no suite task matches is ignored by the caller."""
    args = header.eval.task_args
    keys = ("latent", "prompt", "feedback", "num_episodes", "n_sequences", "seed")
    return header.eval.task.rsplit("/", 1)[-1], tuple(args.get(k) for k in keys)


def _task_key(task: SuiteTask, n_sequences: int, seed: int) -> tuple[str, tuple[Any, ...]]:
    return task.env, (task.latent, task.prompt, task.feedback, task.num_episodes, n_sequences, seed)


def _state(status: str) -> str:
    return {"success": "done", "started": "running"}.get(status, "failed")


def _finished_samples(header: EvalLog) -> int:
    """Sequences of an unfinished eval already written to its log (those without an error)."""
    try:
        return sum(1 for s in read_eval_log_sample_summaries(header.location) if not s.error)
    except Exception:  # noqa: BLE001 - a log cut mid-write has no readable summaries yet
        return 0


def suite_headers(log_dir: str) -> list[EvalLog]:
    """The readable log headers in a suite folder (none when it does not exist yet); a half-written
    log counts as nothing yet, so unreadable ones are skipped without a warning."""
    return read_headers(folder_logs(log_dir), warn=False) if is_folder(log_dir) else []


def suite_status(
    plan: SuitePlan,
    log_dir: str,
    models: Sequence[str] = (),
    n_sequences: int | None = None,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """One row per model (``models`` and every model with a log of this suite in ``log_dir``):
    the suite's runnable configurations and their sequences by state (:data:`STATUS_COLUMNS`).

    A configuration is *done* when an eval of it succeeded, *running* when its latest eval is still
    ``started`` (also what a killed process leaves behind until its part is rerun), *failed* when its
    latest eval ended in an error or was cancelled, *missing* with no eval. Sequences of a running or
    failed eval that are already in its log count as done.
    """
    count = plan.suite.n_sequences if n_sequences is None else n_sequences
    wanted = {_task_key(t, count, seed): t for t in plan.tasks}
    best: dict[tuple[str, Any], EvalLog] = {}
    for header in suite_headers(log_dir):
        key = _config_key(header)
        if key not in wanted:
            continue
        slot = (header.eval.model, key)
        rank = (header.status == "success", header.eval.created)
        held = best.get(slot)
        if held is None or rank > (held.status == "success", held.eval.created):
            best[slot] = header
    all_models = list(dict.fromkeys([*models, *sorted({m for m, _ in best})]))
    rows = []
    for model in all_models:
        row: dict[str, Any] = {"model": model, "configs": len(wanted), "sequences": len(wanted) * count}
        for state in STATES:
            row[f"configs_{state}"] = row[f"sequences_{state}"] = 0
        for key in wanted:
            found = best.get((model, key))
            if found is None:
                row["configs_missing"] += 1
                row["sequences_missing"] += count
                continue
            state = _state(found.status)
            row[f"configs_{state}"] += 1
            finished = count if state == "done" else min(_finished_samples(found), count)
            row["sequences_done"] += finished
            row[f"sequences_{state}"] += count - finished
        rows.append(row)
    return pd.DataFrame(rows, columns=list(STATUS_COLUMNS))


def status_text(status: pd.DataFrame, log_dir: str) -> str:
    """The status table for a terminal, with what to do next."""
    if status.empty:
        return f"no evals of this suite in {log_dir} yet (and no --model given)\n"
    lines = []
    for row in status.itertuples(index=False):
        values = row._asdict()
        configs = ", ".join(f"{values[f'configs_{s}']} {s}" for s in STATES)
        sequences = ", ".join(f"{values[f'sequences_{s}']} {s}" for s in STATES)
        lines.append(
            f"{row.model}: configurations {configs} (of {row.configs}); sequences {sequences} (of {row.sequences})"
        )
    done = bool((status["configs_done"] == status["configs"]).all())
    tail = (
        "complete"
        if done
        else "incomplete: rerun the parts with missing, failed or stalled evals (a killed part leaves its evals "
        "'running'); each resumes where it stopped"
    )
    return "\n".join(lines) + f"\n{log_dir}: {tail}\n"
