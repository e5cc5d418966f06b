"""Import of the published runs (fixtures in the published format), replay, leaderboard and same-task replay."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval
from inspect_ai.analysis import samples_df
from inspect_ai.log import read_eval_log

from latentgym.cli import main
from latentgym.envs import LatentGymError
from latentgym.published import config_groups, data_root, import_runs, model_label, read_run, replay_run
from latentgym.published._task import published_trajectories
from latentgym.reports import leaderboard, load_sequences
from latentgym.scorers.sequence_metrics import sequence_values, turn_values
from latentgym.tasks import number_guessing  # type: ignore[attr-defined]

FIXTURES = Path(__file__).parent / "fixtures"
DATA = FIXTURES / "data"
NG = DATA / "trajectories/frontier/number_guessing/set_of_3/no_info__standard__ep3"


def _file(*parts: str) -> Path:
    return DATA.joinpath("trajectories", *parts)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("imported")
    summary = import_runs(FIXTURES, out)
    return out, summary


def test_data_root_accepts_repo_or_data_folder(tmp_path):
    assert data_root(FIXTURES) == DATA
    assert data_root(DATA) == DATA
    with pytest.raises(LatentGymError, match="no such data folder"):
        data_root(tmp_path / "missing")
    with pytest.raises(LatentGymError, match="no trajectories/ folder"):
        data_root(tmp_path)


def test_groups_and_filters():
    groups = list(config_groups(DATA))
    assert [(g.variant, g.model, g.env) for g in groups] == [
        ("frontier", "gpt-4o", "bandits"),
        ("frontier", "claude-sonnet-4-6", "number_guessing"),
        ("frontier", "gpt-4o", "number_guessing"),
        ("frontier", "gemini-2.5-flash", "secretary"),
        ("frontier", "claude-sonnet-4-6", "wordladder"),
        ("frontier", "gpt-4o", "wordle"),
        ("qwen-base", "qwen3-8b", "hangman"),
        ("qwen-cross-rl", "qwen3-8b", "wordladder"),
        ("qwen-single-rl", "qwen3-8b", "wordladder"),
    ]
    assert [len(g.files) for g in groups] == [1, 3, 3, 1, 1, 1, 1, 1, 1]
    assert {g.model for g in config_groups(DATA, model=("gpt-4o",))} == {"gpt-4o"}
    assert {g.variant for g in config_groups(DATA, variant=("qwen-base",))} == {"qwen-base"}
    for name, value in (("env", "chess"), ("variant", "qwen-huge"), ("model", "gpt-5")):
        with pytest.raises(LatentGymError, match=f"unknown published {name} '{value}'"):
            list(config_groups(DATA, **{name: (value,)}))


def test_model_labels_name_the_variant():
    assert model_label("frontier", "gpt-4o") == "published/gpt-4o"
    assert model_label("qwen-cross-rl", "qwen3-8b") == "published/qwen3-8b-cross-rl"
    assert model_label("qwen-base", "qwen3-8b") == "published/qwen3-8b-base"


def test_read_run_rejects_bad_files(tmp_path):
    bad = tmp_path / "x__s1.json"
    bad.write_text("{not json")
    with pytest.raises(LatentGymError, match="not valid JSON"):
        read_run(bad)
    bad.write_text(json.dumps({"env": "number_guessing"}))
    with pytest.raises(LatentGymError, match="no 'horizon' field"):
        read_run(bad)
    run = json.loads((NG / "gpt-4o__s42.json").read_text())
    run["episode_turns"][0] += 5
    bad.write_text(json.dumps(run))
    with pytest.raises(LatentGymError, match="turn counts add up"):
        read_run(bad)


def test_replay_agrees_on_faithful_runs():
    for path in (
        NG / "gpt-4o__s42.json",
        _file("qwen-base/hangman/ending_ABLE/no_info__standard__ep2/qwen3-8b__s42.json"),
    ):
        run = read_run(path)
        replay = replay_run(run)
        assert replay.agree, replay.checks
        assert replay.rewards == pytest.approx(run.episode_rewards)


def test_replay_reports_a_disagreement():
    replay = replay_run(read_run(NG / "claude-sonnet-4-6__s43.json"))
    assert replay.counts() == {"agree": 2, "deviation": 0, "differ": 1}
    check = replay.checks[1]
    assert (check.status, check.recorded_reward, check.deviation) == ("differ", 0.5, None)
    assert check.replay_reward == pytest.approx(0.94)
    assert "0.5 recorded" in check.detail


def test_replay_accounts_for_documented_deviations():
    bandits = replay_run(read_run(_file("frontier/bandits/even_indices_only/no_info__standard__ep2/gpt-4o__s42.json")))
    assert [c.status for c in bandits.checks] == ["agree", "deviation"]
    assert bandits.checks[1].deviation == "hard-caps"
    assert (bandits.checks[1].replay_turns, bandits.checks[1].recorded_turns) == (3, 4)
    assert bandits.rewards[1] == 0.0  # no commit within our cap
    ladder = replay_run(
        read_run(_file("qwen-cross-rl/wordladder/hub_word_3letter/no_info__standard__ep2/qwen3-8b__s42.json"))
    )
    assert [c.deviation for c in ladder.checks] == [None, "bounded-word-ladder"]


def test_bandit_pulls_pay_the_recorded_outcomes(tmp_path):
    path = _file("frontier/bandits/even_indices_only/no_info__standard__ep2/gpt-4o__s42.json")
    run = json.loads(path.read_text())
    # the best button's commit on turn 3 pays 1 - 0.015*3 whatever the pulls; flip the shown pulls
    # and check the replay still agrees (outcomes come from the text, never from an RNG)
    for m in run["conversation"]:
        if m["role"] == "user" and "received a reward of" in m["content"]:
            m["content"] = m["content"].replace("of 1.0", "of X").replace("of 0.0", "of 1.0").replace("of X", "of 0.0")
    copy = tmp_path / "gpt-4o__s42.json"
    copy.write_text(json.dumps(run))
    assert replay_run(read_run(copy)).checks[0].status == "agree"


def test_import_writes_one_log_per_group_with_live_keys(imported):
    out, summary = imported
    assert len(summary.written) == 9 and summary.sequences == 13 and summary.incomplete == 2
    assert summary.failed == []
    agreement = summary.agreement
    assert (agreement["number_guessing"].agree, agreement["number_guessing"].differ) == (16, 1)
    assert agreement["bandits"].deviations == {"hard-caps": 1}
    assert agreement["wordladder"].deviations == {"bounded-word-ladder": 1, "pinned-word-data": 1}
    assert agreement["wordle"].deviations == {"pinned-word-data": 1}
    log = read_eval_log(str(out / "frontier_claude-sonnet-4-6_number_guessing_set_of_3_no_info_standard_ep3.eval"))
    assert log.status == "success" and log.eval.model == "published/claude-sonnet-4-6"
    assert log.eval.task == "latentgym/number_guessing"
    assert [s.id for s in log.samples] == ["seed42", "seed43", "seed44"]
    sample = log.samples[1]
    score = sample.scores["sequence_metrics"]
    assert set(score.value) == set(sequence_values([1.0, 1.0, 1.0], 3)) | set(turn_values([1.0] * 3, [1] * 3, 3))
    assert score.value["r2"] == pytest.approx(0.94)  # from our replay, not the record's 0.5
    assert score.metadata["replay"]["differences"][0]["episode"] == 2
    assert sample.metadata["replay"]["recorded_episode_rewards"][1] == 0.5
    assert sample.metadata["preset"] == "default" and len(sample.metadata["episode_configs"]) == 3
    roles = [m.role for m in sample.messages]
    assert roles[0] == "system" and roles.count("assistant") == sum(score.metadata["turns_per_episode"])
    assert {m.model for m in sample.messages if m.role == "assistant"} == {"published/claude-sonnet-4-6"}
    names = {s.name for s in log.results.scores}
    assert {"cumulative", "gain", "final", "success_rate", "complete", "r1", "r3"} <= names


def test_truncated_run_is_flagged_as_a_live_eval_flags_it(imported):
    out, _ = imported
    log = read_eval_log(str(out / "frontier_gpt-4o_number_guessing_set_of_3_no_info_standard_ep3.eval"))
    cut = next(s for s in log.samples if s.id == "seed44").scores["sequence_metrics"]
    assert cut.value["complete"] == 0.0 and math.isnan(cut.value["cumulative"]) and math.isnan(cut.value["r3"])
    assert cut.value["episodes_completed"] == 2.0
    assert cut.metadata["complete"] is False and cut.metadata["stop_reason"] == "interrupted"
    cumulative = next(s for s in log.results.scores if s.name == "cumulative")
    assert (cumulative.scored_samples, cumulative.unscored_samples) == (2, 1)


def test_qwen_runs_use_the_rl_rules(imported):
    out, _ = imported
    log = read_eval_log(str(out / "qwen-base_qwen3-8b_hangman_ending_ABLE_no_info_standard_ep2.eval"))
    assert log.eval.model == "published/qwen3-8b-base"
    assert log.eval.metadata["rules"]["hangman_cap_mode"] == "all_turns"
    assert log.eval.metadata["rules"]["max_turns_per_episode"] == 4


def test_rerun_skips_logs_already_written(imported, tmp_path):
    out, _ = imported
    before = {p: p.stat().st_mtime_ns for p in out.glob("*.eval")}
    again = import_runs(FIXTURES, out)
    assert again.written == [] and len(again.skipped) == 9 and again.sequences == 0
    assert {p: p.stat().st_mtime_ns for p in out.glob("*.eval")} == before
    with pytest.raises(LatentGymError, match="unknown published env"):
        import_runs(FIXTURES, tmp_path, env=("chess",))


def test_samples_df_and_leaderboard_read_imported_logs(imported):
    out, _ = imported
    frame = samples_df(str(out), quiet=True)
    assert len(frame) == 13 and frame["metadata_benchmark_id"].notna().all()
    sequences = load_sequences(out)
    ng = sequences[sequences["env"] == "number_guessing"]
    assert set(ng["model"]) == {"published/gpt-4o", "published/claude-sonnet-4-6"}
    assert ng["complete"].sum() == 5


def test_cli_import_runs(tmp_path, capsys):
    assert main(["import-runs", str(DATA), "--out", str(tmp_path), "--env", "number_guessing", "--no-progress"]) == 0
    printed = capsys.readouterr().out
    assert "2 logs written" in printed and "number_guessing" in printed and "bandits" not in printed
    assert len(list(tmp_path.glob("*.eval"))) == 2


def test_published_folder_as_task_argument():
    tasks = published_trajectories(NG)
    assert tasks is not None and (tasks.prompt, tasks.feedback, tasks.preset) == ("no_info", "standard", "default")
    assert [t["metadata"]["seed"] for t in tasks.trajectories.trajectories] == [42, 43, 44]
    assert published_trajectories(DATA) is None
    recorded = read_run(NG / "gpt-4o__s43.json").episode_configs
    task = number_guessing(trajectories=str(NG))
    samples = list(task.dataset)
    assert [s.id for s in samples] == ["seed42", "seed43", "seed44"]
    assert [c["target_number"] for c in samples[1].metadata["episode_configs"]] == [
        c["target_number"] for c in recorded
    ]


def test_new_model_next_to_the_published_runs(imported, tmp_path):
    out, _ = imported
    live = tmp_path / "live"
    logs = inspect_eval(
        number_guessing(trajectories=str(NG)), model="latentgym/adaptive", log_dir=str(live), display="none"
    )
    assert logs[0].status == "success"
    shutil.copytree(out, tmp_path / "all")
    shutil.copytree(live, tmp_path / "all", dirs_exist_ok=True)
    sequences = load_sequences(tmp_path / "all")
    ng = sequences[sequences["env"] == "number_guessing"]
    by_model = {m: sorted(f["sample"]) for m, f in ng.groupby("model")}
    assert by_model["latentgym/adaptive"] == by_model["published/claude-sonnet-4-6"] == ["seed42", "seed43", "seed44"]
    board = leaderboard(ng)
    assert {"latentgym/adaptive", "published/gpt-4o", "published/claude-sonnet-4-6"} <= set(board["model"])


LADDER_5_OF_10 = "frontier/wordladder/hub_word_4letter/full_info__information__ep4/claude-sonnet-4-6__s42.json"


def test_a_run_with_fewer_games_than_its_horizon_has_its_own_n(imported):
    # as the published frontier ladders: 5 games under ep10 (here 2 under ep4)
    run = read_run(_file(LADDER_5_OF_10))
    assert (run.num_episodes, run.horizon_episodes, run.complete) == (2, 4, True)
    assert replay_run(run).agree
    out, _ = imported
    log = read_eval_log(
        str(out / "frontier_claude-sonnet-4-6_wordladder_hub_word_4letter_full_info_information_ep4.eval")
    )
    assert log.eval.metadata["num_episodes"] == 2 and log.eval.metadata["benchmark_id"].endswith("/ep2")
    assert log.eval.task_args["published"].endswith("full_info__information__ep4/claude-sonnet-4-6")
    sample = log.samples[0]
    assert sample.metadata["num_episodes"] == 2 and len(sample.metadata["episode_configs"]) == 2
    published = sample.metadata["published"]
    assert published["horizon"] == "ep4" and "N is the data's own episode count, 2" in published["num_episodes_note"]
    score = sample.scores["sequence_metrics"]
    assert score.value["complete"] == 1.0 and "r2" in score.value and "r3" not in score.value
    other = read_eval_log(str(out / "frontier_gpt-4o_number_guessing_set_of_3_no_info_standard_ep3.eval"))
    assert other.samples[0].metadata["published"]["num_episodes_note"] is None


def test_words_the_original_dictionary_rejected_are_pinned_word_data():
    for path in (
        "frontier/wordle/letter_freq_medium/some_info__standard__ep1/gpt-4o__s42.json",
        "qwen-single-rl/wordladder/hub_word_3letter/no_info__standard__ep1/qwen3-8b__s42.json",
    ):
        (check,) = replay_run(read_run(_file(path))).checks
        assert (check.status, check.deviation) == ("deviation", "pinned-word-data"), check
        assert "our dictionary judges differently" in check.detail


def test_a_run_stopped_at_the_reply_cap_is_flagged_max_total_turns(imported):
    out, summary = imported
    assert summary.agreement["secretary"].total == 0
    log = read_eval_log(str(out / "frontier_gemini-2.5-flash_secretary_fixed_position_2_no_info_standard_ep2.eval"))
    score = log.samples[0].scores["sequence_metrics"]
    assert score.value["complete"] == 0.0 and score.value["episodes_completed"] == 0.0
    assert (
        score.metadata["stop_reason"] == "max_total_turns"
        and "0 of 2 games (1000 replies)" in score.metadata["stop_detail"]
    )


def _broken_copy(tmp_path: Path) -> tuple[Path, list[Path]]:
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("secretary"))
    folder = data / "trajectories/frontier/number_guessing/set_of_3/no_info__standard__ep3"
    bad_json = folder / "gpt-4o__s45.json"
    bad_json.write_text("{truncated")
    run = json.loads((folder / "gpt-4o__s42.json").read_text())
    run["episode_turns"][0] += 50
    too_few = folder / "gpt-4o__s46.json"
    too_few.write_text(json.dumps(run))
    run = json.loads((folder / "gpt-4o__s42.json").read_text())
    run["episode_rewards"] = ["high", 1, 1]
    bad_value = folder / "gpt-4o__s47.json"
    bad_value.write_text(json.dumps(run))
    odd_name = folder / "gpt-4o-seed48.json"
    odd_name.write_text("{}")
    (folder / ".DS_Store").write_text("")  # hidden files are ignored silently
    bad_folder = folder.parent / "no_info__standard"
    bad_folder.mkdir()
    run = json.loads(
        (data / "trajectories/qwen-base/hangman/ending_ABLE/no_info__standard__ep2/qwen3-8b__s42.json").read_text()
    )
    run["env"] = "chess"
    unknown_env = data / "trajectories/qwen-base/hangman/ending_ABLE/no_info__standard__ep2/qwen3-8b__s43.json"
    unknown_env.write_text(json.dumps(run))
    (data / "index.json").write_text("[broken")
    return data, [bad_json, too_few, bad_value, odd_name, bad_folder, unknown_env]


def test_a_surprising_file_is_skipped_with_a_warning_never_fatal(tmp_path):
    data, bad = _broken_copy(tmp_path)
    seen: list[tuple[Path, str]] = []
    summary = import_runs(data, tmp_path / "out", on_skip=lambda path, reason: seen.append((path, reason)))
    assert sorted(p for p, _ in summary.failed) == sorted(bad) and summary.failed == seen
    reasons = dict(summary.failed)
    assert "not valid JSON" in reasons[bad[0]] and "turn counts add up" in reasons[bad[1]]
    assert "malformed published run" in reasons[bad[2]] and "chess" in reasons[bad[5]]
    assert all("\n" not in r for _, r in summary.failed)
    assert len(summary.written) == 8 and summary.sequences == 12
    log = read_eval_log(str(tmp_path / "out/frontier_gpt-4o_number_guessing_set_of_3_no_info_standard_ep3.eval"))
    assert [s.id for s in log.samples] == ["seed42", "seed43", "seed44"]
    with pytest.warns(UserWarning, match="skipped .*gpt-4o__s45.json: not valid JSON"):
        import_runs(data, tmp_path / "again")


def test_cli_import_runs_reports_skipped_files(tmp_path, capsys):
    data, bad = _broken_copy(tmp_path)
    out = tmp_path / "out"
    assert main(["import-runs", str(data), "--out", str(out), "--env", "number_guessing", "--no-progress"]) == 0
    captured = capsys.readouterr()
    assert "2 logs written" in captured.out and "5 files skipped" in captured.out
    warnings = [line for line in captured.err.splitlines() if "warning:" in line]
    assert len(warnings) == 5 and all(line.startswith("latentgym import-runs: warning: skipped ") for line in warnings)
    assert any("gpt-4o__s45.json: not valid JSON" in line for line in warnings)
