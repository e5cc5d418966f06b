"""The RL bridge's token budget measured with SmolLM2's real tokenizer and chat template."""

from __future__ import annotations

import pytest

from latentgym.rl_bridge.budget import count_tokens, load_tokenizer, measure
from latentgym.rl_bridge.task import TaskSpec
from tests.smollm2_tokenizer import SMOLLM2_MISSING, smollm2_tokenizer_dir

pytestmark = pytest.mark.smollm2


@pytest.fixture(scope="module")
def tokenizer():
    path = smollm2_tokenizer_dir()
    if path is None:
        pytest.skip(SMOLLM2_MISSING)
    return load_tokenizer(path)


def test_real_tokenizer_counts_rollouts(tokenizer):
    assert tokenizer.chat_template, "the converted SmolLM2 directory must carry its chat template"
    task = TaskSpec(env="number_guessing", latent="set_of_3", prompt="full_info", num_episodes=10, preset="rl_training")
    stats = measure(task, range(42, 47), tokenizer, agent="adaptive")
    assert stats.complete_share == 1.0
    # Chat-template tokens of a 10-game scripted sequence: well above the word count, below 8k.
    assert 1500 < stats.min_tokens <= stats.mean_tokens <= stats.max_tokens < 8000


def test_chat_template_adds_tokens(tokenizer):
    messages = [{"role": "system", "content": "Guess [500]."}, {"role": "user", "content": "Game 1 of 1"}]
    plain = len(tokenizer.encode("Guess [500].\nGame 1 of 1", add_special_tokens=False))
    assert count_tokens(messages, tokenizer) > plain
