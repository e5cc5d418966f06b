"""Matplotlib figures for reports: learning curves (reward, and turns of won tasks), per-env bars
and hand-off efficiency.

Figures are built with ``matplotlib.figure.Figure`` (no pyplot global state), so they render in
threads and headless processes alike. Bands and error bars are the same stratified 95%
bootstrap as the leaderboard.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..envs import SUCCESS_THRESHOLD, LatentGymError
from ..stats import CONFIDENCE, N_BOOTSTRAP
from ._leaderboard import config_mean
from ._load import position_columns, turn_columns

FORMATS = ("png", "svg")
HANDOFF_COLUMNS = ("K", "metric", "value", "ci_low", "ci_high")
"""Columns :func:`handoff_efficiency` needs; an optional ``label`` column splits the lines further."""

_BAND = f"{int(CONFIDENCE * 100)}% CI"


def won_turns_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each ``t_i`` replaced by NaN where task i was not won (``r_i`` under
    :data:`~latentgym.envs.SUCCESS_THRESHOLD`): a lost task's turns are the cap, not efficiency."""
    out = frame.copy()
    for column in turn_columns(frame):
        reward = f"r{column[1:]}"
        if reward in out:
            out[column] = out[column].where(out[reward] >= SUCCESS_THRESHOLD)
    return out


def _curve(frame: pd.DataFrame, n_boot: int, turns: bool = False) -> pd.DataFrame:
    """Per-position mean and interval over complete sequences, pooled as a mean of config means."""
    rows = []
    done = frame[frame["complete"]]
    columns = turn_columns(done) if turns else position_columns(done)
    source = won_turns_frame(frame) if turns else frame
    for column in columns:
        est = config_mean(source, column, n_boot)
        if est.n:
            rows.append({"position": int(column[1:]), "mean": est.mean, "low": est.low, "high": est.high})
    return pd.DataFrame(rows, columns=["position", "mean", "low", "high"])


def learning_curves(
    frame: pd.DataFrame,
    facet: str | None = None,
    hue: str = "model",
    n_boot: int = N_BOOTSTRAP,
    turns: bool = False,
) -> Figure:
    """Mean reward (or, with ``turns``, mean turns of the won tasks) at task position 1..N, one
    line (with its band) per ``hue`` value.

    Args:
        frame: Sequences from :func:`load_sequences`.
        facet: Optional axis (``prompt``, ``feedback``, ``env``...) giving one panel per value.
        hue: Column naming the lines.
        n_boot: Bootstrap resamples per point.
        turns: Plot ``t1``..``tN`` over won tasks instead of ``r1``..``rN`` (lower is better).
    """
    panels = [(None, frame)] if facet is None else list(frame.groupby(facet, sort=True))
    fig = Figure(figsize=(5.2 * len(panels), 3.8), layout="constrained")
    axes = fig.subplots(1, len(panels), squeeze=False, sharey=True)[0]
    for ax, (value, panel) in zip(axes, panels):
        for name, rows in panel.groupby(hue, sort=True):
            curve = _curve(rows, n_boot, turns)
            if curve.empty:
                continue
            (line,) = ax.plot(curve["position"], curve["mean"], marker="o", markersize=3, label=str(name))
            ax.fill_between(curve["position"], curve["low"], curve["high"], color=line.get_color(), alpha=0.2)
        ax.set_xlabel("task position in the sequence")
        default = "turns of won tasks" if turns else "learning curve"
        ax.set_title(f"{facet} = {value}" if facet else default)
        ax.grid(alpha=0.3)
        ax.xaxis.get_major_locator().set_params(integer=True)
    axes[0].set_ylabel(f"mean turns per won task ({_BAND})" if turns else f"mean reward per task ({_BAND})")
    if any(ax.lines for ax in axes):
        axes[-1].legend(fontsize="small", loc="best")
    return fig


