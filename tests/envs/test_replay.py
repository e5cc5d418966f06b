"""Replay API: games from explicit configs, and the original's trajectory files."""

import json

import pytest

from latentgym.envs import LatentGymError, load_game, load_trajectories, resolve, write_trajectories


def test_load_game_reproduces_recorded_stream():
    config = {"target_number": 137, "min_range": 1, "max_range": 1000, "max_turns_per_episode": 10}
    stream = ["[500]", "[250]", "[125]", "x", "[137]"]
    g = load_game("number_guessing", config)
    g.reset()
    outcomes = [g.step(a) for a in stream]
    assert [o.info["outcome"] for o in outcomes] == ["lower", "lower", "higher", "invalid_format", "correct"]
    assert outcomes[-1].reward == pytest.approx(0.9)


def test_config_cap_wins_over_preset():
    config = {"target_number": 1, "min_range": 1, "max_range": 10, "max_turns_per_episode": 2}
    g = load_game("number_guessing", config, preset="default")
    g.reset()
    g.step("[5]")
    assert g.step("[5]").done


def test_load_game_unknown_param():
    with pytest.raises(LatentGymError, match="'bogus'"):
        load_game("number_guessing", {"target_number": 1}, bogus=1)


def test_trajectory_round_trip(tmp_path):
    env = resolve("number_guessing", "two_ranges", num_episodes=4, preset="rl_training")
    write_trajectories(env, [42, 43], tmp_path)
    loaded = load_trajectories(tmp_path)
    assert loaded.env == "number_guessing" and loaded.num_episodes == 4 and len(loaded.trajectories) == 2
    assert [{**c, "max_turns_per_episode": 10} for c in env.draw(43).configs] == list(loaded.draw(1).configs)
    assert loaded.environment().rules.max_turns_per_episode == 10


def test_original_format_minimal(tmp_path):
    """A directory in the original's layout, written by hand, loads and plays."""
    episodes = [
        {"target_number": t, "min_range": 1, "max_range": 1000, "max_turns_per_episode": 30} for t in (137, 793)
    ]
    (tmp_path / "traj_0000.json").write_text(
        json.dumps({"trajectory_id": 0, "latent_id": "set_of_2", "episodes": episodes})
    )
    (tmp_path / "manifest.json").write_text(
        json.dumps({"env_name": "number_guessing", "latent_id": "set_of_2", "num_episodes": 2})
    )
    loaded = load_trajectories(tmp_path)
    seq = loaded.environment().make(0, draw=loaded.draw(0))
    seq.start()
    assert seq.step("[137]").episode_done
    assert seq.step("[793]").done
