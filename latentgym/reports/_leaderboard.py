"""Leaderboards: one row per model (optionally per model and axis value), with 95% intervals.

Every aggregate is the unweighted mean over configurations of the per-configuration mean over
*complete* sequences; incomplete sequences are counted in their own column and never
averaged in. Models are ranked by mean reward per game, the original's primary metric. Gain is
the absolute r_N − r_1, not the site's Gain%.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

import pandas as pd

from ..envs import LatentGymError
from ..envs.errors import unknown
from ._adaptation import REFERENCES, adaptation_by_config, adaptation_estimate
from ._stats import CONFIDENCE, N_BOOTSTRAP, Estimate, stratified_mean

METRICS = ("mean_reward", "cumulative", "gain", "final")
"""Leaderboard metrics, in column order; the first one ranks the models."""

METRIC_LABELS = {
    "mean_reward": "Mean reward",
    "cumulative": "Cumulative",
    "gain": "Gain r_N−r_1",
    "final": "Final r_N",
    "adaptation": "Adaptation",
}
GROUP_AXES = ("env", "latent", "latent_complexity", "prompt", "feedback", "num_episodes")
PER_ENV_METRIC = "cumulative"


@dataclass(frozen=True, slots=True)
class Selection:
    """Filters on the task axes; an empty tuple keeps every value."""

    model: tuple[str, ...] = ()
    env: tuple[str, ...] = ()
    latent: tuple[str, ...] = ()
    prompt: tuple[str, ...] = ()
    feedback: tuple[str, ...] = ()
    num_episodes: tuple[int, ...] = ()

    def apply(self, frame: pd.DataFrame, models: bool = True) -> pd.DataFrame:
        """Rows of ``frame`` that pass every filter; a value absent from the logs is an error.

        With ``models=False`` the model filter is skipped: the adaptation score needs the
        reference agents' rows even when the table shows other models only.
        """
        keep = pd.Series(True, index=frame.index)
        for field in fields(self):
            wanted = getattr(self, field.name)
            if not wanted or (field.name == "model" and not models):
                continue
            present = set(frame[field.name].unique())
            missing = [w for w in wanted if w not in present]
            if missing:
                raise unknown(f"{field.name} filter", missing[0], sorted(present, key=str))
            keep &= frame[field.name].isin(wanted)
        return frame[keep]


def config_mean(frame: pd.DataFrame, metric: str, n_boot: int = N_BOOTSTRAP) -> Estimate:
    """Mean of ``metric`` over complete sequences, as a mean of per-configuration means."""
    done = frame[frame["complete"]]
    groups = [g[metric].to_numpy() for _, g in done.groupby("benchmark_id", sort=True)]
    return stratified_mean(groups, n_boot=n_boot)


def _put(row: dict[str, object], name: str, est: Estimate) -> None:
    row[name], row[f"{name}_low"], row[f"{name}_high"], row[f"{name}_n"] = est.mean, est.low, est.high, est.n


def leaderboard(
    frame: pd.DataFrame,
    by: Sequence[str] = (),
    selection: Selection = Selection(),
    n_boot: int = N_BOOTSTRAP,
) -> pd.DataFrame:
    """The leaderboard of the sequences in ``frame`` (from :func:`load_sequences`).

    Args:
        frame: One row per sequence.
        by: Axes to split each model's row by (any of :data:`GROUP_AXES`).
        selection: Filters applied first.
        n_boot: Bootstrap resamples per interval.

    Returns:
        Numeric columns: ``model``, the ``by`` axes, ``configs``, ``sequences`` (complete),
        ``incomplete``; for each of :data:`METRICS` and ``adaptation`` the mean and its
        ``_low``/``_high``/``_n``; and for each env the per-env cumulative reward, same suffixes.
    """
    for axis in by:
        if axis not in GROUP_AXES:
            raise unknown("leaderboard grouping", axis, GROUP_AXES)
    references = selection.apply(frame, models=False)
    frame = selection.apply(frame)
    if frame.empty:
        raise LatentGymError("no sequences left after filtering")
    envs = sorted(frame["env"].unique())
    # One per-configuration adaptation table for every row (each row keeps its own model).
    adaptation = adaptation_by_config(references[references["model"].isin([*frame["model"].unique(), *REFERENCES])])
    rows = []
    keys = ["model", *by]
    for key, group in frame.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        row: dict[str, object] = dict(zip(keys, key))
        row["configs"] = group["benchmark_id"].nunique()
        row["sequences"] = int(group["complete"].sum())
        row["incomplete"] = int((~group["complete"]).sum())
        for metric in METRICS:
            _put(row, metric, config_mean(group, metric, n_boot))
        configs = sorted(group["benchmark_id"].unique())
        _put(row, "adaptation", adaptation_estimate(references, str(row["model"]), configs, adaptation))
        for env in envs:
            _put(row, env, config_mean(group[group["env"] == env], PER_ENV_METRIC, n_boot))
        rows.append(row)
    board = pd.DataFrame(rows)
    order = [*by, METRICS[0]] if by else [METRICS[0]]
    ascending = [True] * len(by) + [False]
    return board.sort_values(order, ascending=ascending, kind="stable").reset_index(drop=True)


def env_columns(board: pd.DataFrame) -> list[str]:
    """The per-env columns of a leaderboard, in order."""
    fixed = {"model", *GROUP_AXES, "configs", "sequences", "incomplete", *METRICS, "adaptation"}
    return [c for c in board.columns if c not in fixed and f"{c}_low" in board.columns]


def cell(mean: float, low: float, high: float, digits: int = 2) -> str:
    """``mean [low, high]``, or ``–`` when undefined."""
    if pd.isna(mean):
        return "–"
    if pd.isna(low):
        return f"{mean:.{digits}f}"
    return f"{mean:.{digits}f} [{low:.{digits}f}, {high:.{digits}f}]"


def display_table(board: pd.DataFrame, by: Iterable[str] = ()) -> pd.DataFrame:
    """The leaderboard as strings with readable headers, for Markdown, terminal and HTML."""
    out = pd.DataFrame(index=board.index)
    out["#"] = range(1, len(board) + 1)
    out["Model"] = board["model"]
    for axis in by:
        out[axis] = board[axis].astype(str)
    out["Configs"] = board["configs"]
    out["Sequences"] = board["sequences"]
    out["Incomplete"] = board["incomplete"]
    for metric in (*METRICS, "adaptation"):
        out[METRIC_LABELS[metric]] = [
            cell(m, lo, hi) for m, lo, hi in zip(board[metric], board[f"{metric}_low"], board[f"{metric}_high"])
        ]
    for env in env_columns(board):
        out[f"{env} (Cum)"] = [
            cell(m, lo, hi) + (f" n={n}" if n else "")
            for m, lo, hi, n in zip(board[env], board[f"{env}_low"], board[f"{env}_high"], board[f"{env}_n"])
        ]
    return out


FOOTNOTE = (
    f"Values: mean over configurations of the per-configuration mean over complete sequences, "
    f"with a {int(CONFIDENCE * 100)}% stratified bootstrap interval over sequences in brackets. "
    "Incomplete sequences (stopped before N games) are counted apart and excluded from every mean. "
    "Gain is r_N − r_1. Adaptation = (R − R_memoryless) / (R_oracle − R_memoryless) on the same "
    "sequences, averaged over configurations where the reference gap is meaningful."
)


def to_markdown(table: pd.DataFrame, footnote: str = FOOTNOTE) -> str:
    """A GitHub-flavoured Markdown table (numeric-looking columns right-aligned)."""
    header = [str(c) for c in table.columns]
    lines = ["| " + " | ".join(header) + " |"]
    align = ["---:" if pd.api.types.is_numeric_dtype(table[c]) else "---" for c in table.columns]
    lines.append("| " + " | ".join(align) + " |")
    for _, row in table.iterrows():
        lines.append("| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |")
    return "\n".join(lines) + (f"\n\n{footnote}\n" if footnote else "\n")


def to_terminal(table: pd.DataFrame) -> str:
    """A plain aligned text table."""
    return table.to_string(index=False)
