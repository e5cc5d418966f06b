"""The report page: one self-contained HTML file (inline CSS, plots as data URIs, no scripts).

Sections: leaderboard, coverage (configurations and sequences per model, unfinished evals and
configurations left out of the ranking), incomplete sequences, adaptation per configuration,
plots, and a drill-down per configuration (every configuration run, ranked or not) that names the
log files and the ``inspect view`` command that opens their transcripts.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from ._adaptation import MIN_GAP_PER_GAME, shown_adaptation
from ._leaderboard import (
    FOOTNOTE,
    METRICS,
    Scope,
    Selection,
    cell,
    config_mean,
    coverage_table,
    display_table,
    leaderboard,
    leaderboard_scope,
)
from ._load import position_columns
from ._plots import data_uri, report_figures
from ..stats import N_BOOTSTRAP

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1400px; padding: 0 1rem; color: #222; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.6rem 0; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; white-space: nowrap; }
th { background: #f3f3f3; } tr:nth-child(even) td { background: #fafafa; }
.note { color: #555; font-size: 0.85rem; max-width: 70rem; }
code, pre { background: #f5f5f5; padding: 0.1rem 0.3rem; }
figure { display: inline-block; margin: 0.5rem 1rem 0.5rem 0; } img { max-width: 100%; }
details { margin: 0.3rem 0; } summary { cursor: pointer; font-family: monospace; }
.warn { color: #a33; } .scroll { overflow-x: auto; }
"""


def _table(frame: pd.DataFrame, css_id: str | None = None) -> str:
    table = frame.to_html(index=False, escape=True, na_rep="–", border=0, table_id=css_id)
    return f'<div class="scroll">{table}</div>'


def _figure(fig: Figure, caption: str) -> str:
    alt = html.escape(caption, quote=True)
    return f'<figure><img src="{data_uri(fig)}" alt="{alt}"><figcaption class="note">{alt}</figcaption></figure>'


def _view_command(logs: Sequence[str]) -> str:
    dirs = sorted({str(Path(p).parent) for p in logs})
    return "\n".join(f"inspect view --log-dir {d}" for d in dirs)


def _config_section(config: str, rows: pd.DataFrame, n_boot: int, ranked: bool = True) -> str:
    positions = [p for p in position_columns(rows) if rows[p].notna().any()]
    table = []
    for model, group in rows.groupby("model", sort=True):
        done = group[group["complete"]]
        line: dict[str, object] = {
            "Model": model,
            "Sequences": len(done),
            "Incomplete": int((~group["complete"]).sum()),
        }
        for metric in METRICS:
            est = config_mean(group, metric, n_boot)
            line[metric] = cell(est.mean, est.low, est.high)
        for p in positions:
            line[p] = f"{done[p].mean():.2f}" if len(done) else "–"
        unfinished = group[group["eval_status"] != "success"]
        if len(unfinished):
            line["Unfinished evals"] = f"{len(unfinished)} sequences left out"
        line["Log files"] = ", ".join(sorted({Path(p).name for p in group["log"]}))
        table.append(line)
    first = rows.iloc[0]
    left_out = "" if ranked else ", not ranked: not run by every model"
    summary = html.escape(
        f"{config}  ({first['latent_complexity']} latent, {rows['model'].nunique()} models{left_out})"
    )
    command = html.escape(_view_command(rows["log"].unique()))
    return (
        f"<details><summary>{summary}</summary>"
        f"{_table(pd.DataFrame(table))}"
        f'<p class="note">Transcripts: <code>{command}</code>, then open the log file named above.</p>'
        "</details>"
    )


def render_report(
    frame: pd.DataFrame,
    sources: Sequence[str],
    title: str = "LatentGym report",
    by: Sequence[str] = (),
    selection: Selection = Selection(),
    handoff: pd.DataFrame | None = None,
    n_boot: int = N_BOOTSTRAP,
    all_configs: bool = False,
) -> str:
    """The HTML page for the sequences in ``frame`` (read from ``sources``), after ``selection``."""
    scope = leaderboard_scope(frame, selection, all_configs)
    board = leaderboard(frame, by=by, n_boot=n_boot, scope=scope)
    adaptation = shown_adaptation(frame, selection)
    figures = report_figures(scope.frame, handoff, n_boot)
    return render_page(selection.apply(frame), sources, board, adaptation, figures, title=title, by=by,
                       n_boot=n_boot, scope=scope)


