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
        "latentgym/adaptive", "latentgym/memoryless", "latentgym/oracle",
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
