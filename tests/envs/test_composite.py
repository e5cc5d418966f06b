"""Cross-episode latents: schedules, per-base streams, hints, oracle, registration."""

import pytest

from latentgym.agents.rollout import play_seed
from latentgym.envs import LatentGymError, list_cross_episode_latents, list_envs, resolve
from latentgym.envs.composite import CROSS_EPISODE, schedule


@pytest.mark.parametrize(
    "pattern, cycle, bases, n, expected",
    [
        ("alternating", 1, 2, 5, [0, 1, 0, 1, 0]),
        ("alternating", 1, 3, 4, [0, 1, 2, 0]),
        ("cyclic", 3, 2, 8, [0, 0, 0, 1, 1, 1, 0, 0]),
        ("progressive", 1, 2, 10, [0] * 5 + [1] * 5),
        ("progressive", 1, 3, 7, [0, 0, 0, 1, 1, 2, 2]),
    ],
)
def test_schedule(pattern, cycle, bases, n, expected):
    assert schedule(pattern, cycle, bases, n) == expected


def test_each_game_follows_its_base():
    env = resolve("number_guessing", "cyclic2:set_of_3+two_ranges", "full_info", num_episodes=8)
    for seed in range(50):
        draw = env.draw(seed)
        values = draw.context["contexts"][0]["values"]
        ranges = draw.context["contexts"][1]["intervals"]
        for e, config in enumerate(draw.configs):
            t = config["target_number"]
            if draw.context["schedule"][e] == 0:
                assert t in values
            else:
                assert any(a <= t <= b for a, b in ranges)


def test_texts_built_from_parts():
    env = resolve("number_guessing", "alternating:set_of_2+range_100", "full_info", num_episodes=4)
    assert env.latent.mode == "composite" and env.latent.complexity == "hard"
    system = env.make(0).start().system
    assert "switching every game" in system and "2 specific numbers" in system and "width 100" in system


@pytest.mark.parametrize(
    "latent, fragment",
    [
        ("alternating:set_of_2", "at least two"),
        ("alternating:set_of_2+nope", "'nope'"),
        ("zigzag:set_of_2+range_100", "zigzag"),
        ("alternating:set_of_2+alternating:set_of_3+range_100", "base latent"),
    ],
)
def test_errors(latent, fragment):
    with pytest.raises(LatentGymError, match=fragment):
        resolve("number_guessing", latent)


def test_oracle_uses_each_games_base_context():
    env = resolve("number_guessing", "alternating:set_of_2+range_100", "full_info", num_episodes=6)
    oracle = [sum(play_seed(env, s, "oracle").rewards) for s in range(10)]
    memoryless = [sum(play_seed(env, s, "memoryless").rewards) for s in range(10)]
    assert sum(oracle) > sum(memoryless) + 3


def test_registered_cross_episode_latents_generate():
    for env in list_envs():
        rows = list_cross_episode_latents(env)
        assert [r.id for r in rows] == list(CROSS_EPISODE.get(env, ()))
        for row in rows:
            assert len(resolve(env, row.id, num_episodes=4).draw(1).configs) == 4