def _coverage_section(scope: Scope) -> list[str]:
    parts = ["<h2 id='coverage'>Coverage</h2>", _table(coverage_table(scope), "coverage-table")]
    parts.append(
        '<p class="note">Configurations and sequences per model in finished evals; sequences of unfinished '
        "evals are left out of every number on this page.</p>"
    )
    for note in scope.notes:
        parts.append(f'<p class="note warn">{html.escape(note)}</p>')
    if scope.unfinished:
        listed = pd.DataFrame(list(scope.unfinished))[["model", "eval_status", "log"]]
        parts.append(_table(listed.assign(log=listed["log"].map(lambda p: Path(p).name))))
    return parts


def render_page(
    frame: pd.DataFrame,
    sources: Sequence[str],
    board: pd.DataFrame,
    adaptation: pd.DataFrame,
    figures: dict[str, Figure],
    title: str = "LatentGym report",
    by: Sequence[str] = (),
    n_boot: int = N_BOOTSTRAP,
    scope: Scope | None = None,
) -> str:
    """The HTML page from parts already computed: ``frame`` holds every selected sequence, ``scope``
    (:func:`leaderboard_scope`) what the leaderboard ranks, with the leaderboard, the adaptation
    table and :func:`report_figures` (``write_report`` saves the same figures as files)."""
    scope = scope or leaderboard_scope(frame)
    shown = display_table(board, by)
    ranked = set(scope.configs)
    incomplete = frame[~frame["complete"]]
    parts = [
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="note">Generated {datetime.now(timezone.utc):%Y-%m-%d %H:%M UTC} from '
        f"{html.escape(', '.join(sources))}: {frame['model'].nunique()} models, "
        f"{frame['benchmark_id'].nunique()} configurations ({len(ranked)} ranked), "
        f"{int(frame['complete'].sum())} complete and {len(incomplete)} incomplete sequences. Transcripts: "
        f"<code>{html.escape(_view_command(frame['log'].unique()))}</code></p>",
        "<h2 id='leaderboard'>Leaderboard</h2>",
        _table(shown, "leaderboard-table"),
        f'<p class="note">{html.escape(FOOTNOTE)}</p>',
        *_coverage_section(scope),
    ]
    parts.append("<h2 id='incomplete'>Incomplete sequences</h2>")
    if incomplete.empty:
        parts.append('<p class="note">None: every sequence finished all its games.</p>')
    else:
        columns = ["model", "benchmark_id", "seed", "episodes_completed", "num_episodes", "stop", "eval_status", "log"]
        listed = incomplete[columns].copy()
        listed["log"] = listed["log"].map(lambda p: Path(p).name)
        parts.append('<p class="note warn">Excluded from every mean above; listed so they are never silently lost.</p>')
        parts.append(_table(listed))
    parts.append("<h2 id='adaptation'>Adaptation score per configuration</h2>")
    parts.append(
        '<p class="note">score = (R − R_memoryless) / (R_oracle − R_memoryless), R = mean cumulative reward '
        "on the sequences the model and both scripted references completed. No score when the gap is under "
        f"{MIN_GAP_PER_GAME} per game: the note says why.</p>"
    )
    parts.append(_table(adaptation.round(3)))
    parts.append("<h2 id='plots'>Plots</h2>")
    parts.append('<p class="note">Ranked sequences only (as the leaderboard).</p>')
    parts.append(_figure(figures["learning_curve"], "Learning curve: mean reward per task position, all configurations"))
    for axis in ("prompt", "feedback"):
        if scope.frame[axis].nunique() > 1:
            parts.append(_figure(figures[f"learning_curve_by_{axis}"], f"Learning curve per {axis}"))
    parts.append(_figure(figures["env_bars"], "Cumulative reward per env"))
    if "handoff_efficiency" in figures:
        parts.append(_figure(figures["handoff_efficiency"], "Hand-off efficiency against K"))
    parts.append("<h2 id='configurations'>Configurations</h2>")
    for config, rows in frame.groupby("benchmark_id", sort=True):
        parts.append(_config_section(str(config), rows, n_boot, ranked=str(config) in ranked))
    parts.append("</body></html>")
    return "\n".join(parts)
