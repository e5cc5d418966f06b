"""Suites play the scripted references directly (or, on request, through Inspect without its realtime
event buffer); other models run through eval_set with Inspect's defaults."""

from latentgym.reports import Suite, SuiteTask, _suites, load_sequences, plan_suite, run_suite
from latentgym.reports._suites import model_runs


def test_model_runs_put_scripted_agents_first_without_realtime():
    assert model_runs(["openai/gpt-4o", "latentgym/memoryless", "latentgym/oracle"]) == [
        (["latentgym/memoryless", "latentgym/oracle"], {"log_realtime": False}),
        (["openai/gpt-4o"], {}),
    ]
    assert model_runs(["openai/gpt-4o"]) == [(["openai/gpt-4o"], {})]


def test_suite_plays_references_directly_and_runs_other_models_with_eval_set(tmp_path, monkeypatch):
    calls = []
    real = _suites.eval_set

    def spy(tasks, **kwargs):
        calls.append(kwargs["model"])
        return real(tasks, **kwargs)

    monkeypatch.setattr(_suites, "eval_set", spy)
    suite = Suite("tiny", "", (SuiteTask("number_guessing", "set_of_2", "full_info", "standard", 2),), n_sequences=1)
    log_dir = str(tmp_path / "suite")
    ok, logs = run_suite(plan_suite(suite), ["mockllm/model"], log_dir, with_references=True, display="none")
    assert calls == [["mockllm/model"]]
    assert ok and sorted(log.eval.model for log in logs) == [
        "latentgym/memoryless",
        "latentgym/oracle",
        "mockllm/model",
    ]
    assert {log.eval.eval_set_id for log in logs} == {(tmp_path / "suite" / ".eval-set-id").read_text().strip()}
    frame = load_sequences(log_dir)
    assert sorted(frame["model"]) == ["latentgym/memoryless", "latentgym/oracle", "mockllm/model"]
    ok_again, again = run_suite(plan_suite(suite), ["mockllm/model"], log_dir, with_references=True, display="none")
    assert ok_again and [log.eval.model for log in again] == ["mockllm/model"] and len(load_sequences(log_dir)) == 3


def test_suite_through_inspect_runs_two_eval_sets_into_one_folder(tmp_path, monkeypatch):
    calls = []
    real = _suites.eval_set

    def spy(tasks, **kwargs):
        calls.append((kwargs["model"], kwargs.get("log_realtime")))
        return real(tasks, **kwargs)

    monkeypatch.setattr(_suites, "eval_set", spy)
    suite = Suite("tiny", "", (SuiteTask("number_guessing", "set_of_2", "full_info", "standard", 2),), n_sequences=1)
    log_dir = str(tmp_path / "suite")
    ok, logs = run_suite(
        plan_suite(suite), ["mockllm/model"], log_dir, with_references=True, direct=False, display="none"
    )
    assert calls == [(["latentgym/memoryless", "latentgym/oracle"], False), (["mockllm/model"], None)]
    assert ok and sorted(log.eval.model for log in logs) == [
        "latentgym/memoryless",
        "latentgym/oracle",
        "mockllm/model",
    ]
    frame = load_sequences(log_dir)
    assert sorted(frame["model"]) == ["latentgym/memoryless", "latentgym/oracle", "mockllm/model"]
    # a rerun resumes: nothing left to run in either eval set
    ok_again, _ = run_suite(
        plan_suite(suite), ["mockllm/model"], log_dir, with_references=True, direct=False, display="none"
    )
    assert ok_again and len(load_sequences(log_dir)) == 3
