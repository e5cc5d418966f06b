"""Secretary: strict vs lenient parsing, forced acceptance, safety cap, rewards, latents."""

from __future__ import annotations

import random

import pytest

from latentgym.envs import LatentGymError, get_env, load_game
from latentgym.envs.secretary import secretary_reward

DRAWS = [0.2, 0.5, 0.9, 0.4, 0.1, 0.3, 0.6, 0.7, 0.8, 0.35]
CFG = {"draws": DRAWS, "num_draws": 10, "max_turns_per_episode": 10}


def game(**kw):
    g = load_game("secretary", CFG, **kw)
    g.reset()
    return g


@pytest.mark.parametrize(
    "mode,text,valid,moved",
    [
        ("strict", "[continue]", True, True),
        ("strict", "  [CONTINUE]\n", True, True),
        ("strict", "I will [continue]", False, False),
        ("strict", "[continue] [accept]", False, False),
        ("strict", "", False, False),
        ("lenient", "I will [Continue]", True, True),
        ("lenient", "blah", False, True),  # unreadable counts as continue
        ("lenient", "[accept] or [continue]", True, False),  # first match: accept
    ],
)
def test_parsing_modes(mode, text, valid, moved):
    g = game(secretary_parse=mode)
    step = g.step(text)
    assert step.valid == valid and g.turn == 1
    assert g.position == (1 if moved else 0)
    if not valid:
        assert step.reason == "format"


def test_lenient_notice_and_strict_error_reply():
    assert game(secretary_parse="lenient").step("hmm").reply.startswith("No action read")
    assert "exactly [accept] or [continue]" in game().step("hmm").reply


@pytest.mark.parametrize(
    "mode,last_reply,done",
    [
        ("strict", "[accept]", True),
        ("strict", "[continue]", True),
        ("strict", "nonsense", False),
        ("lenient", "nonsense", True),
    ],
)
def test_last_value_is_taken(mode, last_reply, done):
    g = game(secretary_parse=mode)
    for _ in range(9):
        g.step("[continue]")
    step = g.step(last_reply)
    assert step.done == done
    if done:
        assert step.info["accepted_position"] == 9
        assert step.reward == pytest.approx(0.5 * 0.35 / 0.9)


@pytest.mark.parametrize("cap", [1, 5, 100])
def test_strict_loop_ends_at_safety_cap_with_forced_acceptance(cap):
    g = game(safety_max_turns=cap)
    if cap > 1:
        g.step("[continue]")
    for t in range(g.turn + 1, cap + 1):
        step = g.step("I refuse")
        assert step.done == (t == cap) and g.turn == t
    assert step.info["accepted_position"] == (0 if cap == 1 else 1)
    assert (step.valid, step.reason) == (False, "format")
    assert step.reward == pytest.approx(secretary_reward(DRAWS[step.info["accepted_position"]], DRAWS))


def test_lenient_has_at_most_n_actions():
    g = game(secretary_parse="lenient")
    for t in range(1, 11):
        step = g.step("???")
        assert step.done == (t == 10)


@pytest.mark.parametrize(
    "value,draws,reward",
    [(0.9, DRAWS, 1.0), (0.45, DRAWS, 0.25), (0.0, DRAWS, 0.0), (1.0, [1.0, 1.0], 1.0), (0.5, [0.5, 1.0], 0.25)],
)
def test_reward_formula(value, draws, reward):
    assert secretary_reward(value, draws) == pytest.approx(reward)


def test_accept_ends_with_info_keys_and_feedback():
    g = game()
    g.step("[continue]")
    g.step("[continue]")
    step = g.step("[accept]")
    assert step.done and step.reward == 1.0 and step.result == ("accepted", 2)
    assert step.info == {
        "reward": 1.0,
        "draws": DRAWS,
        "max_value": 0.9,
        "max_position": 2,
        "accepted_value": 0.9,
        "accepted_position": 2,
        "num_draws": 10,
    }
    assert step.reply == "Accepted 3:0.9000."  # its own terminal reply (docs/deviations.md#terminal-reply)
    assert g.end_feedback(False) == "Max picked."
    values = "0.200, 0.500, 0.900, 0.400, 0.100, 0.300, 0.600, 0.700, 0.800, 0.350"
    assert g.end_feedback(True) == f"Max picked: 0.900 at 3. Values: {values}."


