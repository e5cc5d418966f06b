"""Write a hand-off study as a Markdown table, a CSV and a plot of both metrics against K."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import matplotlib
import pandas as pd

from ._metrics import DEFAULT_CONFIDENCE, METRICS, Agents, Comparison, comparisons_frame

FORMULAS = {
    "exploration": "(T[B→C] − T[A→C]) / T[A→C]",
    "exploitation": "(T[C→B] − T[C→A]) / T[C→A]",
}


def _num(x: float, digits: int = 3, signed: bool = False) -> str:
    return "—" if math.isnan(x) else f"{x:+.{digits}f}" if signed else f"{x:.{digits}f}"


def _pct(x: float) -> str:
    return f"{x * 100:+.1f}%"


def _with_ci(value: float, low: float, high: float, fmt) -> str:
    if math.isnan(low) or math.isnan(high):
        return fmt(value)
    return f"{fmt(value)} [{fmt(low)}, {fmt(high)}]"


def _efficiency_cell(c: Comparison) -> str:
    e = c.estimate
    if math.isnan(e.efficiency):
        return e.note.split("; ")[0]
    cell = _with_ci(e.efficiency, e.efficiency_ci.low, e.efficiency_ci.high, _pct)
    return f"{cell} ({e.note})" if e.note else cell


def markdown(comparisons: Sequence[Comparison], agents: Agents, confidence: float = DEFAULT_CONFIDENCE) -> str:
    """A Markdown report: the agents, the formulas, then one table row per (definition, K, metric)."""
    level = f"{confidence:.0%}"
    lines = [
        f"A = `{agents.a}`, B = `{agents.b}`, reference C = `{agents.c}`. T = tail reward r(K+1) + … + r(N), "
        "averaged over the sequences both arms completed (ratio of means).",
        "",
        *(f"- {m.capitalize()}Eff(B vs A) = {FORMULAS[m]}" for m in METRICS if any(c.metric == m for c in comparisons)),
        "",
        f"| definition | K | metric | n | T1 (reference arm) | T2 (B's arm) | T2 − T1 [{level} CI] | "
        f"efficiency [{level} CI] |",
        "|---|---:|---|---:|---:|---:|---|---|",
    ]
    for c in comparisons:
        e = c.estimate
        diff = _with_ci(e.difference, e.difference_ci.low, e.difference_ci.high, lambda x: _num(x, signed=True))
        lines.append(
            f"| {c.definition} | {c.k} | {c.metric} | {e.n_pairs} | {_num(e.reference_tail)} | "
            f"{_num(e.compared_tail)} | {diff} | {_efficiency_cell(c)} |"
        )
    return "\n".join(lines) + "\n"


def plot(frame: pd.DataFrame, path_stem: Path, confidence: float = DEFAULT_CONFIDENCE) -> list[Path]:
    """Both efficiencies (left) and tail differences (right) against K, one row per definition.

    Undefined efficiencies are left out of the left panel (the right panel is always defined).
    """
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    definitions = list(dict.fromkeys(frame["definition"]))
    fig, axes = plt.subplots(len(definitions), 2, figsize=(10, 3.6 * len(definitions)), squeeze=False)
    for row, definition in enumerate(definitions):
        part = frame[frame["definition"] == definition]
        for col, (key, label) in enumerate([("efficiency", "efficiency (%)"), ("difference", "T2 − T1")]):
            ax = axes[row][col]
            scale = 100 if key == "efficiency" else 1
            for metric, marker in (("exploration", "o"), ("exploitation", "s")):
                m = part[(part["metric"] == metric) & part[key].notna()].sort_values("k")
                if m.empty:
                    continue
                y = m[key] * scale
                low = (m[key] - m[f"{key}_ci_low"]).fillna(0).clip(lower=0) * scale
                high = (m[f"{key}_ci_high"] - m[key]).fillna(0).clip(lower=0) * scale
                ax.errorbar(m["k"], y, yerr=[low, high], marker=marker, capsize=3, label=metric)
            ax.axhline(0, color="grey", linewidth=0.8)
            ax.set_xlabel("hand-off point K")
            ax.set_ylabel(label)
            ax.set_xticks(sorted(part["k"].unique()))
            ax.set_title(f"{definition}\n{label}, {confidence:.0%} CI", fontsize=9)
            ax.legend(fontsize=8)
    fig.tight_layout()
    paths = [path_stem.with_suffix(".png"), path_stem.with_suffix(".svg")]
    for path in paths:
        fig.savefig(path, dpi=120)
    plt.close(fig)
    return paths


def write_report(
    comparisons: Sequence[Comparison],
    agents: Agents,
    out_dir: str | Path,
    stem: str = "handoff",
    confidence: float = DEFAULT_CONFIDENCE,
) -> list[Path]:
    """Write ``<stem>.md``, ``<stem>.csv`` (NaN for undefined values, reason in ``note``), ``.png``, ``.svg``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    md, csv = out / f"{stem}.md", out / f"{stem}.csv"
    md.write_text(markdown(comparisons, agents, confidence))
    frame = comparisons_frame(comparisons)
    frame.to_csv(csv, index=False, na_rep="NaN")
    return [md, csv, *plot(frame, out / stem, confidence)]
