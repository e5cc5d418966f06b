"""Shared checks for mastermind, bandits and secretary: ids, full plays, determinism, fuzzing."""

from __future__ import annotations

import random

import pytest

from latentgym.agents.rollout import play_seed
from latentgym.envs import get_env, load_game, resolve
from tests.envs._spec_ids import spec_ids

ENVS = ("mastermind", "bandits", "secretary")
# The ids of tests/envs/latent_ids.txt, in order (written out so a change to either is noticed).
SPEC_ORDER = {
    "mastermind": """
    ascending descending consecutive first_not_equals_last all_same no_adjacent_same no_repeats
    contains_1 contains_2 contains_3 contains_4 contains_5 contains_6 mixed_parity has_extreme
    first_less_than_last first_greater_than_last sum_even sum_odd strictly_ascending
    strictly_descending first_equals_last palindrome alternating has_pair adjacent_same middle_same
    no_1 no_6 all_odd all_even all_low all_high no_extremes first_is_1 first_is_2 first_is_3
    first_is_4 first_is_5 first_is_6 last_is_1 last_is_2 last_is_3 last_is_4 last_is_5 last_is_6
    first_is_min last_is_max sum_low sum_high sum_divisible_by_3 has_triple all_prime no_prime
    """.split(),
    "bandits": """
    loyal_favorite_0 loyal_favorite_1 loyal_favorite_2 loyal_favorite_3 loyal_favorite_4
    binary_switch_0_1 binary_switch_0_last clockwise_rotation counterclockwise_rotation
    even_indices_only odd_indices_only one_hot fixed_probabilities bottom_excluded ping_pong shadow
    same_ranking top_two_fixed swap_top_two cycle_length_5 skip_2 skip_3 random_walk cold_hand
    hot_hand mirror_mode fibonacci prime_indices triangular
    """.split(),
    "secretary": """
    best_is_last best_is_first fixed_high first_half_bias second_half_bias fixed_position_0
    fixed_position_1 fixed_position_2 fixed_position_3 fixed_position_4 best_at_even best_at_odd
    threshold_05 alternating_position position_shift countdown third_rotation position_cycle_258
    position_cycle_1379 threshold_08 threshold_06 best_in_quarter_0 best_in_quarter_1
    best_in_quarter_2 best_in_quarter_3 step_function inverse_order sorted_order prime_positions
    valley_pattern mountain_pattern relative_jump early_decoy max_after_min ascending_spike
    fibonacci_positions modular_pattern mirror_episodes random_walk_position same_position_streak
    increasing_position
    """.split(),
}


EXPECTED_COUNTS = {"mastermind": 54, "bandits": 29, "secretary": 41}
COMPLEXITY_COUNTS = {"mastermind": (19, 32, 3, 0), "bandits": (14, 6, 5, 4), "secretary": (13, 12, 10, 6)}
PAIRS = [(env, lid) for env in ENVS for lid in get_env(env).latent_catalogue]


@pytest.mark.parametrize("env", ENVS)
def test_latent_ids_order_and_counts(env):
    ids = list(get_env(env).latent_catalogue)
    assert len(ids) == EXPECTED_COUNTS[env]
    assert ids == SPEC_ORDER[env]
    levels = [lat.complexity for lat in get_env(env).latent_catalogue.values()]
    assert tuple(levels.count(c) for c in ("easy", "medium", "hard", "very_hard")) == COMPLEXITY_COUNTS[env]
    assert ids == spec_ids(env)
    for latent in get_env(env).latent_catalogue.values():
        assert latent.description and latent.complexity in ("easy", "medium", "hard", "very_hard")
        if env != "mastermind":
            assert latent.hint and latent.reminder and latent.group


@pytest.mark.parametrize("env,latent_id", PAIRS)
def test_every_latent_plays_to_the_end(env, latent_id):
    environment = resolve(env, latent_id, "full_info", "information", 3)
    rollout = play_seed(environment, 11, "memoryless")
    assert rollout.complete and len(rollout.rewards) == 3
    assert all(0.0 <= r <= 1.0 for r in rollout.rewards)


@pytest.mark.parametrize("env", ENVS)
@pytest.mark.parametrize("agent", ["random", "memoryless", "adaptive", "oracle"])
def test_seeded_rollouts_are_deterministic(env, agent):
    latent_id = next(iter(get_env(env).latent_catalogue))
    environment = resolve(env, latent_id, "some_info", "standard", 4)
    assert environment.draw(3).configs == environment.draw(3).configs
    assert play_seed(environment, 3, agent) == play_seed(environment, 3, agent)


def _texts(rng: random.Random, env: str) -> list[str]:
    vocab = {
        "mastermind": ["[1 2 3 4]", "[1 1 1 1]", "[6 5 4 3]", "[1,2,3,4]", "[7 1 2 3]", "[12 3]", "[2 3 4 5]"],
        "bandits": ["[red]", "[blue]", "[Red]", "[select green]", "select: [yellow]", "[purple]", "[select]"],
        "secretary": ["[accept]", "[continue]", "[Accept]", " [continue] ", "[accept] [continue]"],
    }[env]
    pieces = vocab + [
        "",
        " ",
        "[",
        "]",
        "[]",
        "[[]]",
        "\u00e9\u4e2d\U0001f600",
        "```\n[red]\n```",
        "\n",
        "[" * 50 + "]" * 50,
    ]
    out = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.random()
        if kind < 0.1:
            out.append("x" * rng.randint(1000, 20000))
        elif kind < 0.2:
            out.append("".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(1, 50))))
        elif kind < 0.3:
            out.append("".join(f"[{rng.choice(vocab)}]" for _ in range(rng.randint(2, 30))))
        else:
            out.append(rng.choice(pieces))
    return ["".join(out)]


CONFIGS = {
    "mastermind": [
        {"secret_code": [1, 2, 3, 4], "duplicates_allowed": False, "max_turns_per_episode": 10},
        {"secret_code": [2, 2, 5, 5], "duplicates_allowed": True, "max_turns_per_episode": 3},
    ],
    "bandits": [
        {
            "ground_truth": {"red": 0.3, "blue": 0.8, "green": 0.2, "yellow": 0.1, "purple": 0.4},
            "max_turns_per_episode": 30,
        },
        {
            "ground_truth": {"red": 1.0, "blue": 0.0, "green": 0.0, "yellow": 0.0, "purple": 0.0},
            "max_turns_per_episode": 2,
        },
    ],
    "secretary": [{"draws": [0.1 * i for i in range(10)], "num_draws": 10, "max_turns_per_episode": 10}],
}


@pytest.mark.parametrize("env", ENVS)
def test_fuzz_engines(env):
    rng = random.Random(env)
    texts = 0
    presets = ["default", "rl_training"]
    while texts < 10_000:
        config = rng.choice(CONFIGS[env])
        params = {"safety_max_turns": rng.choice((5, 100))} if env == "secretary" else {}
        game = load_game(env, config, preset=rng.choice(presets), rng=random.Random(texts), **params)
        game.reset()
        cap = game.max_turns
        if env == "secretary" and game.rules.secretary_parse == "strict":
            cap = game.rules.safety_max_turns
        for t in range(1, cap + 1):
            step = game.step(_texts(rng, env)[0])
            texts += 1
            assert game.turn == t and step.done == game.done
            assert (step.reason is None) == step.valid or env == "secretary"
            assert 0.0 <= step.reward <= 1.0
            if step.done:
                break
        assert game.done and game.turn <= cap
        if env != "secretary" or game.rules.secretary_parse == "lenient":
            assert game.turn <= game.max_turns
