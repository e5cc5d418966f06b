"""Suites: definitions, skipping of envs that are not merged, and resumable runs with eval_set."""

from pathlib import Path

import pytest

from latentgym.cli import main
from latentgym.envs import LatentGymError, get_env, list_envs
from latentgym.reports import Suite, SuiteTask, get_suite, load_sequences, plan_suite, run_suite
from latentgym.reports._suites import FRONTIER_LATENTS


def test_frontier_grid_is_the_papers():
    suite = get_suite("frontier")
    assert len(suite.tasks) == 7 * 4 * 3 * 2
    assert {t.env for t in suite.tasks} == set(FRONTIER_LATENTS)
    assert {t.num_episodes for t in suite.tasks if t.env == "wordladder"} == {5}
    assert {t.num_episodes for t in suite.tasks if t.env != "wordladder"} == {10}
    assert len({t.benchmark_id for t in suite.tasks}) == len(suite.tasks)


@pytest.mark.parametrize("env", list_envs())
def test_frontier_latents_exist_and_span_complexities(env):
    catalogue = get_env(env).latent_catalogue
    if env not in FRONTIER_LATENTS:
        pytest.skip(f"{env} is not in the frontier suite")
    complexities = {catalogue[latent].complexity for latent in FRONTIER_LATENTS[env]}
    assert len(complexities) >= 2


def test_plans_skip_unregistered_envs_and_refuse_empty_suites():
    plan = plan_suite(get_suite("frontier"))
    assert {t.env for t in plan.tasks} == set(list_envs()) & set(FRONTIER_LATENTS)
    assert set(plan.skipped) == set(FRONTIER_LATENTS) - set(list_envs())
    assert all("not registered" in reason for reason in plan.skipped.values())
    assert {t.env for t in plan_suite(get_suite("all")).tasks} == set(list_envs())
    with pytest.raises(LatentGymError, match="no runnable task"):
        plan_suite(Suite("ghost", "", (SuiteTask("no_such_env", "x", "no_info", "standard", 2),)))
    with pytest.raises(LatentGymError, match="set_of_99"):
        plan_suite(Suite("bad", "", (SuiteTask("number_guessing", "set_of_99", "no_info", "standard", 2),)))
    with pytest.raises(LatentGymError, match="valid choices"):
        get_suite("huge")


def test_cli_dry_run_lists_tasks(capsys):
    assert main(["suite", "frontier", "--dry-run", "--with-references", "--model", "openai/gpt-4o"]) == 0
    captured = capsys.readouterr()
    assert "24 tasks x 3 models" in captured.out if list_envs() == ["number_guessing"] else "tasks x 3" in captured.out
    assert "number_guessing/two_ranges/full_info/information/ep10" in captured.out
    assert "latentgym/memoryless, latentgym/oracle" in captured.out
    if set(FRONTIER_LATENTS) - set(list_envs()):
        assert "skipping" in captured.err and "not registered" in captured.err


def test_suite_runs_with_references_and_resumes(tmp_path):
    suite = Suite("tiny", "", (SuiteTask("number_guessing", "set_of_2", "full_info", "standard", 2),), n_sequences=2)
    log_dir = str(tmp_path / "suite")
    ok, logs = run_suite(plan_suite(suite), ["latentgym/adaptive"], log_dir, with_references=True, display="none")
    assert ok and sorted(log.eval.model for log in logs) == [
        "latentgym/adaptive",
        "latentgym/memoryless",
        "latentgym/oracle",
    ]
    files = sorted(Path(log_dir).glob("*.eval"))
    ok_again, _ = run_suite(plan_suite(suite), ["latentgym/adaptive"], log_dir, with_references=True, display="none")
    assert ok_again and sorted(Path(log_dir).glob("*.eval")) == files  # nothing re-ran
    frame = load_sequences(log_dir)
    assert len(frame) == 3 * 2 and frame["complete"].all()


def test_suite_all_leaves_out_unplayable_latents_with_a_note():
    from latentgym.reports import get_suite, plan_suite

    plan = plan_suite(get_suite("all"))
    assert "cannot generate episodes" in plan.skipped["wordle/contains_TION"]
    assert all(t.latent != "contains_TION" for t in plan.tasks) and len(plan.tasks) > 2000


def test_shards_split_the_suite_into_disjoint_parts_in_a_fixed_way():
    from latentgym.reports._shards import Shard, parse_shard, shard_plan

    plan = plan_suite(get_suite("frontier"))
    parts = [shard_plan(plan, Shard(i, 3)).tasks for i in (1, 2, 3)]
    assert sorted(t.benchmark_id for part in parts for t in part) == sorted(t.benchmark_id for t in plan.tasks)
    assert max(map(len, parts)) - min(map(len, parts)) <= 1
    assert parts[0] == shard_plan(plan_suite(get_suite("frontier")), Shard(1, 3)).tasks  # same split every time
    assert parse_shard(" 2 / 3 ") == Shard(2, 3) and str(Shard(2, 3)) == "2/3"
    for bad in ("0/3", "4/3", "3", "a/b", "1/0"):
        with pytest.raises(LatentGymError, match="--shard"):
            parse_shard(bad)
    tiny = plan_suite(Suite("one", "", (SuiteTask("number_guessing", "set_of_2", "full_info", "standard", 2),)))
    assert shard_plan(tiny, Shard(2, 2)).tasks == ()


def test_cli_shard_dry_run_and_bad_shard(capsys):
    assert main(["suite", "frontier", "--dry-run", "--model", "latentgym/adaptive", "--shard", "2/7"]) == 0
    captured = capsys.readouterr()
    assert "part 2/7" in captured.err and "x 1 models" in captured.out
    assert main(["suite", "frontier", "--model", "latentgym/adaptive", "--shard", "8/7"]) == 2
    assert "latentgym suite: error: --shard 8/7" in capsys.readouterr().err


def test_status_counts_done_and_missing_per_model(tmp_path, capsys):
    from latentgym.reports._shards import Shard, suite_status

    tasks = tuple(SuiteTask("number_guessing", latent, "no_info", "standard", 2) for latent in ("set_of_2", "set_of_3"))
    plan = plan_suite(Suite("tiny", "", tasks, n_sequences=2))
    log_dir = str(tmp_path / "suite")
    assert suite_status(plan, log_dir, ["latentgym/memoryless"])["configs_missing"].tolist() == [2]
    ok, _ = run_suite(plan, ["latentgym/memoryless"], log_dir, shard=Shard(2, 2), display="none")
    assert ok
    row = suite_status(plan, log_dir, ["latentgym/memoryless"]).iloc[0]
    assert (row["configs_done"], row["configs_missing"], row["sequences_done"], row["sequences_missing"]) == (
        1,
        1,
        2,
        2,
    )
    assert (Path(log_dir) / ".eval-set-id").read_text().startswith("latentgym-")
    ok, _ = run_suite(plan, ["latentgym/memoryless"], log_dir, shard=Shard(1, 2), display="none")
    row = suite_status(plan, log_dir, ["latentgym/memoryless", "latentgym/oracle"])
    assert row["configs_done"].tolist() == [2, 0] and row["sequences_missing"].tolist() == [0, 4]
    assert len(load_sequences(log_dir)) == 4
