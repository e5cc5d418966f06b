"""Read LatentGym Inspect logs into one pandas row per played sequence.

Everything goes through ``inspect_ai.analysis`` (``evals_df`` for the model and run, ``samples_df``
for the per-sequence score dict), so any log Inspect can read (``.eval``, ``.json``, remote
storage) works. A sequence is *complete* when its score says so; incomplete sequences keep
their row (with ``complete`` False) so reports can count them instead of averaging them in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd
from inspect_ai.analysis import evals_df, samples_df

from ..envs import LatentGymError

SCORER = "sequence_metrics"
"""Name of the LatentGym scorer whose ``Score.value`` dict holds the per-sequence metrics."""

CONFIG_COLUMNS = ("benchmark_id", "env", "latent", "latent_complexity", "prompt", "feedback", "num_episodes")
"""The axes of one task configuration, taken from the sample metadata."""

SEQUENCE_METRICS = ("cumulative", "gain", "final", "mean_reward", "success_rate", "episodes_completed")

LogSource = str | PathLike[str] | Iterable[str | PathLike[str]]

_POSITION = re.compile(r"^r(\d+)$")


def _as_paths(logs: LogSource) -> list[str]:
    if isinstance(logs, (str, PathLike)):
        return [str(logs)]
    return [str(p) for p in logs]


def _role_model(roles: Any, role: str, default: str) -> str:
    """The model name a role resolved to in ``evals_df``'s ``model_roles`` JSON, else ``default``."""
    if not isinstance(roles, str) or not roles:
        return default
    value = json.loads(roles).get(role)
    if isinstance(value, dict):
        return str(value.get("model", default))
    return default if value is None else str(value)


def _label(row: pd.Series) -> str:
    """``model``, or ``explorer→exploiter@epK`` for a hand-off run."""
    k = row["handoff_k"]
    if pd.isna(k):
        return str(row["model"])
    explorer = _role_model(row["model_roles"], "explorer", row["model"])
    exploiter = _role_model(row["model_roles"], "exploiter", row["model"])
    return f"{explorer}→{exploiter}@ep{int(k)}"


def _score_values(raw: Any) -> dict[str, float]:
    if isinstance(raw, dict):
        return raw
    if isinstance(raw, str) and raw:
        return json.loads(raw)
    return {}


def load_sequences(logs: LogSource) -> pd.DataFrame:
    """One row per (model, configuration, sequence) found in ``logs`` (log files or directories).

    Columns: ``model`` (a hand-off run is labelled ``X→Y@epK``), ``base_model``, the
    :data:`CONFIG_COLUMNS`, ``handoff_k``, ``seed``, ``sample``, ``log``, ``eval_status``,
    ``complete``, ``stop``, the :data:`SEQUENCE_METRICS` and ``r1``..``rN``.
    When the same sequence was played more than once (a rerun into the same directory), the
    latest log wins.
    """
    paths = _as_paths(logs)
    missing = [p for p in paths if "://" not in p and not Path(p).exists()]
    if missing:
        raise LatentGymError(f"no such log file or directory: {', '.join(missing)}")
    evals = evals_df(paths, quiet=True)
    if evals.empty:
        raise LatentGymError(f"no Inspect logs found in {', '.join(paths)}")
    samples = samples_df(paths, quiet=True)
    if "metadata_benchmark_id" not in samples.columns:
        raise LatentGymError(f"no LatentGym sequences in the logs of {', '.join(paths)}")
    samples = samples[samples["metadata_benchmark_id"].notna()]
    eval_info = evals[["eval_id", "model", "model_roles", "status", "created"]].rename(
        columns={"status": "eval_status", "model": "base_model"}
    )
    frame = samples.merge(eval_info, on="eval_id", how="left")
    frame = frame.rename(columns={f"metadata_{c}": c for c in (*CONFIG_COLUMNS, "handoff_k", "seed")})
    frame["model"] = frame["base_model"]
    frame["model"] = frame.apply(_label, axis=1) if not frame.empty else frame["model"]
    score_column = f"score_{SCORER}"
    values = [_score_values(v) for v in (frame[score_column] if score_column in frame else [None] * len(frame))]
    scores = pd.DataFrame(values, index=frame.index, dtype="float64")
    for metric in (*SEQUENCE_METRICS, "complete"):
        if metric not in scores:
            scores[metric] = float("nan")
    positions = position_columns(scores)
    complete = (scores["complete"] == 1.0) & scores["cumulative"].notna()
    out = pd.DataFrame(
        {
            "model": frame["model"],
            "base_model": frame["base_model"],
            **{c: frame[c] for c in CONFIG_COLUMNS},
            "num_episodes": frame["num_episodes"].astype(int),
            "handoff_k": frame["handoff_k"],
            "seed": frame["seed"].astype(int),
            "sample": frame["id"].astype(str),
            "log": frame["log"],
            "created": frame["created"],
            "eval_status": frame["eval_status"],
            "complete": complete,
            "stop": [_stop(row, ok) for (_, row), ok in zip(frame.iterrows(), complete)],
            **{m: scores[m] for m in SEQUENCE_METRICS},
            **{p: scores[p] for p in positions},
        }
    )
    out = out.sort_values("created", kind="stable")
    out = out.drop_duplicates(["model", "benchmark_id", "handoff_k", "sample"], keep="last")
    return out.drop(columns="created").sort_values(["model", "benchmark_id", "seed"]).reset_index(drop=True)


def _stop(row: pd.Series, complete: bool) -> str:
    """Why a sequence is incomplete ("" when complete): an error, a limit, or the turn cap."""
    if complete:
        return ""
    if isinstance(row.get("error"), str) and row["error"]:
        return "error"
    if isinstance(row.get("limit"), str) and row["limit"]:
        return f"{row['limit']} limit"
    if row.get("eval_status") not in (None, "success"):
        return f"eval {row['eval_status']}"
    return "turn cap"


def position_columns(frame: pd.DataFrame) -> list[str]:
    """The ``r1``..``rN`` columns of ``frame`` in task order."""
    return sorted((c for c in frame.columns if _POSITION.match(str(c))), key=lambda c: int(c[1:]))
