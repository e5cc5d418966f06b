"""Write every report artefact for a set of logs into one folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..envs import LatentGymError
from ..stats import N_BOOTSTRAP
from ._html import render_page
from ._leaderboard import Selection, coverage_text, display_table, leaderboard, leaderboard_scope, to_markdown
from ._load import LogSource, _as_paths, load_sequences
from ._plots import report_figures, save_figure


def write_report(
    logs: LogSource,
    out_dir: str | Path,
    by: Sequence[str] = (),
    selection: Selection = Selection(),
    handoff: pd.DataFrame | None = None,
    title: str = "LatentGym report",
    n_boot: int = N_BOOTSTRAP,
    all_configs: bool = False,
) -> dict[str, Path]:
    """Write ``report.html``, ``leaderboard.md``/``.csv``, ``coverage.csv``, ``sequences.csv``,
    ``adaptation.csv`` and ``plots/*.png|svg`` under ``out_dir``; returns name -> path.

    ``sequences.csv`` holds every selected sequence, ranked or not (column ``ranked``); the
    leaderboard, its coverage and the plots follow :func:`leaderboard_scope`.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise LatentGymError(f"report folder {out} is an existing file; give a folder (new or existing)")
    sources = _as_paths(logs)
    loaded = load_sequences(sources)
    scope = leaderboard_scope(loaded, selection, all_configs)
    board = leaderboard(loaded, by=by, n_boot=n_boot, scope=scope)
    adaptation = scope.shown_adaptation
    frame = selection.apply(loaded)
    figures = report_figures(scope.frame, handoff, n_boot)
    written = {
        "leaderboard.md": out / "leaderboard.md",
        "leaderboard.csv": out / "leaderboard.csv",
        "coverage.csv": out / "coverage.csv",
        "sequences.csv": out / "sequences.csv",
        "adaptation.csv": out / "adaptation.csv",
        "report.html": out / "report.html",
    }
    out.mkdir(parents=True, exist_ok=True)
    markdown = to_markdown(display_table(board, by)) + "\n" + coverage_text(scope, markdown=True)
    written["leaderboard.md"].write_text(markdown, encoding="utf-8")
    board.to_csv(written["leaderboard.csv"], index=False)
    scope.coverage.to_csv(written["coverage.csv"], index=False)
    frame.assign(ranked=frame.index.isin(scope.frame.index)).to_csv(written["sequences.csv"], index=False)
    adaptation.to_csv(written["adaptation.csv"], index=False)
    written["report.html"].write_text(
        render_page(frame, sources, board, adaptation, figures, title=title, by=by, n_boot=n_boot, scope=scope),
        encoding="utf-8",
    )
    for name, fig in figures.items():
        for path in save_figure(fig, out / "plots" / name):
            written[f"plots/{path.name}"] = path
    return written
