"""Read LatentGym Inspect logs into one pandas row per played sequence.

Everything goes through ``inspect_ai.analysis`` (``evals_df`` for the model and run, ``samples_df``
for the per-sequence score dict), so any log Inspect can read (``.eval``, ``.json``, remote
storage) works. A sequence is *complete* when its score says so; incomplete sequences keep
their row (with ``complete`` False) so reports can count them instead of averaging them in.

A log that cannot be read (a truncated ``.eval`` file, a half-written ``.json``) is skipped with a
:class:`~latentgym.config_errors.LatentGymWarning` naming it, so one bad file never hides the rest.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd
from inspect_ai.analysis import evals_df, samples_df
from inspect_ai.log import EvalLog, list_eval_logs, read_eval_log

from ..config_errors import LatentGymWarning
from ..envs import LatentGymError
from ..envs.errors import one_line

SCORER = "sequence_metrics"
"""Name of the LatentGym scorer whose ``Score.value`` dict holds the per-sequence metrics."""

CONFIG_COLUMNS = ("benchmark_id", "env", "latent", "latent_complexity", "prompt", "feedback", "num_episodes")
"""The axes of one task configuration, taken from the sample metadata."""

SEQUENCE_METRICS = ("cumulative", "gain", "final", "mean_reward", "success_rate", "episodes_completed")

TURN_METRICS = ("won_turns", "turn_gain")
"""Turn metrics of the scorer (mean turns of won tasks, early minus late); NaN in logs without them."""

UNFINISHED = "unfinished_evals"
"""Key of ``frame.attrs`` listing the evals that did not finish (see :func:`load_sequences`)."""

LogSource = str | PathLike[str] | Iterable[str | PathLike[str]]

_POSITION = re.compile(r"^r(\d+)$")
_TURNS = re.compile(r"^t(\d+)$")


def _as_paths(logs: LogSource) -> list[str]:
    if isinstance(logs, (str, PathLike)):
        return [str(logs)]
    return [str(p) for p in logs]


def _reason(exc: BaseException) -> str:
    message = one_line(exc)
    if len(message) > 200:
        message = message[:197] + "..."
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _skip(path: str, exc: BaseException) -> None:
    warnings.warn(LatentGymWarning(f"skipping unreadable log {path}: {_reason(exc)}"), stacklevel=3)


def _local(name: str) -> str:
    """A listed log's name as a plain path when it is a local file (Inspect lists ``file://`` URIs)."""
    return name.removeprefix("file://")


def is_url(path: str) -> bool:
    """Whether ``path`` names remote storage (``s3://bucket/logs``...) rather than a local path."""
    return "://" in path and not path.startswith("file://")


def _remote_kind(path: str) -> str | None:
    """Whether a remote location is a "dir", a "file" or absent (None), asked through fsspec (s3fs for ``s3://``)."""
    import fsspec

    try:
        fs, root = fsspec.core.url_to_fs(path)
        fs.invalidate_cache()
        if fs.isfile(root):
            return "file"
        return "dir" if fs.isdir(root) else None
    except ImportError as exc:
        raise LatentGymError(f"cannot read {path}: {exc} (for s3:// install s3fs)") from None
    except FileNotFoundError:
        return None


def missing_sources(paths: Iterable[str]) -> list[str]:
    """The ``paths`` (local or remote) that name nothing."""
    return [p for p in paths if (_remote_kind(p) is None if is_url(p) else not Path(_local(p)).exists())]


def is_folder(path: str) -> bool:
    """Whether ``path`` is a folder, local or remote (``s3://bucket/logs``)."""
    return _remote_kind(path) == "dir" if is_url(path) else Path(_local(path)).is_dir()


def folder_logs(folder: str) -> list[str]:
    """The log files in ``folder`` and below, as Inspect lists them."""
    return [_local(info.name) for info in list_eval_logs(folder, recursive=True)]


