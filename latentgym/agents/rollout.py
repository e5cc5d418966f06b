"""Play a sequence with a scripted agent, without Inspect (tests, benchmarks, RL checks)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..envs import Environment
from ..envs.sequence import SequenceEnv
from .policies import Secret, act
from .transcript import Transcript


@dataclass(frozen=True)
class Rollout:
    """The messages exchanged, the per-episode rewards and the turns of each finished game of one
    played sequence."""

    messages: tuple[tuple[str, str], ...]
    rewards: tuple[float, ...]
    complete: bool
    turns: tuple[int, ...]


def play(seq: SequenceEnv, agent: str, secret: Secret | None = None) -> Rollout:
    """Run ``agent`` on ``seq`` from its start to its end (or its sequence cap)."""
    opening = seq.start()
    messages: list[tuple[str, str]] = [("system", opening.system), ("user", opening.user)]
    transcript = Transcript()
    transcript.extend(messages)
    while True:
        reply = act(transcript.view, agent, secret)
        step = seq.step(reply)
        messages += [("assistant", reply), ("user", step.observation)]
        transcript.extend(messages[-2:])
        if step.done or step.truncated:
            break
    return Rollout(tuple(messages), tuple(seq.episode_rewards), seq.done, tuple(seq.turns_per_episode))


def play_seed(environment: Environment, seed: int, agent: str) -> Rollout:
    """Generate the sequence for ``seed`` and play it; the oracle is given the latent."""
    draw = environment.draw(seed)
    seq = environment.make(seed, draw=draw)
    secret = Secret(environment.env, environment.latent.id, draw.context)
    return play(seq, agent, secret if agent == "oracle" else None)


REFERENCE_TURNS_PER_GAME: dict[str, dict[str, float]] = {
    "number_guessing": {"memoryless": 10.7, "oracle": 6.3},
    "wordle": {"memoryless": 4.2, "oracle": 3.5},
    "hangman": {"memoryless": 6.8, "oracle": 6.1},
    "wordladder": {"memoryless": 3.8, "oracle": 3.8},
    "mastermind": {"memoryless": 4.4, "oracle": 3.8},
    "bandits": {"memoryless": 23.8, "oracle": 3.9},
    "secretary": {"memoryless": 7.5, "oracle": 7.3},
}
"""Mean turns per game of the scripted references over the frontier suite's configurations (two
seeds each), for :func:`estimate_scripted_run`; an env or agent not listed counts 10."""

INSPECT_SECONDS_PER_TURN = 0.0065
"""Inspect's own cost of one scripted turn without its realtime event buffer: 7 frontier
configurations x 10 sequences x both references (8,409 turns) took 67 s of CPU, start-up and
policies taken out (2-core development machine shared with other work, December 2026). With the
buffer the same run took 114 s."""

POLICY_SECONDS_PER_TURN: dict[str, float] = {"wordle": 0.0014, "hangman": 0.0015, "mastermind": 0.0029}
"""The scripted policies' own cost per turn where it is not negligible (same machine)."""


def estimate_scripted_run(
    tasks: Iterable[tuple[str, int]], agents: Iterable[str], n_sequences: int
) -> tuple[int, float]:
    """(turns, seconds) to play ``n_sequences`` of every ``(env, games per sequence)`` in ``tasks``
    with each scripted agent through Inspect, one sample at a time on this machine class."""
    chosen = list(agents)
    turns = seconds = 0.0
    for env, games in tasks:
        for agent in chosen:
            count = n_sequences * games * REFERENCE_TURNS_PER_GAME.get(env, {}).get(agent, 10.0)
            turns += count
            seconds += count * (INSPECT_SECONDS_PER_TURN + POLICY_SECONDS_PER_TURN.get(env, 0.0))
    return round(turns), seconds
