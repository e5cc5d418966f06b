"""The turn keys of the scorer and the second adaptation score, on turns of won tasks."""

import math

import pandas as pd
import pytest

from latentgym.reports import adaptation_by_config, display_table, leaderboard
from latentgym.reports._adaptation import REWARD, TURNS, choose_score
from latentgym.reports._plots import learning_curves, won_turns_frame
from latentgym.scorers.sequence_metrics import turn_values

CONFIG = "wordle/starts_with_C/no_info/standard/ep4"


def test_turn_values_of_a_sequence():
    values = turn_values([1.0, 0.0, 1.0, 1.0], [5, 6, 3, 2], 4)
    assert [values[f"t{i}"] for i in range(1, 5)] == [5.0, 6.0, 3.0, 2.0]
    assert values["won_turns"] == pytest.approx((5 + 3 + 2) / 3)  # the lost task's 6 is left out
    assert values["turn_gain"] == pytest.approx(5 - 2.5)  # won tasks of the first half vs the second


def test_turn_values_undefined_cases_are_nan():
    cut = turn_values([1.0], [4], 3)  # incomplete: per-task turns only
    assert cut["t1"] == 4.0 and math.isnan(cut["t2"]) and math.isnan(cut["won_turns"])
    assert math.isnan(cut["turn_gain"])
    lost_early = turn_values([0.0, 1.0], [6, 3], 2)
    assert lost_early["won_turns"] == 3.0 and math.isnan(lost_early["turn_gain"])
    assert math.isnan(turn_values([1.0], [2], 1)["turn_gain"])


def _frame(turns: dict[str, float], rewards: dict[str, float] | None = None, seeds: int = 4) -> pd.DataFrame:
    """Complete sequences of one 4-game config; each model wins every game in ``turns[model]`` turns
    (plus a per-seed wobble shared by all, as on the same hidden games)."""
    rows = []
    for model, t in turns.items():
        for seed in range(seeds):
            row = {
                "model": model, "base_model": model, "benchmark_id": CONFIG, "handoff_k": None, "env": "wordle", "latent": "starts_with_C",
                "latent_complexity": "easy", "prompt": "no_info", "feedback": "standard", "num_episodes": 4,
                "seed": seed, "complete": True, "eval_status": "success", "log": "x.eval",
                "cumulative": (rewards or {}).get(model, 4.0), "gain": 0.0, "final": 1.0, "mean_reward": 1.0,
                "won_turns": t + 0.1 * seed, "turn_gain": 0.5,
            }  # fmt: skip
            for i in range(1, 5):
                row[f"r{i}"], row[f"t{i}"] = 1.0, t + 0.1 * seed
            rows.append(row)
    return pd.DataFrame(rows)


def test_saturated_reward_is_scored_on_turns():
    frame = _frame({"latentgym/memoryless": 4.0, "latentgym/oracle": 2.0, "m": 3.0})
    per_config = adaptation_by_config(frame).set_index("model")
    assert (per_config["basis"] == TURNS).all()
    assert per_config.loc["m", "score"] == pytest.approx(0.5)
    assert per_config.loc["latentgym/oracle", "score"] == pytest.approx(1.0)
    assert per_config.loc["m", "turn_gap"] == pytest.approx(2.0) and per_config.loc["m", "n_turns"] == 4
    board = leaderboard(frame, n_boot=200).set_index("model")
    assert board.loc["m", "adaptation"] == pytest.approx(0.5)
    assert board.loc["m", "adaptation_low"] <= 0.5 <= board.loc["m", "adaptation_high"]
    assert board.loc["m", "adaptation_basis"] == "turns 1"
    assert board.loc["m", "won_turns"] == pytest.approx(3.15)
    shown = display_table(board.reset_index())
    assert {"Turns (won)", "Turn gain", "Adaptation basis"} <= set(shown.columns)


def test_reward_gap_wins_over_turns():
    rewards = {"latentgym/memoryless": 2.0, "latentgym/oracle": 4.0, "m": 3.5}
    frame = _frame({"latentgym/memoryless": 4.0, "latentgym/oracle": 2.0, "m": 4.0}, rewards)
    row = adaptation_by_config(frame).set_index("model").loc["m"]
    assert row["basis"] == REWARD and row["score"] == pytest.approx(0.75)


def test_no_gap_either_way_says_why():
    frame = _frame({"latentgym/memoryless": 3.0, "latentgym/oracle": 2.9, "m": 2.0})
    row = adaptation_by_config(frame).set_index("model").loc["m"]
    assert math.isnan(row["score"]) and row["basis"] == ""
    assert "too small" in row["note"] and "turn gap 0.10" in row["note"]
    board = leaderboard(frame, n_boot=100).set_index("model")
    assert board.loc["m", "adaptation_basis"] == "unscored 1"


def test_logs_without_turns_say_so():
    frame = _frame({"latentgym/memoryless": 3.0, "latentgym/oracle": 3.0, "m": 3.0})
    frame = frame.drop(columns=["won_turns", "turn_gain", *[f"t{i}" for i in range(1, 5)]])
    row = adaptation_by_config(frame).set_index("model").loc["m"]
    assert math.isnan(row["score"]) and "hold no turns" in row["note"]
    board = leaderboard(frame, n_boot=100).set_index("model")
    assert math.isnan(board.loc["m", "won_turns"])


def test_choose_score_without_shared_wins():
    basis, score, note = choose_score(4, (1.0, 1.0, 1.0), (math.nan, math.nan, math.nan))
    assert basis is None and math.isnan(score) and "no sequence won" in note


def test_turn_curve_counts_won_tasks_only():
    frame = _frame({"latentgym/memoryless": 4.0, "latentgym/oracle": 2.0})
    frame.loc[0, "r1"] = 0.0
    masked = won_turns_frame(frame)
    assert math.isnan(masked.loc[0, "t1"]) and masked.loc[1, "t1"] == frame.loc[1, "t1"]
    fig = learning_curves(frame, n_boot=50, turns=True)
    assert "turns" in fig.axes[0].get_ylabel()
    assert len(fig.axes[0].lines) == 2


def test_report_page_shows_turns_and_basis():
    from latentgym.reports._html import render_report

    frame = _frame({"latentgym/memoryless": 4.0, "latentgym/oracle": 2.0, "m": 3.0})
    page = render_report(frame, ["logs"], n_boot=50)
    assert "Turns (won)" in page and "Adaptation basis" in page and "turns 1" in page
    assert "Turns per won task at each task position" in page and "T_memoryless" in page
