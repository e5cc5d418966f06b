"""Real-model misbehaviour, offline: empty replies, refusals, provider errors, context overflow.

Every case must end with a successful eval whose sample is scored: finished games keep their
rewards, and an early stop is flagged with its reason.
"""

import math

import pytest
from inspect_ai.model import GenerateConfig, get_model

from latentgym.envs import LatentGymError
from latentgym.solvers import multi_episode
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
    assert [e.get("model_error") for e in events] == ["empty reply", "refusal (stop_reason=content_filter)", "empty reply", None]


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