def log_files(logs: LogSource) -> list[str]:
    """The log files named by ``logs``: files as given, directories (local or remote, e.g.
    ``s3://bucket/logs``) expanded recursively by Inspect."""
    files: list[str] = []
    for path in _as_paths(logs):
        if is_folder(path):
            files.extend(folder_logs(path))
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def readable_headers(logs: LogSource, warn: bool = True) -> list[EvalLog]:
    """The headers of the log files of ``logs`` that Inspect can read; each other one is skipped, with
    (``warn``) a one-line :class:`~latentgym.config_errors.LatentGymWarning` naming it and why."""
    return read_headers(log_files(logs), warn)


def read_headers(files: Iterable[str], warn: bool = True) -> list[EvalLog]:
    """The headers of ``files`` (log files, not folders) that Inspect can read; see :func:`readable_headers`."""
    headers = []
    for path in files:
        try:
            headers.append(read_eval_log(path, header_only=True))
        except Exception as exc:  # noqa: BLE001 - any unreadable file is skipped, never fatal
            if warn:
                _skip(path, exc)
    return headers


def readable_logs(logs: LogSource) -> list[str]:
    """The log files of ``logs`` whose header Inspect can read; each other one is skipped with a
    one-line :class:`~latentgym.config_errors.LatentGymWarning` naming it and why."""
    return [header.location for header in readable_headers(logs)]


def read_samples(files: list[str], **kwargs: Any) -> pd.DataFrame:
    """``samples_df`` of ``files``; when some file's samples cannot be read, that file is skipped
    with a warning and the others are read."""
    try:
        return samples_df(files, quiet=True, **kwargs)
    except Exception:  # noqa: BLE001 - find the bad files one by one
        pass
    frames = []
    for path in files:
        try:
            frames.append(samples_df([path], quiet=True, **kwargs))
        except Exception as exc:  # noqa: BLE001
            _skip(path, exc)
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


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
    ``complete``, ``stop``, the :data:`SEQUENCE_METRICS` and :data:`TURN_METRICS`, ``r1``..``rN``
    and, where the scorer recorded them, the turns ``t1``..``tN``.
    When the same sequence was played more than once (a rerun into the same directory), the
    latest log of a finished eval wins (a finished eval over an unfinished one, then the latest).
    Unreadable logs are skipped with a warning; ``frame.attrs["unfinished_evals"]`` lists the
    readable evals whose status is not ``success`` (``log``, ``model``, ``eval_status``), including
    those that hold no sample yet.
    """
    paths = _as_paths(logs)
    missing = missing_sources(paths)
    if missing:
        raise LatentGymError(f"no such log file or directory: {', '.join(missing)}")
    found = log_files(paths)
    headers = read_headers(found)
    files = [header.location for header in headers]
    if not files:
        skipped = f" ({len(found)} unreadable, skipped)" if found else ""
        raise LatentGymError(f"no Inspect logs found in {', '.join(paths)}{skipped}")
    evals = evals_df(headers, quiet=True)
    samples = read_samples(files)
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
    for metric in (*SEQUENCE_METRICS, *TURN_METRICS, "complete"):
        if metric not in scores:
            scores[metric] = float("nan")
    positions = position_columns(scores)
    turns = turn_columns(scores)
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
            **{m: scores[m] for m in (*SEQUENCE_METRICS, *TURN_METRICS)},
            **{p: scores[p] for p in positions},
            **{t: scores[t] for t in turns},
        }
    )
    out["finished"] = out["eval_status"] == "success"
    out = out.sort_values(["finished", "created"], kind="stable")
    out = out.drop_duplicates(["model", "benchmark_id", "handoff_k", "sample"], keep="last")
    out = out.drop(columns=["created", "finished"]).sort_values(["model", "benchmark_id", "seed"])
    out = out.reset_index(drop=True)
    unfinished = evals[evals["status"] != "success"]
    out.attrs[UNFINISHED] = [
        {"log": str(log), "model": str(model), "eval_status": str(status)}
        for log, model, status in zip(unfinished["log"], unfinished["model"], unfinished["status"])
    ]
    return out


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


def turn_columns(frame: pd.DataFrame) -> list[str]:
    """The ``t1``..``tN`` columns of ``frame`` in task order (none in logs written before turns were scored)."""
    return sorted((c for c in frame.columns if _TURNS.match(str(c))), key=lambda c: int(c[1:]))
