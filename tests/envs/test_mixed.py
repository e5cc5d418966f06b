"""Mixed-environment sequences: schedules, shared latents, determinism, transfer."""

import statistics

import pytest

from latentgym.agents.rollout import play_seed
from latentgym.envs import LatentGymError, resolve
from latentgym.envs.mixed import MIXED_SUITES, schedule_for
from latentgym.envs.sequence import HEADER_RE


@pytest.mark.parametrize(
    "spec, envs, n, expected",
    [
        ("alternating", 2, 5, [0, 1, 0, 1, 0]),
        ("alternating", 3, 4, [0, 1, 2, 0]),
        ("blocks", 2, 10, [0] * 5 + [1] * 5),
        ("blocks2", 2, 6, [0, 0, 1, 1, 0, 0]),
        ("0-0-1", 2, 7, [0, 0, 1, 0, 0, 1, 0]),
    ],
)
def test_schedules(spec, envs, n, expected):
    assert schedule_for(spec, envs, n) == expected


@pytest.mark.parametrize(
    "env, latent, fragments",
    [
        ("mixed:wordle+hangman:alternating", "length_5", ["'length_5'", "wordle", "starts_with_S"]),
        ("mixed:wordle+hangman:alternating", "has_rare_letter", ["has_rare_letter", "Q, X, Z"]),
        ("mixed:wordle+hangman:zigzag", "starts_with_S", ["zigzag", "alternating"]),
        ("mixed:wordle+hangman:0-2", "starts_with_S", ["index 2"]),
        ("mixed:wordle+chess:alternating", "starts_with_S", ["'chess'"]),
        ("mixed:wordle+wordle:alternating", "starts_with_S", ["twice"]),
        ("mixed:wordle", "starts_with_S", ["mixed:<env>+<env>"]),
    ],
)
def test_validation_errors(env, latent, fragments):
    with pytest.raises(LatentGymError) as err:
        resolve(env, latent, num_episodes=4)
    for fragment in fragments:
        assert fragment in str(err.value)


def test_games_follow_schedule_and_share_latent():
    env = resolve("mixed:wordle+hangman:alternating", "starts_with_S", "full_info", "standard", 6)
    assert env.name == "mixed:wordle+hangman:alternating/starts_with_S/full_info/standard/ep6"
    for seed in range(20):
        draw = env.draw(seed)
        assert all(c["target_word"].lower().startswith("s") for c in draw.configs)
        assert draw.context["env_schedule"] == [0, 1, 0, 1, 0, 1]
    rollout = play_seed(env, 3, "memoryless")
    headers = [m for role, text in rollout.messages if role == "user" for m in HEADER_RE.findall(text)]
    assert [h[2] for h in headers] == ["Wordle", "Hangman"] * 3
    assert rollout.complete and len(rollout.rewards) == 6
    system = rollout.messages[0][1]
    assert "Wordle, Hangman" in system and "S" in system


def test_each_kind_states_its_rules_once():
    env = resolve("mixed:wordle+hangman:alternating", "starts_with_S", num_episodes=4)
    user_texts = [t for r, t in play_seed(env, 0, "memoryless").messages if r == "user"]
    joined = "\n".join(user_texts)
    assert joined.count("games of Wordle") == 1 and joined.count("games of Hangman") == 1


def test_deterministic():
    env = resolve("mixed:wordle+hangman:blocks2", "vowel_count_2", num_episodes=6)
    assert env.draw(11) == env.draw(11) and env.draw(11) != env.draw(12)


def test_curated_suites_resolve_where_envs_exist():
    from latentgym.envs import list_envs

    for name, (mixed, latent, why) in MIXED_SUITES.items():
        envs = mixed.split(":")[1].split("+")
        if all(e in list_envs() for e in envs):
            assert resolve(mixed, latent, num_episodes=10).draw(0).configs, name
        assert why


def test_positive_transfer_from_wordle_to_hangman():
    """Game 6 is the first Hangman game after five Wordle games: only transfer can help it."""
    env = resolve("mixed:wordle+hangman:blocks5", "category_animals", "full_info", "information", 6)
    seeds = range(30)
    first_hangman = {
        agent: statistics.mean(play_seed(env, s, agent).rewards[5] for s in seeds)
        for agent in ("memoryless", "adaptive")
    }
    assert first_hangman["adaptive"] >= first_hangman["memoryless"] + 0.04


@pytest.mark.parametrize("suite", sorted(MIXED_SUITES))
def test_curated_suites_play_with_every_agent(suite):
    mixed, latent, _ = MIXED_SUITES[suite]
    env = resolve(mixed, latent, "full_info", "information", 4)
    for agent in ("random", "memoryless", "adaptive", "oracle"):
        rollout = play_seed(env, 1, agent)
        assert rollout.complete and len(rollout.rewards) == 4, (suite, agent)
