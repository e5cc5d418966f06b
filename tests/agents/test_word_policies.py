import time

import pytest

from latentgym.agents.policies.wordladder import posterior
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


def test_wordladder_adaptive_exploits_a_recurring_hub_in_late_games():
    e = resolve("wordladder", "hub_word_4letter", "no_info")
    late = {a: sum(sum(play_seed(e, s, a).rewards[2:]) for s in range(6)) for a in ("memoryless", "adaptive")}
    assert late["adaptive"] > late["memoryless"] + 0.5


@pytest.mark.parametrize("latent", ["hub_word_4letter", "restricted_vocab_4letter", "family_ends_e"])
def test_wordladder_posterior_singles_out_the_latent_from_earlier_pairs(latent):
    kind = {"hub_word_4letter": "hub", "restricted_vocab_4letter": "vocab"}.get(latent, "filter")
    for seed in range(3):
        draw = resolve("wordladder", latent, "no_info").draw(seed)
        pairs = tuple((c["start_word"], c["target_word"]) for c in draw.configs[:3])
        ranked = posterior(pairs, (), len(draw.configs), "")
        truth = draw.context.get("hub_word") or latent
        vocabulary = frozenset(draw.context.get("vocabulary", ()))
        shares = [p for h, p in ranked if h.key == truth or (vocabulary and h.vocabulary == vocabulary)]
        assert shares and shares[0] >= 0.2  # two neighbouring hubs may both fit three pairs
        assert ranked[0][0].kind == kind
