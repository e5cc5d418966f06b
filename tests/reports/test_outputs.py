"""Plots, the HTML page (rendered in headless Chromium), the CLI and the statistics helpers."""

import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest
from matplotlib.image import imread

from latentgym.cli import main
from latentgym.envs import LatentGymError
from latentgym.reports import (
    HANDOFF_COLUMNS,
    handoff_efficiency,
    learning_curves,
    load_sequences,
    save_figure,
    stratified_mean,
    write_report,
)

from .conftest import AGENTS


def test_stratified_mean_is_mean_of_config_means_and_deterministic():
    groups = [np.array([1.0, 2.0, 3.0]), np.array([10.0]), np.array([np.nan, 4.0, 6.0])]
    first, second = stratified_mean(groups, n_boot=300), stratified_mean(groups, n_boot=300)
    assert first.mean == pytest.approx((2.0 + 10.0 + 5.0) / 3)
    assert first == second and first.n == 6
    assert first.low < first.mean < first.high
    constant = stratified_mean([np.full(5, 0.5)], n_boot=100)
    assert constant.low == constant.high == constant.mean == 0.5
    assert stratified_mean([np.array([])]).n == 0


def test_plots_write_png_and_svg(scripted_logs, tmp_path):
    frame = load_sequences(scripted_logs)
    fig = learning_curves(frame, facet="prompt", n_boot=100)
    assert len(fig.axes) == 2
    paths = save_figure(fig, tmp_path / "curve")
    assert [p.suffix for p in paths] == [".png", ".svg"]
    assert imread(paths[0]).std() > 0.01
    assert "<svg" in paths[1].read_text()


def test_handoff_plot_takes_a_k_frame(tmp_path):
    rows = [
        {"K": k, "metric": m, "value": v, "ci_low": v - 0.05, "ci_high": v + 0.05, "label": "C=CT"}
        for k in (2, 4, 6, 8)
        for m, v in (("ExplorationEff", 0.01 * k), ("ExploitationEff", 0.2))
    ]
    fig = handoff_efficiency(pd.DataFrame(rows))
    assert len(fig.axes[0].get_lines()) == 3  # two metrics plus the zero line
    assert save_figure(fig, tmp_path / "handoff")[0].stat().st_size > 1000
    with pytest.raises(LatentGymError, match="ci_low"):
        handoff_efficiency(pd.DataFrame(rows).drop(columns="ci_low"))
    assert set(HANDOFF_COLUMNS) <= set(rows[0])


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("chromium is not installed (.ci/run installs it)")
    return path


def test_html_report_renders_in_headless_chromium(scripted_logs, tmp_path):
    written = write_report(scripted_logs, tmp_path / "report", n_boot=100, all_configs=True)
    page = written["report.html"]
    text = page.read_text()
    assert "<script src" not in text and 'src="http' not in text  # self-contained (the script is inline)
    assert text.count("data:image/svg+xml;base64,") >= 3
    flags = ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(
        [chromium(), *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    for needle in (
        "Leaderboard",
        "Incomplete sequences",
        *AGENTS,
        "number_guessing/set_of_3/full_info/standard/ep3",
        f"inspect view --log-dir {scripted_logs}",
        "leaderboard-table",
    ):
        assert needle in dom, needle
    shot = tmp_path / "shot.png"
    subprocess.run(
        [chromium(), *flags, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    pixels = imread(shot)
    assert pixels.shape[0] >= 1000 and pixels.std() > 0.05  # not a blank page
    for name in ("leaderboard.md", "leaderboard.csv", "plots/learning_curve.svg", "plots/env_bars.png"):
        assert written[name].stat().st_size > 0


def test_cli_leaderboard_formats(scripted_logs, tmp_path, capsys):
    assert main(["leaderboard", str(scripted_logs), "--format", "markdown", "--n-boot", "50", "--all-configs"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("| # | Model |") and "latentgym/oracle" in text
    assert "Adaptation not scored for" in text  # random's unreferenced config is explained
    assert "Coverage per model" in text
    out = tmp_path / "board.csv"
    assert main(["leaderboard", str(scripted_logs), "--format", "csv", "--by", "prompt", "-o", str(out)]) == 0
    board = pd.read_csv(out)
    assert {"model", "prompt", "cumulative", "cumulative_low", "incomplete"} <= set(board.columns)
    assert main(["leaderboard", str(scripted_logs), "--env", "wordle"]) == 2
    assert "valid choices: number_guessing" in capsys.readouterr().err
    assert main(["leaderboard", str(tmp_path / "missing")]) == 2
    assert "no such log file or directory" in capsys.readouterr().err
