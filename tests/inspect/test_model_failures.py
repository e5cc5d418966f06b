"""Real-model misbehaviour, offline: empty replies, refusals, provider errors, context overflow.

Every case must end with a successful eval whose sample is scored: finished games keep their
rewards, and an early stop is flagged with its reason.
"""

import math

import pytest
from inspect_ai.model import GenerateConfig, get_model

from latentgym.envs import LatentGymError
from latentgym.solvers import multi_episode
from latentgym.solvers.sequence_spec import SequenceSpec
from latentgym.tasks import number_guessing

from .fake_model import PROVIDER

# set_of_3, seed 42: the first game's target (the scripts below solve game 1 on turn 1).
GAMES = dict(latent="set_of_3", num_episodes=2, n_sequences=1, max_turns=2)


def scripted(script):
    return get_model(f"{PROVIDER}/script", script=script, memoize=False, config=GenerateConfig(max_retries=1))


def first_target():
    return number_guessing(**GAMES).dataset[0].metadata["episode_configs"][0]["target_number"]


def played(log):
    """(score value, score metadata, record fields) of the single sample."""
    assert log.status == "success" and not log.samples[0].error
    sample = log.samples[0]
    score = next(iter(sample.scores.values()))
    record = {k.split(":", 1)[1]: v for k, v in sample.store.items() if k.startswith("SequenceRecord:")}
    return score.value, score.metadata, record


def turns(record):
    return [e for e in record["events"] if "turn" in e]


def test_empty_reply_and_refusal_are_invalid_turns(run_eval):
    script = ["", {"text": "I can't help with that.", "stop_reason": "content_filter"}, "   ", "[3]"]
    value, meta, record = played(run_eval(number_guessing(**GAMES), model=scripted(script)))
    assert value["complete"] == 1.0 and value["r1"] == 0.0 and meta["stop_reason"] is None
    events = turns(record)
    assert [e["valid"] for e in events] == [False, False, False, True]
    assert [e["reason"] for e in events[:3]] == ["format", "format", "format"]
    assert [e.get("model_error") for e in events] == [
        "empty reply",
        "refusal (stop_reason=content_filter)",
        "empty reply",
        None,
    ]


def test_error_output_is_recorded_and_still_played(run_eval):
    script = [{"text": f"[{first_target()}]", "error": "partial response"}]
    value, _, record = played(run_eval(number_guessing(**GAMES), model=scripted(script)))
    first = turns(record)[0]
    assert first["model_error"] == "partial response" and first["result"] == "correct"
    assert value["r1"] == pytest.approx(0.98)


def test_provider_exception_ends_sequence_and_keeps_finished_games(run_eval):
    script = [f"[{first_target()}]", {"raise": "upstream 500 after retries"}]
    value, meta, record = played(run_eval(number_guessing(**GAMES), model=scripted(script)))
    assert meta["stop_reason"] == "model_error: RuntimeError: upstream 500 after retries"
    assert value["complete"] == 0.0 and value["episodes_completed"] == 1.0
    assert value["r1"] == pytest.approx(0.98) and math.isnan(value["r2"]) and math.isnan(value["cumulative"])
    assert record["events"][-1]["stop"] == meta["stop_reason"]


def test_exception_on_first_call_scores_an_empty_sequence(run_eval):
    value, meta, _ = played(run_eval(number_guessing(**GAMES), model=scripted([{"raise": "bad gateway"}])))
    assert meta["stop_reason"].startswith("model_error: ") and value["episodes_completed"] == 0.0
    assert math.isnan(value["r1"])


@pytest.mark.parametrize(
    "entry",
    [
        {"raise": "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens."},
        {"raise": "prompt is too long: 210000 tokens > 200000 maximum"},
        {"text": "[50", "stop_reason": "model_length"},
    ],
    ids=["openai-error", "anthropic-error", "model_length"],
)
def test_provider_context_overflow(run_eval, entry):
    value, meta, record = played(run_eval(number_guessing(**GAMES), model=scripted([f"[{first_target()}]", entry])))
    assert meta["stop_reason"] == "context_overflow" and value["complete"] == 0.0
    assert value["r1"] == pytest.approx(0.98) and math.isnan(value["gain"])
    assert len(turns(record)) == 1  # the overflowing reply is not played
    assert record["total_turns"] == 1


def test_max_context_tokens_budget(run_eval):
    full = played(run_eval(number_guessing(**GAMES), model=scripted([])))[2]
    used = [e["input_tokens"] + e["output_tokens"] for e in turns(full)]
    assert used == sorted(used) and len(used) == 4
    # A window that holds the third call but not the fourth: three turns are played.
    task = number_guessing(**GAMES, max_context_tokens=used[2])
    value, meta, record = played(run_eval(task, model=scripted([])))
    assert meta["stop_reason"] == "context_overflow" and len(turns(record)) == 3
    assert f"exceed max_context_tokens={used[2]}" in meta["stop_detail"]
    assert value["episodes_completed"] == 1.0 and value["r1"] == 0.0 and math.isnan(value["r2"])


def test_token_limit_is_its_own_stop_reason(run_eval):
    value, meta, _ = played(run_eval(number_guessing(**GAMES), model=scripted([]), token_limit=300))
    assert meta["stop_reason"] == "token_limit" and value["complete"] == 0.0


@pytest.mark.parametrize("bad", [0, -5, "many", 1.5])
def test_max_context_tokens_is_validated(bad):
    with pytest.raises(LatentGymError, match="max_context_tokens"):
        number_guessing(**GAMES, max_context_tokens=bad)


