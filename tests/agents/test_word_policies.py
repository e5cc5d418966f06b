import time

import pytest

from latentgym.agents.rollout import play_seed
from latentgym.envs import get_env, resolve

CASES = [
    (env, lid)
    for env in ("wordle", "hangman", "wordladder")
    for lid in get_env(env).latent_catalogue
    if lid != "contains_TION"
]


@pytest.mark.parametrize("env,latent", CASES)
def test_memoryless_plays_every_latent_to_the_end(env, latent):
    rollout = play_seed(resolve(env, latent, "full_info", "information", 3), 0, "memoryless")
    assert rollout.complete and len(rollout.rewards) == 3


@pytest.mark.parametrize(
    "env,latent", [("wordle", "starts_with_S"), ("hangman", "category_animals"), ("wordladder", "hub_word_4letter")]
)
@pytest.mark.parametrize("agent", ["random", "memoryless", "adaptive", "oracle"])
def test_agents_are_fast_and_complete(env, latent, agent):
    e = resolve(env, latent, "full_info", "standard", 10)
    play_seed(e, 0, agent)  # warm caches
    start = time.perf_counter()
    rollout = play_seed(e, 1, agent)
    assert rollout.complete and time.perf_counter() - start < 1.0


@pytest.mark.parametrize("env,latent", [("wordle", "category_fruits"), ("hangman", "category_body_parts")])
def test_adaptive_and_oracle_beat_memoryless_on_small_sets(env, latent):
    e = resolve(env, latent, "full_info", "information", 10, **({"turn_penalty": 0.1} if env == "wordle" else {}))
    totals = {
        a: sum(sum(play_seed(e, 42 + s, a).rewards) for s in range(3)) for a in ("memoryless", "adaptive", "oracle")
    }
    assert totals["adaptive"] > totals["memoryless"] and totals["oracle"] > totals["memoryless"]
