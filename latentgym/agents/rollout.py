"""Play a sequence with a scripted agent, without Inspect (tests, benchmarks, RL checks)."""

from __future__ import annotations

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
