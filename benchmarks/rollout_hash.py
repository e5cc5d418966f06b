"""Fingerprint of env behaviour: one hash per env over every latent, scripted agent and seed.

Not a benchmark of speed: it prints SHA-256 digests of everything the sequence protocol
produces for the scripted agents (observations, rewards, validity, invalid reasons, structured
results, info dicts, step metadata). A refactor of the env core that claims to keep behaviour
must leave every digest unchanged; a change of wording changes them on purpose, and
``--rewards-only`` then fingerprints just what is scored (rewards, validity, turn counts).

To show that a change of wording keeps every reward, record the agents' replies before it
(``--rewards-only --record streams.json``) and replay them after it (``--rewards-only --replay
streams.json``): the same actions must give the same rewards, validity and info.

Usage: ``python benchmarks/rollout_hash.py [--envs ...] [--seeds 2] [--latents 12] [--rewards-only]
[--record FILE | --replay FILE]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

from latentgym.agents.policies import AGENTS, Secret, act
from latentgym.agents.transcript import Transcript
from latentgym.envs import list_envs, list_latents, resolve
from latentgym.envs.composite import CROSS_EPISODE
from latentgym.envs.mixed import MIXED_SUITES


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=repr)


def rollout_records(
    env: str, latent: str, seed: int, agent: str, rewards_only: bool, replies: list[str] | None = None
) -> tuple[list[str], list[str]]:
    """One line per turn of a rollout in a canonical text form, and the replies played.

    The replies come from the scripted ``agent``, or from ``replies`` (a recorded stream), which
    makes the fingerprint independent of the env's wording: the same actions must score the same.
    """
    environment = resolve(env, latent, "full_info", "information", 4)
    draw = environment.draw(seed)
    seq = environment.make(seed, draw=draw)
    secret = Secret(env, latent, draw.context) if agent == "oracle" else None
    opening = seq.start()
    transcript = Transcript()
    transcript.extend([("system", opening.system), ("user", opening.user)])
    lines = [] if rewards_only else [_canonical([opening.system, opening.user])]
    played: list[str] = []
    while True:
        reply = act(transcript.view, agent, secret) if replies is None else replies[len(played)]
        played.append(reply)
        out = seq.step(reply)
        transcript.extend([("assistant", reply), ("user", out.observation)])
        step = out.step
        if rewards_only:
            record: list[Any] = [
                out.reward,
                out.done,
                out.truncated,
                step.valid,
                step.reason,
                step.done,
                step.reward,
                step.info,
            ]
        else:
            record = [
                reply,
                out.observation,
                out.reward,
                out.done,
                out.truncated,
                out.episode_done,
                step.reply,
                step.valid,
                step.reason,
                step.result,
                step.done,
                step.reward,
                step.info,
                out.metadata,
            ]
        lines.append(_canonical(record))
        if out.done or out.truncated:
            break
    lines.append(_canonical(list(seq.episode_rewards)))
    return lines, played


def latent_sample(env: str, latents: int) -> list[tuple[str, str]]:
    """(env, latent) pairs: an even spread of the playable catalogue plus the cross-episode latents."""
    if env == "mixed":
        return [(mixed, latent) for mixed, latent, _ in MIXED_SUITES.values()]
    ids = [lat.id for lat in list_latents(env) if lat.unplayable is None]
    step = max(1, len(ids) // latents)
    return [(env, latent) for latent in ids[::step][:latents]] + [(env, c) for c in CROSS_EPISODE.get(env, ())]


def env_digest(
    env: str, seeds: int, latents: int, rewards_only: bool, streams: dict[str, list[str]] | None, record: bool
) -> tuple[str, int]:
    """The env's digest; with ``streams``, recorded replies are replayed (``record``: or recorded)."""
    digest = hashlib.sha256()
    count = 0
    for env_id, latent in latent_sample(env, latents):
        for agent in AGENTS:
            for seed in range(seeds):
                key = f"{env_id}|{latent}|{agent}|{seed}"
                replay = None if streams is None or record else streams[key]
                lines, played = rollout_records(env_id, latent, seed, agent, rewards_only, replay)
                if streams is not None and record:
                    streams[key] = played
                for line in lines:
                    digest.update(line.encode())
                    digest.update(b"\n")
                count += 1
    return digest.hexdigest()[:16], count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--envs", nargs="*", default=None)
    parser.add_argument("--seeds", type=int, default=2, help="seeds per (latent, agent)")
    parser.add_argument("--latents", type=int, default=12, help="latents per env (evenly spread)")
    parser.add_argument("--rewards-only", action="store_true")
    parser.add_argument("--record", type=Path, help="write the scripted agents' replies to this JSON file")
    parser.add_argument("--replay", type=Path, help="play the replies of a --record file instead of the agents")
    args = parser.parse_args(argv)
    streams = {} if args.record else json.loads(args.replay.read_text()) if args.replay else None
    total = 0
    for env in args.envs or [*list_envs(), "mixed"]:
        start = time.perf_counter()
        digest, count = env_digest(env, args.seeds, args.latents, args.rewards_only, streams, bool(args.record))
        total += count
        print(f"{env:16s} {digest}  {count:4d} rollouts  {time.perf_counter() - start:5.1f} s", flush=True)
    print(f"{'total':16s} {'':16s}  {total:4d} rollouts")
    if args.record:
        args.record.write_text(json.dumps(streams))
    return 0


if __name__ == "__main__":
    sys.exit(main())
