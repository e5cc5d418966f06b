"""Catalogue resolution, listings and clear errors for bad input."""

import pytest

from latentgym.envs import (
    LatentGymError,
    from_name,
    list_envs,
    list_feedbacks,
    list_latents,
    list_prompts,
    parse_name,
    resolve,
    rule_parameters,
)


def test_name_round_trip():
    env = resolve("number_guessing", "two_ranges", "some_info", "standard", 2)
    assert env.name == "number_guessing/two_ranges/some_info/standard/ep2"
    assert from_name(env.name).name == env.name


def test_default_num_episodes_and_presets():
    env = resolve("number_guessing", "set_of_3")
    assert env.num_episodes == 10 and env.rules.max_turns_per_episode == 30
    rl = resolve("number_guessing", "set_of_3", preset="rl_training")
    assert rl.rules.max_turns_per_episode == 10
    explicit = resolve("number_guessing", "set_of_3", preset="rl_training", max_turns_per_episode=7)
    assert explicit.rules.max_turns_per_episode == 7
    assert all("max_turns_per_episode" not in c for c in explicit.draw(0).configs)  # the cap lives in the rules
    assert "You have 7 guesses" in explicit.make(0).start().user


def test_listings():
    assert "number_guessing" in list_envs()
    rows = list_latents("number_guessing")
    assert [r.id for r in rows] == [
        "set_of_2",
        "set_of_3",
        "range_100",
        "range_1000",
        "dynamic_range",
        "dynamic_full_range",
        "two_ranges",
    ]
    assert all(r.description and r.complexity in {"easy", "medium", "hard", "very_hard"} for r in rows)
    assert set(list_prompts()) == {"no_info", "some_info", "full_info"}
    assert set(list_feedbacks()) == {"standard", "information"}
    assert rule_parameters("number_guessing")["max_turns_per_episode"] == 30


@pytest.mark.parametrize(
    "kwargs, fragments",
    [
        ({"env": "chess", "latent": "x"}, ["env", "'chess'", "number_guessing"]),
        ({"env": "number_guessing", "latent": "set_of_9"}, ["'set_of_9'", "set_of_3"]),
        ({"env": "number_guessing", "latent": "set_of_3", "prompt": "lots"}, ["'lots'", "full_info"]),
        ({"env": "number_guessing", "latent": "set_of_3", "feedback": "all"}, ["'all'", "information"]),
        ({"env": "number_guessing", "latent": "set_of_3", "num_episodes": 0}, ["num_episodes", "0"]),
        ({"env": "number_guessing", "latent": "set_of_3", "num_episodes": -3}, ["num_episodes", "-3"]),
        ({"env": "number_guessing", "latent": "set_of_3", "preset": "fast"}, ["'fast'", "rl_training"]),
        ({"env": "number_guessing", "latent": "set_of_3", "max_turns": 5}, ["'max_turns'", "max_turns_per_episode"]),
        ({"env": "number_guessing", "latent": "set_of_3", "max_turns_per_episode": 0}, ["max_turns_per_episode=0"]),
    ],
)
def test_bad_input_is_named(kwargs, fragments):
    with pytest.raises(LatentGymError) as err:
        resolve(**kwargs)
    for fragment in fragments:
        assert fragment in str(err.value)


@pytest.mark.parametrize("name", ["number_guessing/set_of_3", "a/b/c/d/10", "a/b/c/d/epX"])
def test_bad_names(name):
    with pytest.raises(LatentGymError, match="env/latent/prompt/feedback/epN"):
        parse_name(name)


def test_rule_bounds_refuse_absurd_values():
    with pytest.raises(LatentGymError, match="max_turns_per_episode=1000000000: must be <= 10000"):
        resolve("number_guessing", "set_of_3", max_turns_per_episode=10**9)
    with pytest.raises(LatentGymError, match="must be <= safety_max_turns=100"):
        resolve("wordle", "starts_with_S", max_turns_per_episode=400)
    env = resolve("wordle", "starts_with_S", max_turns_per_episode=400, safety_max_turns=400)
    assert env.rules.max_turns_per_episode == 400
    with pytest.raises(LatentGymError, match="below num_episodes=5"):
        resolve("number_guessing", "set_of_3", num_episodes=5).make(0, max_total_turns=4)


def test_unplayable_latents_are_listed_with_a_reason():
    rows = {row.id: row for row in list_latents("wordle")}
    assert rows["contains_TION"].unplayable and "0 candidates" in rows["contains_TION"].unplayable
    assert rows["starts_with_S"].unplayable is None
    with pytest.raises(LatentGymError, match="contains_TION.*cannot generate episodes"):
        resolve("wordle", "contains_TION").draw(0)
