"""Read hand-off runs from Inspect logs into a tail table (one row per played sequence).

Each sample is keyed by (task definition, K, explorer, exploiter, seed). The explorer and exploiter are
the log's ``explorer``/``exploiter`` model roles (the main model where a role is unset, as the solver
does); the per-game ``episode_models`` in the score metadata record the same assignment game by game.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from inspect_ai.analysis import EvalColumn, SampleColumn, samples_df
from inspect_ai.log import EvalLog

from ..envs import LatentGymError
from ..reports._load import SCORER, _role_model, missing_sources, read_samples, readable_logs
from ..solvers.multi_episode import EXPLOITER_ROLE, EXPLORER_ROLE
from ._metrics import TAIL_COLUMNS

_COLUMNS = [
    EvalColumn("created", path="eval.created", required=True),
    EvalColumn("model", path="eval.model", required=True),
    EvalColumn("model_roles", path="eval.model_roles"),
    SampleColumn("benchmark_id", path="metadata.benchmark_id"),
    SampleColumn("preset", path="metadata.preset"),
    SampleColumn("rules", path="metadata.rules"),
    SampleColumn("max_total_turns", path="metadata.max_total_turns"),
    SampleColumn("seed", path="metadata.seed"),
    SampleColumn("k", path="metadata.handoff_k"),
    SampleColumn("score", path=f"scores.{SCORER}.value"),
]


def _json(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return json.loads(value) if isinstance(value, str) else value


def _tail(score: Any) -> float:
    value = _json(score) or {}
    tail = value.get("tail")
    return math.nan if tail is None else float(tail)


def _label(row: pd.Series) -> str:
    return row["benchmark_id"] if row["preset"] == "default" else f"{row['benchmark_id']} ({row['preset']})"


def tail_table(logs: str | Path | Sequence[str | Path] | Sequence[EvalLog]) -> pd.DataFrame:
    """The tail table of every hand-off sample in ``logs`` (log files, folders or EvalLogs).

    Samples without a hand-off (``handoff_k`` unset) are skipped. Where the same key appears in several
    logs (an eval re-run into the same folder), the most recently created log wins. Runs that share a
    benchmark id but differ in rules are labelled with their rules so they are never pooled. An
    unreadable log file is skipped with a one-line warning naming it.
    """
    if isinstance(logs, (str, Path)):
        logs = [logs]
    objects = [log for log in logs if isinstance(log, EvalLog)]
    paths = [str(log) for log in logs if not isinstance(log, EvalLog)]
    missing = missing_sources(paths)  # local paths or remote locations (s3://...)
    if missing:
        raise LatentGymError(f"no such log file or directory: {', '.join(missing)}")
    frames = []
    if objects:
        frames.append(samples_df(objects, columns=_COLUMNS, quiet=True))
    files = readable_logs(paths) if paths else []
    if files:
        frames.append(read_samples(files, columns=_COLUMNS))
    frames = [f for f in frames if not f.empty]
    df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if df.empty or "k" not in df:
        return pd.DataFrame(columns=list(TAIL_COLUMNS))
    df = df[df["k"].notna() & df["score"].notna()].copy()
    if df.empty:
        return pd.DataFrame(columns=list(TAIL_COLUMNS))
    df["explorer"] = [_role_model(r, EXPLORER_ROLE, m) for r, m in zip(df["model_roles"], df["model"])]
    df["exploiter"] = [_role_model(r, EXPLOITER_ROLE, m) for r, m in zip(df["model_roles"], df["model"])]
    df["tail"] = [_tail(s) for s in df["score"]]
    df["rules_key"] = [
        json.dumps(_json(r), sort_keys=True) + f"|{t}" for r, t in zip(df["rules"], df["max_total_turns"])
    ]
    df["definition"] = df.apply(_label, axis=1)
    variants = df.groupby("definition")["rules_key"].nunique()
    clash = df["definition"].isin(variants[variants > 1].index)
    df.loc[clash, "definition"] = df.loc[clash, "definition"] + " " + df.loc[clash, "rules_key"]
    df["k"] = df["k"].astype(int)
    df["seed"] = df["seed"].astype(int)
    df = df.sort_values("created").drop_duplicates(["definition", "k", "explorer", "exploiter", "seed"], keep="last")
    return (
        df[list(TAIL_COLUMNS)].sort_values(["definition", "k", "explorer", "exploiter", "seed"]).reset_index(drop=True)
    )
