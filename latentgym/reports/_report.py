"""Write every report artefact for a set of logs into one folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ._adaptation import adaptation_by_config
from ._html import render_report
from ._leaderboard import Selection, display_table, leaderboard, to_markdown
from ._load import LogSource, _as_paths, load_sequences
from ._plots import env_bars, handoff_efficiency, learning_curves, save_figure
from ._stats import N_BOOTSTRAP


def write_report(
    logs: LogSource,
    out_dir: str | Path,
    by: Sequence[str] = (),
    selection: Selection = Selection(),
    handoff: pd.DataFrame | None = None,
    title: str = "LatentGym report",
    n_boot: int = N_BOOTSTRAP,
) -> dict[str, Path]:
    """Write ``report.html``, ``leaderboard.md``/``.csv``, ``sequences.csv``, ``adaptation.csv``
    and ``plots/*.png|svg`` under ``out_dir``; returns name -> path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sources = _as_paths(logs)
    loaded = load_sequences(sources)
    board = leaderboard(loaded, by=by, selection=selection, n_boot=n_boot)
    frame = selection.apply(loaded)
    adaptation = adaptation_by_config(selection.apply(loaded, models=False))
    adaptation = adaptation[adaptation["model"].isin(frame["model"].unique())]
    written = {
        "leaderboard.md": out / "leaderboard.md",
        "leaderboard.csv": out / "leaderboard.csv",
        "sequences.csv": out / "sequences.csv",
        "adaptation.csv": out / "adaptation.csv",
        "report.html": out / "report.html",
    }
    written["leaderboard.md"].write_text(to_markdown(display_table(board, by)), encoding="utf-8")
    board.to_csv(written["leaderboard.csv"], index=False)
    frame.to_csv(written["sequences.csv"], index=False)
    adaptation.to_csv(written["adaptation.csv"], index=False)
    written["report.html"].write_text(
        render_report(loaded, sources, title=title, by=by, selection=selection, handoff=handoff, n_boot=n_boot),
        encoding="utf-8",
    )
    figures = {"learning_curve": learning_curves(frame, n_boot=n_boot), "env_bars": env_bars(frame, n_boot=n_boot)}
    for axis in ("prompt", "feedback"):
        figures[f"learning_curve_by_{axis}"] = learning_curves(frame, facet=axis, n_boot=n_boot)
    if handoff is not None and not handoff.empty:
        figures["handoff_efficiency"] = handoff_efficiency(handoff)
    for name, fig in figures.items():
        for path in save_figure(fig, out / "plots" / name):
            written[f"plots/{path.name}"] = path
    return written
