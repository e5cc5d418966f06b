"""The direct path writes the log Inspect would: same samples, store, scores and metrics."""

from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval
from inspect_ai.log import EvalLog, read_eval_log

from latentgym import tasks
from latentgym.agents.direct import PLAN_NAME, DirectConfig, estimate, run_direct
from latentgym.envs import get_env, list_envs
from latentgym.envs.sequence import SequenceEnv
from latentgym.reports import load_sequences

AGENT_OF = {"number_guessing": "oracle", "wordle": "memoryless", "hangman": "oracle", "wordladder": "memoryless"}


def _args(latent: str, **extra):
    return {"latent": latent, "prompt": "full_info", "feedback": "information", "num_episodes": 2} | {
        "n_sequences": 2,
        "seed": 7,
        **extra,
    }


def _through_inspect(env: str, args: dict, agent: str, log_dir: Path) -> EvalLog:
    task = getattr(tasks, env)(**args)
    [log] = inspect_eval(task, model=f"latentgym/{agent}", log_dir=str(log_dir), log_realtime=False, display="none")
    return read_eval_log(log.location)


def _direct(env: str, args: dict, agent: str, log_dir: Path) -> EvalLog:
    [result] = run_direct([DirectConfig(env, args, agent)], str(log_dir), workers=1)
    assert result.error is None and result.location is not None
    return read_eval_log(result.location)


def _messages(messages):
    return [(m.role, m.text, getattr(m, "model", None)) for m in messages]


def assert_same_log(inspect_log: EvalLog, direct_log: EvalLog) -> None:
    a, b = inspect_log, direct_log
    for field in ("task", "task_registry_name", "task_display_name", "task_args", "task_args_passed", "model"):
        assert getattr(a.eval, field) == getattr(b.eval, field), field
    assert a.eval.dataset == b.eval.dataset and a.eval.metadata == b.eval.metadata
    assert a.eval.scorers == b.eval.scorers and a.eval.config == b.eval.config
    assert a.status == b.status == "success" and b.plan.name == PLAN_NAME
    assert a.results == b.results
    assert a.stats.model_usage == b.stats.model_usage
    assert a.samples is not None and b.samples is not None and len(a.samples) == len(b.samples)
    for x, y in zip(a.samples, b.samples, strict=True):
        assert (x.id, x.epoch, x.target, x.metadata) == (y.id, y.epoch, y.target, y.metadata)
        assert _messages(x.input) == _messages(y.input)  # type: ignore[arg-type]
        assert _messages(x.messages) == _messages(y.messages)
        assert x.store == y.store
        assert x.scores == y.scores
        assert (x.output.completion, x.output.usage, x.output.model) == (
            y.output.completion,
            y.output.usage,
            y.output.model,
        )
        assert x.model_usage == y.model_usage and x.turn_count == y.turn_count


@pytest.mark.parametrize("env", list_envs())
def test_direct_log_equals_the_inspect_log(env, tmp_path):
    agent = AGENT_OF.get(env, "adaptive")
    args = _args(get_env(env).task_default_latent)
    assert_same_log(_through_inspect(env, args, agent, tmp_path / "a"), _direct(env, args, agent, tmp_path / "b"))


def test_an_incomplete_sequence_and_an_engine_failure_end_the_same_way(tmp_path, monkeypatch):
    capped = _args("set_of_3", max_total_turns=3)
    assert_same_log(
        _through_inspect("number_guessing", capped, "memoryless", tmp_path / "a"),
        _direct("number_guessing", capped, "memoryless", tmp_path / "b"),
    )
    real = SequenceEnv.step

    def failing(self, text):
        if self.total_turns == 4:
            raise RuntimeError("engine bug")
        return real(self, text)

    monkeypatch.setattr(SequenceEnv, "step", failing)
    args = _args("set_of_3")
    inspect_log = _through_inspect("number_guessing", args, "random", tmp_path / "c")
    direct_log = _direct("number_guessing", args, "random", tmp_path / "d")
    assert_same_log(inspect_log, direct_log)
    assert direct_log.samples and direct_log.samples[0].scores
    assert direct_log.samples[0].scores["sequence_metrics"].metadata["stop_reason"] == "env_error: RuntimeError"


def test_runs_resume_isolate_failures_and_use_worker_processes(tmp_path):
    good = [DirectConfig("number_guessing", _args(latent), "memoryless") for latent in ("set_of_2", "set_of_3")]
    bad = DirectConfig("number_guessing", _args("set_of_99"), "memoryless")
    seen = []
    results = run_direct([bad, *good], str(tmp_path), workers=2, on_done=lambda r, k, n: seen.append((k, n)))
    assert sorted(seen) == [(1, 3), (2, 3), (3, 3)]
    errors = [r for r in results if r.error]
    assert len(errors) == 1 and "set_of_99" in (errors[0].error or "") and errors[0].location is None
    assert sorted(Path(r.location).name for r in results if r.location) == sorted(
        p.name for p in tmp_path.glob("*.eval")
    )
    assert not list(tmp_path.glob(".*.partial"))
    again = run_direct([bad, *good], str(tmp_path), workers=1)
    assert [r.config for r in again] == [bad]  # the two done configurations are not played again
    frame = load_sequences(str(tmp_path))
    assert len(frame) == 4 and frame["complete"].all() and set(frame["model"]) == {"latentgym/memoryless"}


def test_estimate_splits_the_work_over_workers():
    configs = [DirectConfig("wordle", _args("starts_with_S", num_episodes=10, n_sequences=50), "oracle")] * 4
    turns, one = estimate(configs, workers=1)
    assert turns > 0 and estimate(configs, workers=2) == (turns, pytest.approx(one / 2))
    assert estimate(configs, workers=1, through_inspect=True)[1] > one
