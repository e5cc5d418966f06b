"""Two-agent hand-off studies: exploration and exploitation efficiency with paired bootstrap CIs.

``run_handoff`` plays the arms A→C, B→C, C→A and C→B at each hand-off point K through Inspect's
``eval_set`` and analyses the logs; ``analyse_logs`` does the analysis alone on existing logs. The
metric code (``_metrics``) is pure numpy/pandas; see docs/handoff.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from inspect_ai.log import EvalLog

from ..envs import LatentGymError
from ._logs import tail_table
from ._metrics import (
    DEFAULT_BOOTSTRAP,
    DEFAULT_BOOTSTRAP_SEED,
    DEFAULT_CONFIDENCE,
    DEFAULT_MIN_REFERENCE,
    METRICS,
    Agents,
    Comparison,
    Estimate,
    Interval,
    Metric,
    compare,
    comparisons_frame,
    efficiencies,
)
from ._report import markdown, write_report
from ._run import handoff_tasks, run_arms


@dataclass(frozen=True)
class Analysis:
    """Settings of the bootstrap and of the undefined-ratio rule."""

    resamples: int = DEFAULT_BOOTSTRAP
    confidence: float = DEFAULT_CONFIDENCE
    seed: int = DEFAULT_BOOTSTRAP_SEED
    min_reference: float = DEFAULT_MIN_REFERENCE


@dataclass(frozen=True)
class Study:
    """A finished analysis: the per-sequence tails, the comparisons and the files written."""

    agents: Agents
    tails: pd.DataFrame
    comparisons: list[Comparison]
    files: list[Path]
    success: bool = True

    def frame(self) -> pd.DataFrame:
        return comparisons_frame(self.comparisons)


def efficiency_frame(comparisons: pd.DataFrame) -> pd.DataFrame:
    """Comparison rows (``Study.frame()`` or the written CSV) in the columns the report page plots.

    Returns ``K, metric, value, ci_low, ci_high, label`` (efficiencies as fractions; undefined
    values stay NaN and are left out of the plot).
    """
    out = pd.DataFrame(
        {
            "K": comparisons["k"],
            "metric": comparisons["metric"],
            "value": comparisons["efficiency"],
            "ci_low": comparisons["efficiency_ci_low"],
            "ci_high": comparisons["efficiency_ci_high"],
            "label": comparisons["b"] + " vs " + comparisons["a"] + " (C=" + comparisons["c"] + ")",
        }
    )
    return out.dropna(subset=["value"]).reset_index(drop=True)


def _arm(pair: tuple[str, str]) -> str:
    return f"{pair[0]}→{pair[1]}"


def _check_coverage(tails: pd.DataFrame, agents: Agents, arms: list[tuple[str, str]], ks: Iterable[int] | None) -> None:
    """Fail with what the logs hold when an arm the study needs, or a requested K, is absent."""
    if tails.empty:
        raise LatentGymError("no hand-off samples (a task run with handoff_k) were found in the logs")
    found = sorted(set(zip(tails["explorer"], tails["exploiter"])))
    absent = [arm for arm in arms if arm not in found]
    if absent:
        named = {agents.a: "A", agents.b: "B", agents.c: "C"}
        agents_found = sorted(set(tails["explorer"]) | set(tails["exploiter"]))
        lacking = sorted({m for arm in absent for m in arm if m not in agents_found})
        who = f"; no run involves {', '.join(f'{named[m]} = {m}' for m in lacking)}" if lacking else ""
        raise LatentGymError(
            f"the logs hold no hand-off runs of arm(s) {', '.join(_arm(a) for a in absent)}{who}; "
            f"arms found: {', '.join(_arm(a) for a in found)}; agents found: {', '.join(agents_found)}"
        )
    if ks is not None:
        have = sorted(set(int(k) for k in tails["k"]))
        wanted = sorted(set(ks) - set(have))
        if wanted:
            raise LatentGymError(
                f"no hand-off runs at K = {', '.join(map(str, wanted))}; K found: {', '.join(map(str, have))}"
            )


def analyse_logs(
    logs: str | Path | Sequence[str | Path] | Sequence[EvalLog],
    agents: Agents,
    *,
    ks: Iterable[int] | None = None,
    metrics: Iterable[Metric] = METRICS,
    analysis: Analysis = Analysis(),
    out_dir: str | Path | None = None,
    success: bool = True,
) -> Study:
    """Compute both efficiencies from hand-off logs (files, folders or EvalLogs); optionally write the report.

    When every run finished (``success``), an arm the metrics need that the logs do not hold at all,
    or a requested K that no arm was played at, is an error naming what the logs do hold.
    """
    metrics = tuple(metrics)
    tails = tail_table(logs)
    arms = agents.runs(metrics)
    if success:
        _check_coverage(tails, agents, arms, ks)
    keep = pd.Series(
        [(x, y) in arms for x, y in zip(tails["explorer"], tails["exploiter"])], index=tails.index, dtype=bool
    )
    tails = tails[keep]
    if ks is not None:
        tails = tails[tails["k"].isin(list(ks))]
    tails = tails.reset_index(drop=True)
    comparisons = efficiencies(
        tails,
        agents,
        metrics=metrics,
        resamples=analysis.resamples,
        confidence=analysis.confidence,
        seed=analysis.seed,
        min_reference=analysis.min_reference,
    )
    files = (
        write_report(comparisons, agents, out_dir, confidence=analysis.confidence) if out_dir and comparisons else []
    )
    return Study(agents, tails, comparisons, files, success)


def run_handoff(
    task: str,
    agents: Agents,
    ks: Sequence[int],
    log_dir: str | Path,
    *,
    task_args: dict[str, Any] | None = None,
    metrics: Iterable[Metric] = METRICS,
    handoff_marker: str | None = None,
    analysis: Analysis = Analysis(),
    out_dir: str | Path | None = None,
    **eval_set_args: Any,
) -> Study:
    """Run (or resume) the study's arms with ``eval_set`` in ``log_dir``, then analyse their logs.

    Every arm uses the same task arguments (hence the same seeds and sequences); only the model roles
    and K differ. Extra keyword arguments go to ``eval_set`` (``max_tasks``, ``message_limit``, ...).
    """
    metrics = tuple(metrics)
    result = run_arms(
        task, agents, ks, log_dir, task_args=task_args, metrics=metrics, handoff_marker=handoff_marker, **eval_set_args
    )
    locations = [log.location for log in result.logs]
    return analyse_logs(
        locations, agents, ks=ks, metrics=metrics, analysis=analysis, out_dir=out_dir, success=result.success
    )


__all__ = [
    "efficiency_frame",
    "Agents",
    "Analysis",
    "Comparison",
    "Estimate",
    "Interval",
    "METRICS",
    "Study",
    "analyse_logs",
    "compare",
    "efficiencies",
    "handoff_tasks",
    "markdown",
    "run_handoff",
    "tail_table",
    "write_report",
]
