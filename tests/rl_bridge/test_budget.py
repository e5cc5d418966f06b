"""Context budget: token length of scripted rollouts with a small local tokenizer."""

from __future__ import annotations

import logging

import pytest

from latentgym.envs import LatentGymError
from latentgym.rl_bridge.budget import count_tokens, load_tokenizer, measure, scripted_messages
from latentgym.rl_bridge.data import DataConfig, build, entries_from
from latentgym.rl_bridge.task import TaskSpec

transformers = pytest.importorskip("transformers")
tokenizers = pytest.importorskip("tokenizers")

CHAT_TEMPLATE = (
    "{% for m in messages %}<|{{ m['role'] }}|> {{ m['content'] }} <|end|> {% endfor %}"
    "{% if add_generation_prompt %}<|assistant|> {% endif %}"
)


def make_tokenizer(directory, chat_template: str | None = None) -> str:
    """A WordLevel tokenizer trained on game text, saved as a local HF tokenizer directory."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    spec = TaskSpec.from_name("number_guessing/set_of_3/full_info/standard/ep3", seed=1)
    corpus = [m["content"] for m in scripted_messages(spec, "adaptive")[0]]
    tok = Tokenizer(models.WordLevel(unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.train_from_iterator(corpus, trainers.WordLevelTrainer(special_tokens=["[UNK]", "<|end|>"]))
    fast = transformers.PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", eos_token="<|end|>")
    if chat_template:
        fast.chat_template = chat_template
    fast.save_pretrained(str(directory))
    return str(directory)


@pytest.fixture(scope="module")
def plain_tokenizer(tmp_path_factory):
    return make_tokenizer(tmp_path_factory.mktemp("tok_plain"))


@pytest.fixture(scope="module")
def chat_tokenizer(tmp_path_factory):
    return make_tokenizer(tmp_path_factory.mktemp("tok_chat"), CHAT_TEMPLATE)


def test_plain_join_counts_words(plain_tokenizer):
    tok = load_tokenizer(plain_tokenizer)
    messages = [{"role": "system", "content": "Game over"}, {"role": "user", "content": "higher"}]
    # "system", ":", "Game", "over", "user", ":", "higher" under the whitespace pre-tokenizer.
    assert count_tokens(messages, tok) == 7


def test_chat_template_is_used_when_present(chat_tokenizer, plain_tokenizer):
    messages = [{"role": "system", "content": "Game over"}, {"role": "user", "content": "higher"}]
    with_template = count_tokens(messages, load_tokenizer(chat_tokenizer))
    assert with_template != count_tokens(messages, load_tokenizer(plain_tokenizer))
    assert with_template > 0


def test_measure_grows_with_episodes(plain_tokenizer):
    tok = load_tokenizer(plain_tokenizer)
    short = measure(TaskSpec.from_name("number_guessing/set_of_3/full_info/standard/ep1"), [42, 43], tok)
    long = measure(TaskSpec.from_name("number_guessing/set_of_3/full_info/standard/ep10"), [42, 43], tok)
    assert short.seeds == 2 and short.complete_share == 1.0
    assert long.min_tokens > short.max_tokens


def test_tokenizer_must_be_local(tmp_path):
    with pytest.raises(LatentGymError, match="does not exist"):
        load_tokenizer(tmp_path / "Qwen" / "missing")


@pytest.mark.parametrize("action", ["warn", "error", "drop"])
def test_over_budget_tasks(action, plain_tokenizer, tmp_path, caplog):
    names = ["number_guessing/set_of_3/full_info/standard/ep10", "number_guessing/set_of_3/full_info/standard/ep1"]
    entries = entries_from(names, [], preset="rl_training", n_train=2, n_eval=1)
    small = measure(entries[1].spec, [42], load_tokenizer(plain_tokenizer)).max_tokens
    config = DataConfig(tokenizer=plain_tokenizer, max_tokens=small * 3, on_overflow=action, budget_seeds=2)
    if action == "error":
        with pytest.raises(LatentGymError, match="ep10"):
            build(entries, tmp_path, config)
        return
    with caplog.at_level(logging.WARNING):
        manifest = build(entries, tmp_path, config)
    assert "ep10" in caplog.text
    kept = [t["task"] for t in manifest["tasks"]]
    if action == "drop":
        assert kept == [names[1]] and manifest["dropped"] == [names[0]]
        assert manifest["splits"]["train"]["rows"] == 2
    else:
        assert kept == names and manifest["tasks"][0]["over_budget"]
        assert manifest["tasks"][1]["tokens"]["max_tokens"] <= small * 3


def test_max_tokens_needs_a_tokenizer():
    with pytest.raises(LatentGymError, match="tokenizer"):
        DataConfig(max_tokens=100)
