"""Conformance over every registered env and latent: determinism, protocol contract, no crashes.

A new env is checked here the moment its line is added to the registry; the last test proves it
with a tiny env defined inside the test.
"""

import json
import os
import subprocess
import sys
import types
from typing import Any

import pytest

from latentgym.agents.rollout import play_seed
from latentgym.envs import (
    EnvDefinition,
    EpisodeConfig,
    Game,
    GeneratorLatent,
    LatentGymError,
    RuleSet,
    StepResult,
    Turn,
    list_envs,
    list_latents,
    registry,
    resolve,
)
from latentgym.envs.base import Field

ENVS = list_envs()
REPLIES = ["[1]", "[e]", "[crane]", "[1 2 3 4]", "junk", "[red]", "[select red]", "[continue]", "[accept]", "[500]"]


def registered_pairs() -> list[tuple[str, str]]:
    """Every (env, latent) of the registry."""
    return [(lat.env, lat.id) for lat in list_latents()]


def check_protocol(env: str, latent: str, n: int = 2) -> None:
    """Play a fixed stream of replies through a sequence twice and check the protocol contract."""
    environment = resolve(env, latent, "full_info", "information", n)
    try:
        environment.draw(0)
    except LatentGymError as exc:
        pytest.skip(f"{env}/{latent} cannot generate episodes: {exc}")
    transcripts = []
    for _ in range(2):
        seq = environment.make(0)
        opening = seq.start()
        seen = [opening.system, opening.user]
        turns = 0
        while True:
            out = seq.step(REPLIES[turns % len(REPLIES)])
            turns += 1
            step = out.step
            assert isinstance(step, StepResult) and isinstance(step.info, dict)
            assert step.reward == 0.0 or step.done
            assert 0.0 <= step.reward <= 1.0 and out.episode_turn <= seq.game.turn_cap
            seen.append(out.observation)
            if out.done or out.truncated:
                break
        assert seq.done and len(seq.episode_rewards) == n and turns == sum(seq.turns_per_episode)
        transcripts.append(seen)
    assert transcripts[0] == transcripts[1]


@pytest.mark.parametrize(("env", "latent"), registered_pairs())
def test_protocol_contract_for_every_registered_latent(env, latent):
    check_protocol(env, latent)


def first_latent(env):
    return list_latents(env)[0].id


@pytest.mark.parametrize("env", ENVS)
def test_same_seed_same_rollout(env):
    environment = resolve(env, first_latent(env), "some_info", "information", 3)
    a, b = play_seed(environment, 11, "memoryless"), play_seed(environment, 11, "memoryless")
    assert a.messages == b.messages and a.rewards == b.rewards and a.complete
    assert len(a.rewards) == 3 and all(0.0 <= r <= 1.0 for r in a.rewards)


@pytest.mark.parametrize("env", ENVS)
def test_different_seeds_differ(env):
    environment = resolve(env, first_latent(env), num_episodes=5)
    draws = {json.dumps(environment.draw(s).configs, sort_keys=True) for s in range(10)}
    assert len(draws) > 1


SCRIPT = """
import json, sys
from latentgym.envs import list_envs, list_latents, resolve
out = {}
for env in list_envs():
    for lat in list_latents(env)[:6]:
        try:
            draw = resolve(env, lat.id, num_episodes=4).draw(123)
        except Exception as exc:
            out[env + '/' + lat.id] = 'error: ' + type(exc).__name__
            continue
        out[env + '/' + lat.id] = [draw.configs, draw.context]
print(json.dumps(out, sort_keys=True, default=str))
"""


def test_generation_independent_of_hash_seed_and_process():
    outputs = []
    for hash_seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])) >= len(ENVS)


class CoinRules(RuleSet):
    max_turns_per_episode: int = Field(default=3, ge=1, description="Calls per game.")


class CoinConfig(EpisodeConfig):
    side: str


class CoinGame(Game[CoinRules, CoinConfig]):
    """Call the hidden side of a coin: [heads] or [tails]."""

    env_name = "coin"
    config_type = CoinConfig

    def start(self) -> str:
        return f"Call the coin; {self.max_turns} tries."

    def play(self, text: str) -> Turn:
        call = "heads" if "[heads]" in text else "tails" if "[tails]" in text else None
        if call is None:
            return Turn(reply="Invalid: answer [heads] or [tails].", valid=False, reason="format")
        if call == self.config.side:
            return Turn(reply="Right.", result=call, action=call, reward=1.0)
        return Turn(reply="Wrong.", result=call, action=call)

    def info(self, turn: Turn) -> dict[str, Any]:
        return {"turn": self.turn, "side": self.config.side, "call": turn.action}

    def end_feedback(self, information: bool) -> str:
        return f"It was {self.config.side}." if information else ""


def _always(side):
    return lambda rng, n: ([{"side": side}] * n, {"side": side})


COIN = EnvDefinition(
    name="coin",
    title="Coin",
    game=CoinGame,
    rules=CoinRules,
    latents=lambda: {
        f"always_{side}": GeneratorLatent(
            id=f"always_{side}", complexity="easy", description=f"Always {side}.", generate=_always(side)
        )
        for side in ("heads", "tails")
    },
    intro=lambda rules, config, n: f"You will call {n} coins in sequence; reply [heads] or [tails].",
    some_info_hint="Hint: the coins may be biased.",
    some_info_reminder="Think about earlier coins.",
    full_info_hint="Hint: every coin lands the same way.",
    full_info_reminder="Every coin lands the same way.",
)


def test_a_new_env_is_one_folder_and_one_registry_line(monkeypatch):
    module = types.ModuleType("tests_coin_env")
    module.DEFINITION = COIN
    monkeypatch.setitem(sys.modules, "tests_coin_env", module)
    monkeypatch.setitem(registry.ENV_MODULES, "coin", "tests_coin_env")
    monkeypatch.setattr(registry, "_LOADED", {})
    pairs = [p for p in registered_pairs() if p[0] == "coin"]
    assert {latent for _, latent in pairs} == {"always_heads", "always_tails"}
    for env, latent in pairs:
        check_protocol(env, latent)
    seq = resolve("coin", "always_heads", "full_info", "information", 2).make(0)
    assert "## Game 1 of 2: Coin" in seq.start().user
    assert seq.step("[heads]").observation.startswith("Right.\n\nGame 1 over. Score: 1.00. It was heads.")