def env_bars(frame: pd.DataFrame, metric: str = "cumulative", n_boot: int = N_BOOTSTRAP) -> Figure:
    """Grouped bars: ``metric`` per env, one bar per model, with 95% intervals."""
    envs = sorted(frame["env"].unique())
    models = sorted(frame["model"].unique())
    fig = Figure(figsize=(max(5.0, 1.2 * len(envs) * max(1, len(models)) * 0.5 + 2), 3.8), layout="constrained")
    ax = fig.subplots()
    width = 0.8 / max(1, len(models))
    for j, model in enumerate(models):
        means: list[float] = []
        errs: list[list[float]] = [[], []]
        for env in envs:
            est = config_mean(frame[(frame["model"] == model) & (frame["env"] == env)], metric, n_boot)
            means.append(est.mean)
            errs[0].append(est.mean - est.low if est.n else 0.0)
            errs[1].append(est.high - est.mean if est.n else 0.0)
        x = np.arange(len(envs)) + (j - (len(models) - 1) / 2) * width
        ax.bar(x, means, width, yerr=np.array(errs), capsize=3, label=model)
    ax.set_xticks(np.arange(len(envs)), envs, rotation=20, ha="right")
    ax.set_ylabel(f"{metric} ({_BAND})")
    ax.set_title(f"{metric} per env")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize="small")
    return fig


def handoff_efficiency(frame: pd.DataFrame, title: str = "hand-off efficiency") -> Figure:
    """Efficiency metrics against the hand-off point K, with their intervals.

    ``frame`` has the :data:`HANDOFF_COLUMNS` (one row per K and metric, e.g. ExplorationEff and
    ExploitationEff); with a ``label`` column (e.g. the reference agent C) each label gets its
    own line per metric.
    """
    missing = [c for c in HANDOFF_COLUMNS if c not in frame.columns]
    if missing:
        raise LatentGymError(f"hand-off frame lacks columns {missing}; it needs {list(HANDOFF_COLUMNS)}")
    fig = Figure(figsize=(5.5, 3.8), layout="constrained")
    ax = fig.subplots()
    keys = ["metric", "label"] if "label" in frame.columns else ["metric"]
    for key, rows in frame.sort_values("K").groupby(keys, sort=True):
        name = " / ".join(str(k) for k in (key if isinstance(key, tuple) else (key,)))
        (line,) = ax.plot(rows["K"], rows["value"], marker="o", label=name)
        ax.fill_between(rows["K"], rows["ci_low"], rows["ci_high"], color=line.get_color(), alpha=0.2)
    ax.axhline(0.0, color="grey", linewidth=0.8)
    ax.set_xlabel("hand-off point K (games played before the switch)")
    ax.set_ylabel("efficiency")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    return fig


def report_figures(
    frame: pd.DataFrame, handoff: pd.DataFrame | None = None, n_boot: int = N_BOOTSTRAP
) -> dict[str, Figure]:
    """The report's figures by file stem: learning curves (all, per prompt, per feedback), the
    turns-of-won-tasks curve (when the logs hold turns), the per-env bars and, with hand-off
    results, the efficiency plot."""
    figures = {"learning_curve": learning_curves(frame, n_boot=n_boot), "env_bars": env_bars(frame, n_boot=n_boot)}
    if turn_columns(frame):
        figures["turns_curve"] = learning_curves(frame, n_boot=n_boot, turns=True)
    for axis in ("prompt", "feedback"):
        figures[f"learning_curve_by_{axis}"] = learning_curves(frame, facet=axis, n_boot=n_boot)
    if handoff is not None and not handoff.empty:
        figures["handoff_efficiency"] = handoff_efficiency(handoff)
    return figures


def save_figure(fig: Figure, stem: str | Path, formats: Sequence[str] = FORMATS) -> list[Path]:
    """Write ``stem.png`` and ``stem.svg`` (by default); returns the paths."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = stem.with_suffix(f".{fmt}")
        fig.savefig(path, format=fmt, dpi=120)
        paths.append(path)
    return paths


def data_uri(fig: Figure, fmt: str = "svg") -> str:
    """The figure as a ``data:`` URI, for a self-contained HTML page."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=110)
    mime = "image/svg+xml" if fmt == "svg" else f"image/{fmt}"
    return f"data:{mime};base64,{base64.b64encode(buffer.getvalue()).decode('ascii')}"