@pytest.mark.parametrize("mode,last,prefix", [("strict", "[continue]", ""), ("lenient", "?", "Last value taken. ")])
def test_observation_texts(mode, last, prefix):
    g = load_game("secretary", CFG, secretary_parse=mode)
    assert g.reset() == "1:0.2000"
    assert g.step("[continue]").reply == "2:0.5000"
    for _ in range(7):
        g.step("[continue]")
    assert g.step("[continue]").reply == "10:0.3500 (last)"
    assert g.step(last).reply == f"{prefix}Accepted 10:0.3500."
    assert g.end_feedback(False) == "Max missed."


def test_mismatched_config_is_rejected():
    with pytest.raises(LatentGymError):
        load_game("secretary", {"draws": DRAWS, "num_draws": 9})


def _top(draws):
    return draws.index(max(draws))


def _unique_max(d):
    return sum(x == max(d) for x in d) == 1


SETS = {
    "first_half_bias": range(5),
    "second_half_bias": range(5, 10),
    "best_at_even": (0, 2, 4, 6, 8),
    "best_at_odd": (1, 3, 5, 7, 9),
    "prime_positions": (2, 3, 5, 7),
    "fibonacci_positions": (1, 2, 3, 5, 8),
    "early_decoy": range(5, 10),
    "step_function": range(6, 10),
    "valley_pattern": (0, 9),
    "ascending_spike": range(5, 10),
    **{f"best_in_quarter_{q}": (2 * q, 2 * q + 1) for q in range(4)},
}
EXACT = {
    "best_is_last": lambda e: 9,
    "best_is_first": lambda e: 0,
    **{f"fixed_position_{k}": (lambda k: lambda e: k)(k) for k in range(5)},
    "position_shift": lambda e: e % 10,
    "modular_pattern": lambda e: e % 10,
    "countdown": lambda e: (9 - e) % 10,
    "position_cycle_258": lambda e: (2, 5, 8)[e % 3],
    "position_cycle_1379": lambda e: (1, 3, 7, 9)[e % 4],
    "increasing_position": lambda e: min(e, 9),
    "inverse_order": lambda e: 0,
    "sorted_order": lambda e: 9,
    "mountain_pattern": lambda e: 5,
}


def _check(lid, draws, e, prev):
    top = _top(draws)
    if lid in SETS:
        return top in SETS[lid]
    if lid in EXACT:
        return top == EXACT[lid](e)
    others = [v for i, v in enumerate(draws) if i != top]
    checks = {
        "fixed_high": lambda: draws[top] == 1.0 and max(others) <= 0.9,
        "threshold_05": lambda: 0.5 <= draws[top] <= 0.65 and max(others) <= 0.45,
        "threshold_08": lambda: 0.8 <= draws[top] <= 0.95 and max(others) <= 0.75,
        "threshold_06": lambda: 0.6 <= draws[top] <= 0.75 and max(others) <= 0.55,
        "alternating_position": lambda: top in (range(0, 3) if e % 2 == 0 else range(6, 10)),
        "third_rotation": lambda: top in (range(0, 3), range(3, 6), range(6, 10))[e % 3],
        "relative_jump": lambda: top >= 1 and 0.05 <= draws[top - 1] <= 0.25,
        "max_after_min": lambda: any(draws[j] <= 0.05 and top - j in (1, 2) for j in range(7)),
        "mirror_episodes": lambda: e == 0 or top == 9 - prev,
        "random_walk_position": lambda: e == 0 or (top - prev) % 10 in (1, 9),
        "same_position_streak": lambda: e % 3 == 0 or top == prev,
    }
    return checks[lid]()


def test_every_latent_is_checked():
    assert set(get_env("secretary").latent_catalogue) == set(SETS) | set(EXACT) | {
        "fixed_high",
        "threshold_05",
        "threshold_08",
        "threshold_06",
        "alternating_position",
        "third_rotation",
        "relative_jump",
        "max_after_min",
        "mirror_episodes",
        "random_walk_position",
        "same_position_streak",
    }


@pytest.mark.parametrize("latent_id", sorted(get_env("secretary").latent_catalogue))
def test_latent_property_holds(latent_id):
    latent = get_env("secretary").latent(latent_id)
    for seed in range(60):
        configs = latent.sample(random.Random(seed), 10).configs
        prev = None
        for e, cfg in enumerate(configs):
            draws = cfg["draws"]
            assert len(draws) == cfg["num_draws"] == 10 and all(0 <= v <= 1 for v in draws)
            assert _unique_max(draws), (latent_id, seed, e)
            assert _check(latent_id, draws, e, prev), (latent_id, seed, e, draws)
            prev = _top(draws)
