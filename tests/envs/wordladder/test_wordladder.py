import random
import subprocess
import sys
import time

import pytest

from latentgym.envs import get_env, load_game, resolve
from latentgym.envs._words import dictionary
from latentgym.envs.wordladder.graph import LadderGraph, differs_by_one
from latentgym.envs.wordladder.latents import filter_pairs, graph
from latentgym.envs.wordladder.precompute import hub_pairs, vocabulary_pairs
from latentgym.envs.wordladder.properties import PATH_PROPERTIES
from tests.envs._fuzz import texts
from tests.envs._spec_ids import spec_ids

CONFIG = {
    "start_word": "cold",
    "target_word": "warm",
    "optimal_path": ["cold", "cord", "card", "ward", "warm"],
    "optimal_steps": 4,
}


def game(T=20, **cfg):
    g = load_game("wordladder", {**CONFIG, **cfg, "max_turns_per_episode": T})
    g.reset()
    return g


@pytest.mark.parametrize(
    "text,reason",
    [
        ("none", "format"),
        ("[co]", "wrong_length"),
        ("[xqzz]", "not_a_word"),
        ("[cxld]", "not_a_word"),
        ("[warm]", "not_one_letter"),
        ("[cold]", "not_one_letter"),
    ],
)
def test_check_order(text, reason):
    step = game().step(text)
    assert (step.valid, step.reason) == (False, reason)


def test_parse_uses_first_bracket_that_differs():
    step = game().step("[cold] -> [cord]")
    assert step.valid and step.result == ["cold", "cord"]


def test_solved_reward_with_extra_steps():
    g = game()
    for w in ["cord", "card", "ward"]:
        assert g.step(f"[{w}]").valid
    step = g.step("[warm]")
    assert step.done and step.reward == 1.0 and "Solved" in step.reply
    g = game(optimal_steps=2)
    for w in ["cord", "card", "ward"]:
        g.step(f"[{w}]")
    assert g.step("[warm]").reward == pytest.approx(0.94)


def test_unsolved_partial_credit_at_cap():
    g = game(T=2)
    g.step("[cord]")
    step = g.step("[card]")
    assert step.done and g.turn == 2 and step.reward == pytest.approx(0.5)


def test_graph_canonical_order():
    g = LadderGraph(("cat", "cot", "cog", "dog", "dot", "cat"))
    assert g.words == ("cat", "cog", "cot", "dog", "dot")
    assert list(g.paths("cat", "dog")) == [
        ["cat", "cot", "dot", "dog"],
        ["cat", "cot", "cog", "dog"],
    ]  # position 0 first
    assert g.distance("cat", "dog") == 3 and differs_by_one("cat", "cot") and not differs_by_one("cat", "dog")


def test_latent_ids_match_spec():
    assert list(get_env("wordladder").latent_catalogue) == spec_ids("wordladder")


def test_vocabulary_in_dictionary():
    for n in (3, 4, 5):
        assert set(graph(n).words) <= dictionary()


@pytest.mark.parametrize("latent_id", spec_ids("wordladder"))
def test_latent_properties(latent_id):
    env = resolve("wordladder", latent_id, num_episodes=5)
    for seed in range(10):
        draw = env.draw(seed)
        pairs = [(c["start_word"], c["target_word"]) for c in draw.configs]
        assert len(set(pairs)) == 5
        for c in draw.configs:
            g = graph(len(c["start_word"]))
            path = c["optimal_path"]
            assert path[0] == c["start_word"] and path[-1] == c["target_word"]
            assert c["optimal_steps"] == len(path) - 1 == g.distance(c["start_word"], c["target_word"])
            assert all(differs_by_one(a, b) and b in dictionary() for a, b in zip(path, path[1:]))
            if latent_id in PATH_PROPERTIES:
                first = [p for _, p in zip(range(20), g.paths(c["start_word"], c["target_word"]))]
                assert any(PATH_PROPERTIES[latent_id](p) for p in first)
            if latent_id.startswith("hub_word"):
                hub = draw.context["hub_word"]
                assert c["hub_word"] == hub and hub in path[1:-1] and c["start_word"] < c["target_word"]
                assert 3 <= c["optimal_steps"] <= 6
            if latent_id.startswith("restricted_vocab"):
                assert set(path) <= set(draw.context["vocabulary"]) and c["start_word"] < c["target_word"]


def test_committed_hub_pairs_match_recomputation():
    from latentgym.envs._words import ladder_data

    data = ladder_data()["hubs"]["5"]
    g = graph(5)
    for hub in sorted(data)[:3]:
        assert [tuple(p) for p in data[hub]] == hub_pairs(g, hub)
    vocab, pairs = ladder_data()["vocabularies"]["5"][0]
    assert [tuple(p) for p in pairs] == vocabulary_pairs(g, vocab)


def test_filter_pools_nonempty():
    for latent_id in PATH_PROPERTIES:
        assert len(filter_pairs(latent_id)) >= 10, latent_id


def test_generation_is_fast():
    env = resolve("wordladder", "order_outside_in", num_episodes=5)
    env.draw(0)
    start = time.perf_counter()
    for seed in range(1000):
        env.draw(seed)
    assert time.perf_counter() - start < 2.0  # ~0.1 ms each when idle


def test_generation_pure_and_hash_seed_independent():
    code = (
        "from latentgym.envs import resolve\n"
        "for lid in ['hub_word_3letter','restricted_vocab_4letter','family_ends_e']:\n"
        "    print([c['optimal_path'] for c in resolve('wordladder',lid,num_episodes=5).draw(7).configs])"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": s, "PYTHONPATH": "."},
        ).stdout
        for s in ("0", "12345")
    }
    assert len(outs) == 1
    env = resolve("wordladder", "hub_word_4letter", num_episodes=5)
    alone = env.draw(7)
    for seed in range(7):
        env.draw(seed)
    assert env.draw(7) == alone


def test_presets():
    assert get_env("wordladder").make_rules("rl_training").max_turns_per_episode == 10


def test_fuzz_engine_accounts_every_turn():
    rng = random.Random(2)
    words = list(graph(4).words)
    inputs = texts(rng, words + ["cord", "card", "ward", "warm"], 10_000)
    g = None
    for text in inputs:
        if g is None or g.done:
            g = game(T=rng.choice([1, 5, 20]))
        before = g.turn
        step = g.step(text)
        assert g.turn == before + 1 and step.done == g.done and g.turn <= g.max_turns
        assert step.done == (g.solved or g.turn == g.max_turns)
        assert 0.0 <= step.reward <= 1.0
