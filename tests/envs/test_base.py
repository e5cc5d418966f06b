"""The Game contract: keyword-built step results, info snapshots, and the base class's turn loop."""

import copy
import dataclasses

import pytest

from latentgym.agents.rollout import play_seed
from latentgym.envs import LatentGymError, list_envs, list_latents, load_game, resolve
from latentgym.envs.base import StepResult


def _replies_and_config(env):
    """A memoryless agent's replies in one game of ``env`` and that game's config."""
    latent = next(lat.id for lat in list_latents(env) if lat.id not in {"contains_TION"})
    environment = resolve(env, latent, num_episodes=1)
    rollout = play_seed(environment, 3, "memoryless")
    replies = [text for role, text in rollout.messages if role == "assistant"]
    return replies, environment.draw(3).configs[0], environment.rules.as_dict()


@pytest.mark.parametrize("env", list_envs())
def test_info_is_a_snapshot_of_its_own_turn_even_after_reset(env):
    replies, config, rules = _replies_and_config(env)
    game = load_game(env, config, **rules)
    game.reset()
    steps, seen = [], []
    for reply in ["nonsense without brackets", *replies]:
        if game.done:
            break
        step = game.step(reply)
        steps.append(step)
        seen.append(copy.deepcopy(dict(step.info)))
    game.reset()
    game.step(replies[0])
    assert [dict(s.info) for s in steps] == seen
    assert all(s.reward == 0.0 for s in steps if not s.done) and steps[-1].done


def test_step_results_are_built_by_keyword_and_frozen():
    with pytest.raises(TypeError):
        StepResult("reply", True)  # type: ignore[misc]
    step = StepResult(reply="r", valid=True)
    assert (step.reason, step.result, step.done, step.reward, dict(step.info)) == (None, None, False, 0.0, {})
    with pytest.raises(dataclasses.FrozenInstanceError):
        step.reward = 1.0  # type: ignore[misc]


def test_the_base_class_owns_the_cap_and_the_after_end_guard():
    game = load_game("number_guessing", {"target_number": 500}, max_turns_per_episode=2)
    game.reset()
    first = game.step("[100]")
    assert not first.done and first.reward == 0.0 and game.turn == 1
    last = game.step("no number")
    assert last.done and last.reason == "format" and last.reply.endswith("No guesses left.")
    with pytest.raises(RuntimeError, match="after the episode ended"):
        game.step("[500]")
    assert game.reset() and game.step("[500]").reward == pytest.approx(0.98)


def test_episode_configs_are_parsed_once_with_clear_errors():
    game = load_game("number_guessing", {"target_number": "137", "hub_word": "ignored"})
    assert game.config.target_number == 137 and game.config.max_range == 1000
    with pytest.raises(LatentGymError, match="needs 'target_number'"):
        load_game("number_guessing", {"target": 137})
    with pytest.raises(LatentGymError, match="bad value target_number='abc'"):
        load_game("number_guessing", {"target_number": "abc"})
    assert game.config.as_dict() == {"target_number": 137, "min_range": 1, "max_range": 1000}
