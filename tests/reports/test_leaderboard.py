"""Leaderboards built from real scripted-agent logs, checked against the raw samples."""

import math
from collections import defaultdict

import numpy as np
import pandas as pd
import pytest
from inspect_ai.log import list_eval_logs, read_eval_log

from latentgym.config_errors import LatentGymWarning
from latentgym.envs import LatentGymError
from latentgym.reports import (
    Selection,
    adaptation_by_config,
    display_table,
    leaderboard,
    load_sequences,
    to_markdown,
)

from .conftest import AGENTS, N_SEQUENCES


def raw_scores(log_dir):
    """model -> benchmark id -> list of score dicts, read straight from ``log.samples``."""
    out = defaultdict(lambda: defaultdict(list))
    for info in list_eval_logs(str(log_dir)):
        log = read_eval_log(info)
        for sample in log.samples:
            score = sample.scores["sequence_metrics"]
            out[log.eval.model][score.metadata["benchmark_id"]].append(score.value)
    return out


def expected_mean(per_config, metric):
    kept = [[v[metric] for v in values if v["complete"] == 1.0] for values in per_config.values()]
    return float(np.mean([np.mean(values) for values in kept if values]))


@pytest.fixture(scope="module")
def frame(scripted_logs):
    return load_sequences(scripted_logs)


@pytest.fixture(scope="module")
def board(frame):
    # random was run on another configuration set than the references: rank everyone on all their own
    with pytest.warns(LatentGymWarning, match="different configuration sets"):
        return leaderboard(frame, n_boot=400, all_configs=True).set_index("model")


def test_one_row_per_sequence(frame, scripted_logs):
    raw = raw_scores(scripted_logs)
    assert len(frame) == sum(len(v) for per_config in raw.values() for v in per_config.values())
    assert set(frame["model"]) == set(AGENTS)
    assert frame.groupby(["model", "benchmark_id"]).size().eq(N_SEQUENCES).all()


def test_leaderboard_means_match_raw_samples(board, scripted_logs):
    raw = raw_scores(scripted_logs)
    for model, per_config in raw.items():
        row = board.loc[model]
        for metric in ("cumulative", "gain", "final", "mean_reward"):
            assert row[metric] == pytest.approx(expected_mean(per_config, metric), abs=1e-9), (model, metric)
            assert row[f"{metric}_low"] <= row[metric] + 1e-9 <= row[f"{metric}_high"] + 2e-9
        complete = sum(v["complete"] == 1.0 for values in per_config.values() for v in values)
        assert row["sequences"] == complete
        assert row["incomplete"] == sum(len(v) for v in per_config.values()) - complete
        assert row["number_guessing"] == pytest.approx(expected_mean(per_config, "cumulative"))


def test_incomplete_sequences_are_counted_not_averaged(board, frame):
    cut = frame[(frame["model"] == "latentgym/random") & (frame["latent"] == "two_ranges")]
    assert (~cut["complete"]).sum() > 0
    assert board.loc["latentgym/random", "incomplete"] == (~cut["complete"]).sum()
    assert set(cut.loc[~cut["complete"], "stop"]) <= {"message limit", "turn cap"}
    assert board.loc["latentgym/oracle", "incomplete"] == 0


def test_ranking_and_adaptation_of_references(board, frame):
    assert board.index[0] == "latentgym/oracle"
    assert board.loc["latentgym/memoryless", "adaptation"] == pytest.approx(0.0)
    assert board.loc["latentgym/oracle", "adaptation"] == pytest.approx(1.0)
    per_config = adaptation_by_config(frame)
    adaptive = per_config[per_config["model"] == "latentgym/adaptive"].set_index("benchmark_id")
    for config, row in adaptive.iterrows():
        done = frame[(frame["benchmark_id"] == config) & frame["complete"]]
        mean = {m: done[done["model"] == m]["cumulative"].mean() for m in AGENTS}
        expected = (mean["latentgym/adaptive"] - mean["latentgym/memoryless"]) / (
            mean["latentgym/oracle"] - mean["latentgym/memoryless"]
        )
        assert row["score"] == pytest.approx(expected)
    assert board.loc["latentgym/adaptive", "adaptation"] == pytest.approx(adaptive["score"].mean())
    # random's third config has no reference runs: a note, never a number
    random = per_config[per_config["model"] == "latentgym/random"].set_index("benchmark_id")
    orphan = random.loc[[c for c in random.index if "two_ranges" in c][0]]
    assert math.isnan(orphan["score"]) and "no memoryless/oracle reference" in orphan["note"]


def test_group_and_filter_keep_references_for_adaptation(frame):
    board = leaderboard(frame, by=["latent"], selection=Selection(model=("latentgym/adaptive",)), n_boot=200)
    # one model: nothing to compare, so no restriction and no warning
    assert list(board["model"].unique()) == ["latentgym/adaptive"]
    assert sorted(board["latent"]) == ["range_100", "set_of_3"]
    assert board["adaptation"].notna().all()
    with pytest.raises(LatentGymError, match="wordle"):
        leaderboard(frame, selection=Selection(env=("wordle",)))
    with pytest.raises(LatentGymError, match="grouping"):
        leaderboard(frame, by=["colour"])


def test_tiny_reference_gap_gives_a_note_not_inf():
    rows = []
    for model, value in (("latentgym/memoryless", 2.0), ("latentgym/oracle", 2.01), ("m", 3.0)):
        for seed in range(3):
            rows.append(
                {
                    "model": model,
                    "benchmark_id": "e/l/no_info/standard/ep3",
                    "env": "e",
                    "num_episodes": 3,
                    "seed": seed,
                    "complete": True,
                    "cumulative": value,
                }
            )
    per_config = adaptation_by_config(pd.DataFrame(rows)).set_index("model")
    assert per_config["score"].isna().all()
    assert "too small" in per_config.loc["m", "note"]


def test_markdown_table_shows_every_model(board, frame):
    with pytest.warns(LatentGymWarning):
        text = to_markdown(display_table(leaderboard(frame, n_boot=100)))
    lines = text.splitlines()
    assert lines[0].startswith("| # | Model |") and lines[1].startswith("| ---: |")
    assert sum(line.startswith("| ") for line in lines) == 2 + len(AGENTS)
    assert "Incomplete sequences" in text


def test_live_scores_carry_turns(scripted_logs):
    """t1..tN, won_turns and turn_gain sit beside the rewards in every live score."""
    for info in list_eval_logs(str(scripted_logs)):
        for sample in read_eval_log(info).samples:
            score = sample.scores["sequence_metrics"]
            turns = score.metadata["turns_per_episode"]
            assert [score.value[f"t{i + 1}"] for i in range(len(turns))] == [float(t) for t in turns]
            assert {"won_turns", "turn_gain"} <= set(score.value)
            won = [t for t, r in zip(turns, score.metadata["episode_rewards"]) if r >= 0.01]
            if score.value["complete"] == 1.0 and won:
                assert score.value["won_turns"] == pytest.approx(sum(won) / len(won))
