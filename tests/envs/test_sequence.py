"""The N-episode protocol: message layout, boundaries, reward types, sequence cap."""

import pytest

from latentgym.envs import SequenceSummary, resolve
from latentgym.envs.sequence import END_RE, HEADER_RE


def solve_all(seq):
    """Play every game by guessing the hidden target (the env's configs are known here)."""
    steps = []
    while not seq.done:
        target = seq.configs[seq.episode_index]["target_number"]
        steps.append(seq.step(f"[{target + 1 if target < 1000 else target - 1}]"))
        steps.append(seq.step(f"[{target}]"))
    return steps


def test_layout_and_boundaries():
    env = resolve("number_guessing", "set_of_3", "some_info", "information", 3)
    seq = env.make(5)
    opening = seq.start()
    assert "3 games" in opening.system and "pattern" in opening.system
    assert HEADER_RE.search(opening.user).groups() == ("1", "3", "Number Guessing")
    steps = solve_all(seq)
    assert [s.episode_done for s in steps] == [False, True] * 3
    boundary = steps[1].observation
    assert END_RE.search(boundary) and HEADER_RE.search(boundary).group(1) == "2"
    assert "Use what the earlier games showed." in boundary
    assert "The number was" in boundary  # information feedback reveals the target
    final = steps[-1]
    assert final.done and END_RE.search(final.observation) and not HEADER_RE.search(final.observation)
    assert final.metadata["episode_rewards"] == pytest.approx([0.96] * 3)
    assert seq.turns_per_episode == (2, 2, 2)


def test_no_info_has_no_hint_and_full_info_uses_latent_hint():
    no = resolve("number_guessing", "set_of_2", "no_info").make(1).start().system
    full = resolve("number_guessing", "set_of_2", "full_info").make(1).start().system
    assert "pattern" not in no and "2 specific numbers" in full


@pytest.mark.parametrize(
    "reward_type, expected_final, expected_mid",
    [("cumulative", 0.96 * 3, 0.0), ("terminal", 0.96, 0.0), ("improvement", 0.0, 0.0), ("per_episode", 0.96, 0.96)],
)
def test_reward_types(reward_type, expected_final, expected_mid):
    seq = resolve("number_guessing", "set_of_3", num_episodes=3).make(2, reward_type=reward_type)
    seq.start()
    steps = solve_all(seq)
    assert steps[1].reward == pytest.approx(expected_mid)
    assert steps[-1].reward == pytest.approx(expected_final)
    assert sum(s.reward for s in steps) == pytest.approx(expected_final + 2 * expected_mid)


def test_sequence_cap_truncates():
    seq = resolve("number_guessing", "set_of_3", num_episodes=2).make(0, max_total_turns=35)
    seq.start()
    steps = [seq.step("nothing") for _ in range(35)]
    assert steps[-1].truncated and not steps[-1].done
    assert seq.episode_rewards == (0.0,)
    with pytest.raises(RuntimeError):
        seq.step("[1]")


def test_step_metadata_counters():
    seq = resolve("number_guessing", "set_of_3", num_episodes=2).make(0)
    seq.start()
    first = seq.step("[1]")
    assert first.metadata["turn"] == 1 and first.metadata["episode"] == 0 and first.metadata["episode_turn"] == 1


@pytest.mark.parametrize(
    "rewards, n, cumulative, gain, final, complete",
    [
        ((0.5, 0.7, 0.9), 3, 2.1, 0.4, 0.9, True),
        ((0.5,), 1, 0.5, 0.0, 0.5, True),
        ((0.5, 0.7), 3, 1.2, None, None, False),
    ],
)
def test_summary(rewards, n, cumulative, gain, final, complete):
    s = SequenceSummary(rewards, n)
    assert s.cumulative == pytest.approx(cumulative) and s.complete is complete
    assert s.gain == (pytest.approx(gain) if gain is not None else None)
    assert s.final == final
    assert s.tail(1) == (pytest.approx(sum(rewards[1:])) if complete else None)
