"""Evaluate a trained checkpoint with ``inspect eval`` on the eval split's tasks and seeds.

    python -m latentgym.rl_bridge.evaluate --data DATA_DIR --model-dir EXPORT_DIR/global_step_N/policy

For each task in ``DATA_DIR/manifest.json`` (written by ``latentgym rl-data``) it runs the Inspect
task with the same preset, rules and turn cap as the rows, and the eval split's seeds (sample i
uses seed ``eval start + i``), with Inspect's ``hf/`` provider loading the saved Hugging Face
model from disk. It prints the equivalent ``inspect eval`` command line first, so the same run can
be repeated by hand (or with ``--model vllm/...`` on a GPU machine).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..envs import LatentGymError


def eval_runs(data_dir: str | Path) -> list[dict[str, Any]]:
    """One Inspect task per manifest task: its arguments, read from the manifest."""
    manifest_path = Path(data_dir) / "manifest.json"
    if not manifest_path.is_file():
        raise LatentGymError(f"no manifest.json in {data_dir} (write the data with `latentgym rl-data`)")
    manifest = json.loads(manifest_path.read_text())
    runs = []
    for task in manifest["tasks"]:
        start, stop = task["seeds"]["eval"]
        if stop <= start:
            continue
        args = dict(
            latent=task["latent_id"],
            prompt=task["prompt_id"],
            feedback=task["feedback_id"],
            num_episodes=task["num_episodes"],
            n_sequences=stop - start,
            seed=start,
            preset=task["preset"],
            **task.get("rules", {}),
        )
        if task.get("max_total_turns") is not None:
            args["max_total_turns"] = task["max_total_turns"]
        runs.append({"env": task["env_name"], "task": task["task"], "args": args})
    if not runs:
        raise LatentGymError(f"{manifest_path} has no eval seeds (--n-eval 0)")
    return runs


def command_line(run: dict[str, Any], model: str, model_args: dict[str, Any]) -> str:
    parts = ["inspect", "eval", f"latentgym/{run['env']}"]
    for key, value in run["args"].items():
        parts += ["-T", f"{key}={value}"]
    parts += ["--model", model]
    for key, value in model_args.items():
        parts += ["-M", f"{key}={value}"]
    return shlex.join(parts)


def evaluate(
    data_dir: str | Path,
    model_dir: str | Path,
    *,
    log_dir: str | None = None,
    limit: int | None = None,
    max_tokens: int | None = None,
    do_sample: bool = False,
) -> list[Any]:
    """Run the eval split of every task on the saved model; returns Inspect's logs."""
    from inspect_ai import eval as inspect_eval

    from ..tasks import TASKS

    model_dir = Path(model_dir)
    if not (model_dir / "config.json").is_file():
        raise LatentGymError(f"{model_dir} is not a Hugging Face model directory (no config.json)")
    model_args = {"model_path": str(model_dir), "do_sample": do_sample}
    logs = []
    for run in eval_runs(data_dir):
        print(command_line(run, "hf/local", model_args), flush=True)
        task = TASKS[run["env"]](**run["args"])
        extra: dict[str, Any] = {"max_tokens": max_tokens} if max_tokens else {}
        logs += inspect_eval(
            task,
            model="hf/local",
            model_args=model_args,
            log_dir=log_dir,
            limit=limit,
            display="none",
            max_connections=1,
            **extra,
        )
    return logs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m latentgym.rl_bridge.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="the rl-data directory (manifest.json)")
    parser.add_argument("--model-dir", required=True, help="a saved HF model, e.g. EXPORT_DIR/global_step_N/policy")
    parser.add_argument("--log-dir", help="Inspect log directory")
    parser.add_argument("--limit", type=int, help="evaluate only the first N sequences of each task")
    parser.add_argument("--max-tokens", type=int, help="tokens per reply")
    args = parser.parse_args(argv)
    try:
        logs = evaluate(args.data, args.model_dir, log_dir=args.log_dir, limit=args.limit, max_tokens=args.max_tokens)
    except LatentGymError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for log in logs:
        metrics = {
            name: round(m.value, 4)
            for s in (log.results.scores if log.results else [])
            for name, m in s.metrics.items()
        }
        print(f"{log.eval.task}: {log.status}, {len(log.samples or [])} sequences, {metrics}")
    return 0 if all(log.status == "success" for log in logs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
