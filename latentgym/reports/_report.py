"""Write every report artefact for a set of logs into one folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ._adaptation import shown_adaptation
from ._html import render_page
from ._leaderboard import Selection, display_table, leaderboard, to_markdown
from ._load import LogSource, _as_paths, load_sequences
from ._plots import report_figures, save_figure
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
    adaptation = shown_adaptation(loaded, selection)
    frame = selection.apply(loaded)
    figures = report_figures(frame, handoff, n_boot)
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
        render_page(frame, sources, board, adaptation, figures, title=title, by=by, n_boot=n_boot),
        encoding="utf-8",
    )
    for name, fig in figures.items():
        for path in save_figure(fig, out / "plots" / name):
            written[f"plots/{path.name}"] = path
    return written