def test_solver_rejects_bad_budget():
    with pytest.raises(LatentGymError, match="max_context_tokens"):
        multi_episode(max_context_tokens=0)


# Faults mid-sequence: whatever the provider or the env does, the eval completes and every sample is
# scored, as a complete sequence or as an incomplete one with its reason; finished games keep their rewards.

SLOW = GenerateConfig(max_retries=1, attempt_timeout=1)


def test_hung_provider_times_out_and_ends_the_sequence(run_eval):
    # Game 1 solved, then the provider hangs on every attempt: Inspect cancels each attempt after
    # attempt_timeout, retries once, and gives up; the sequence stops with the error, game 1 kept.
    model = get_model(
        f"{PROVIDER}/script", script=[f"[{first_target()}]", {"sleep": 30}, {"sleep": 30}], memoize=False, config=SLOW
    )
    value, meta, record = played(run_eval(number_guessing(**GAMES), model=model))
    assert meta["stop_reason"] == "model_error: AttemptTimeoutError: attempt_timeout '1' exceeded."
    assert value["complete"] == 0.0 and value["episodes_completed"] == 1.0 and value["r1"] == pytest.approx(0.98)
    assert len(turns(record)) == 1


def test_slow_provider_that_recovers_is_retried(run_eval):
    # One hung attempt, then an answer: the retry plays on and the sequence completes.
    model = get_model(
        f"{PROVIDER}/script", script=[f"[{first_target()}]", {"sleep": 30}, "[3]"], memoize=False, config=SLOW
    )
    value, meta, record = played(run_eval(number_guessing(**GAMES), model=model))
    assert value["complete"] == 1.0 and meta["stop_reason"] is None
    assert [e["action"] for e in turns(record)][:2] == [f"[{first_target()}]", "[3]"]


def test_time_limit_mid_sequence(run_eval):
    script = [f"[{first_target()}]"] + [{"sleep": 0.5, "text": "[2]"}] * 20
    value, meta, _ = played(
        run_eval(number_guessing(**{**GAMES, "num_episodes": 6}), model=scripted(script), time_limit=2)
    )
    assert meta["stop_reason"] == "time_limit" and value["complete"] == 0.0
    assert value["r1"] == pytest.approx(0.98) and 1.0 <= value["episodes_completed"] < 6.0


def test_gigantic_replies_are_invalid_turns(run_eval):
    # A 1 MB reply and a bracketed 5,000-digit number (over Python's int-conversion limit), mid-sequence.
    huge_text = "lorem ipsum " * 90_000
    huge_number = "[" + "9" * 5000 + "]"
    script = [f"[{first_target()}]", huge_text, huge_number, "[3]"]
    log = run_eval(number_guessing(**{**GAMES, "max_turns": 3}), model=scripted(script))
    value, meta, record = played(log)
    played_turns = turns(record)
    assert played_turns[1]["valid"] is False and len(played_turns[1]["action"]) == 2000  # logged, truncated
    assert value["r1"] == pytest.approx(0.98)
    if meta["stop_reason"] is None:  # the engine read the huge number as an invalid guess
        assert value["complete"] == 1.0 and played_turns[2]["valid"] is False
    else:  # an engine that raises ends the sequence, named, instead of taking the eval down
        assert meta["stop_reason"].startswith("env_error: ") and value["complete"] == 0.0


def test_env_exception_ends_the_sequence_not_the_eval(run_eval, monkeypatch):
    task = number_guessing(**GAMES)
    sequence_class = type(task.dataset[0].metadata_as(SequenceSpec).sequence())
    original = sequence_class.step

    def step(self, action):
        if action == "[666]":
            raise ArithmeticError("engine bug")
        return original(self, action)

    monkeypatch.setattr(sequence_class, "step", step)
    value, meta, record = played(run_eval(task, model=scripted([f"[{first_target()}]", "[666]"])))
    assert meta["stop_reason"] == "env_error: ArithmeticError"
    assert meta["stop_detail"] == "ArithmeticError: engine bug"
    assert value["complete"] == 0.0 and value["episodes_completed"] == 1.0 and value["r1"] == pytest.approx(0.98)
    assert record["events"][-1]["action"] == "[666]"


def test_many_sequences_with_mixed_faults_all_scored(run_eval):
    # Eight sequences share one scripted provider, so the faults land in different sequences at
    # different points; the eval still completes and every sample has a score with a reason.
    script = ["", {"raise": "503"}, "[5]", {"text": "x" * 200_000}, {"raise": "reset"}, "[9]"] * 6
    log = run_eval(number_guessing(**{**GAMES, "n_sequences": 8}), model=scripted(script), max_connections=1)
    assert log.status == "success" and len(log.samples) == 8
    stops = []
    for sample in log.samples:
        assert not sample.error
        score = sample.scores["sequence_metrics"]
        stops.append(score.metadata["stop_reason"])
        assert score.metadata["complete"] == (score.metadata["stop_reason"] is None)
    assert any(s and s.startswith("model_error: ") for s in stops)


def test_inspect_termination_is_recognised_without_private_imports():
    from inspect_ai._util.exception import TerminateSampleError, TerminateTaskError  # the test may look inside

    from latentgym.solvers.multi_episode import is_control_flow

    assert is_control_flow(TerminateSampleError("stop")) and is_control_flow(TerminateTaskError("stop"))
    assert not is_control_flow(RuntimeError("TerminateSampleError"))
