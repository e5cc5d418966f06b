"""LatentGym benchmark: prints speed figures for every env (not a test; nothing asserts).

Figures:
- game steps/s: single games stepped with a fixed, seeded action stream (the memoryless agent's
  recorded replies), excluding the agent's own thinking time;
- sequences/s generated: ``Environment.draw(seed)`` for fresh seeds (filter pools warm);
- sequences/s played through the pure core with the memoryless agent (agent time included);
- characters the environment writes per sequence;
- Inspect: wall time per turn of an eval of S sequences x N games with a scripted agent.

Usage: ``python benchmarks/run.py [--envs number_guessing ...] [--inspect-sequences 50]``
"""

from __future__ import annotations

import argparse
import tempfile
import time

from latentgym.agents.rollout import play_seed
from latentgym.envs import list_envs, list_latents, load_game, resolve

N = 10
SEEDS = range(20)


def recorded_streams(environment, seeds):
    """Per seed: the memoryless agent's replies, grouped per game."""
    streams = []
    for seed in seeds:
        rollout = play_seed(environment, seed, "memoryless")
        draw = environment.draw(seed)
        actions = [text for role, text in rollout.messages[2:] if role == "assistant"]
        streams.append((draw, actions))
    return streams


def bench_steps(environment, streams) -> tuple[float, float]:
    """(game steps/s, env-written characters per sequence) replaying recorded streams."""
    steps = 0
    chars = 0
    start = time.perf_counter()
    for seed_index, (draw, actions) in enumerate(streams):
        seq = environment.make(seed_index, draw=draw)
        opening = seq.start()
        chars += len(opening.system) + len(opening.user)
        for text in actions:
            out = seq.step(text)
            chars += len(out.observation)
            steps += 1
            if out.done:
                break
    elapsed = time.perf_counter() - start
    return steps / elapsed, chars / len(streams)


def bench_generation(environment, count=2000) -> float:
    environment.draw(0)  # warm any lazy pools
    start = time.perf_counter()
    for seed in range(1, count + 1):
        environment.draw(seed)
    return count / (time.perf_counter() - start)


def bench_played(environment, count=20) -> float:
    start = time.perf_counter()
    for seed in range(count):
        play_seed(environment, seed, "memoryless")
    return count / (time.perf_counter() - start)


def bench_inspect(env: str, latent: str, sequences: int) -> tuple[float, int]:
    from inspect_ai import eval as inspect_eval

    task_args = {"latent": latent, "prompt": "full_info", "num_episodes": N, "n_sequences": sequences}
    with tempfile.TemporaryDirectory() as logs:
        start = time.perf_counter()
        [log] = inspect_eval(
            f"latentgym/{env}", task_args=task_args, model="latentgym/memoryless", log_dir=logs, display="none"
        )
        elapsed = time.perf_counter() - start
        turns = sum(len(s.messages) - 2 for s in log.samples) // 2
    return elapsed / turns * 1e6, turns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--envs", nargs="*", default=list_envs())
    parser.add_argument("--inspect-sequences", type=int, default=50)
    args = parser.parse_args()
    print(f"{'env':16} {'latent':22} {'steps/s':>10} {'us/step':>8} {'chars/seq':>9} {'gen seq/s':>10} {'played seq/s':>12}")
    for env in args.envs:
        latent = list_latents(env)[0].id
        environment = resolve(env, latent, "no_info", "standard", N)
        streams = recorded_streams(environment, SEEDS)
        rate, chars = bench_steps(environment, streams)
        gen = bench_generation(environment)
        played = bench_played(environment)
        print(f"{env:16} {latent:22} {rate:10.0f} {1e6 / rate:8.1f} {chars:9.0f} {gen:10.0f} {played:12.1f}")
    if args.inspect_sequences:
        for env in args.envs:
            latent = list_latents(env)[0].id
            per_turn, turns = bench_inspect(env, latent, args.inspect_sequences)
            print(f"inspect eval {env}/{latent} {args.inspect_sequences}x{N}: {turns} turns, {per_turn:.0f} us wall per turn")


if __name__ == "__main__":
    main()
