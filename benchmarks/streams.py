"""Fixed, seeded action streams recorded from the scripted agents, cached per commit-free key.

Replaying a recorded stream measures the environment alone (no agent thinking), and the same
streams are used by every run so figures are comparable across commits.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from latentgym.agents.rollout import play_seed
from latentgym.envs import list_latents, resolve

N = 10
CACHE = Path(__file__).parent / "out"


@cache
def bench_environment(env: str):
    """The benchmark's environment for one env: its first latent, no_info/standard, N games.

    Cached, so the timed replays do not pay for resolving it (about 0.3 ms) each time.
    """
    latent = list_latents(env)[0].id
    return resolve(env, latent, "no_info", "standard", N)


def stream_path(env: str, seeds: range, agent: str = "memoryless") -> Path:
    """The cache file of :func:`recorded`'s streams for ``env``, ``seeds`` and ``agent``."""
    name = bench_environment(env).name.replace("/", "__")
    return CACHE / f"streams_{name}_{agent}_{seeds.start}_{seeds.stop}.json"


def recorded(env: str, seeds: range, agent: str = "memoryless") -> list[tuple[int, list[str]]]:
    """Per seed, the agent's replies over the whole sequence (cached on disk)."""
    environment = bench_environment(env)
    path = stream_path(env, seeds, agent)
    if path.exists():
        return [(s, a) for s, a in json.loads(path.read_text())]
    out = []
    for seed in seeds:
        rollout = play_seed(environment, seed, agent)
        out.append((seed, [text for role, text in rollout.messages[2:] if role == "assistant"]))
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out))
    return out


def replay(env: str, streams: list[tuple[int, list[str]]]) -> tuple[int, int]:
    """Play the recorded streams through the whole sequence protocol: (steps, env characters)."""
    environment = bench_environment(env)
    steps = chars = 0
    for seed, actions in streams:
        seq = environment.make(seed)
        opening = seq.start()
        chars += len(opening.system) + len(opening.user)
        for text in actions:
            out = seq.step(text)
            chars += len(out.observation)
            steps += 1
            if out.done or out.truncated:
                break
    return steps, chars
