"""``latentgym rl-data``: SkyRL train / validation / eval parquet files for any mix of tasks.

Each row is one sequence in SkyRL's dataset schema:

- ``prompt``: the real opening messages (system + first user message), so SkyRL's prompt-length
  filter measures what the model will see (the env returns the same messages from ``init``);
- ``env_class``: ``latentgym`` (the single env id, :mod:`.registration`);
- ``reward_spec``: ``{"method": "rule", "ground_truth": ""}`` (the env computes rewards);
- ``data_source``: the task's benchmark id in file-name form (``env__latent__prompt__feedback__epN``),
  so SkyRL's per-data-source eval metrics are per task;
- ``extra_info``: the full task definition and seed (:meth:`TaskSpec.to_extra_info`), plus
  ``split``, ``index`` and ``task``.

Seeds (``evaluation.md`` section 3), the same for every task of the mix:

- eval: ``42 + i`` -- the Inspect task's default seeds, so the eval split is the Inspect eval;
- train: ``10000 + i``;
- validation: ``n_val = max(1, floor(n_train * val_fraction))`` seeds right after the train seeds.

The three ranges must be disjoint; the command refuses overlapping counts.

Usage::

    latentgym rl-data --task number_guessing/set_of_3/full_info/standard/ep10 \\
        --preset rl_training --n-train 500 --n-eval 100 --out data/ng
    python -m latentgym.rl_bridge.data --mix mix.yaml --tokenizer /models/qwen --max-tokens 8192

A mix file (YAML or JSON) is a list (or ``{"tasks": [...]}``) of benchmark ids or mappings with
``task`` and optional ``preset``, ``rules``, ``n_train``, ``n_eval``.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..envs import REWARD_TYPES, LatentGymError, RewardType
from ..envs.errors import unknown
from ..envs.sequence import DEFAULT_MAX_TOTAL_TURNS
from .registration import ENV_ID
from .task import DEFAULT_REWARD_TYPE, TaskSpec, opening_messages

log = logging.getLogger(__name__)

EVAL_SEED_BASE = 42
TRAIN_SEED_BASE = 10_000
DEFAULT_N_TRAIN = 500
DEFAULT_N_EVAL = 100
DEFAULT_VAL_FRACTION = 0.1
DEFAULT_EVAL_REWARD_TYPE: RewardType = "per_episode"
"""Validation and eval rows pay each episode's reward when it ends (the original's choice)."""
OVERFLOW_ACTIONS = ("warn", "error", "drop")
DEFAULT_BUDGET_SEEDS = 8
MANIFEST_FORMAT = "latentgym-rl-data/1"


@dataclass(frozen=True)
class TaskEntry:
    """One task of the mix with its row counts."""

    spec: TaskSpec
    n_train: int = DEFAULT_N_TRAIN
    n_eval: int = DEFAULT_N_EVAL


@dataclass(frozen=True)
class DataConfig:
    """Split sizes, seeds, reward types and the context budget of one data run."""

    val_fraction: float = DEFAULT_VAL_FRACTION
    n_val: int | None = None
    train_seed_base: int = TRAIN_SEED_BASE
    eval_seed_base: int = EVAL_SEED_BASE
    reward_type: RewardType = DEFAULT_REWARD_TYPE
    eval_reward_type: RewardType = DEFAULT_EVAL_REWARD_TYPE
    tokenizer: str | None = None
    max_tokens: int | None = None
    on_overflow: str = "warn"
    budget_agent: str = "adaptive"
    budget_seeds: int = DEFAULT_BUDGET_SEEDS

    def split_reward_type(self, split: str) -> RewardType:
        """Training rows use ``reward_type``; validation and eval rows use ``eval_reward_type``."""
        return self.reward_type if split == "train" else self.eval_reward_type

    def __post_init__(self) -> None:
        for rt in (self.reward_type, self.eval_reward_type):
            if rt not in REWARD_TYPES:
                raise unknown("reward type", rt, REWARD_TYPES)
        if self.on_overflow not in OVERFLOW_ACTIONS:
            raise LatentGymError(f"--on-overflow must be one of {', '.join(OVERFLOW_ACTIONS)}")
        if not 0 <= self.val_fraction < 1:
            raise LatentGymError(f"val_fraction must be in [0, 1), got {self.val_fraction}")
        if self.max_tokens is not None and self.tokenizer is None:
            raise LatentGymError("--max-tokens needs --tokenizer (a local tokenizer path)")


@dataclass(frozen=True)
class SplitSeeds:
    """The seed ranges of one task."""

    train: range
    validation: range
    eval: range
    splits: dict[str, range] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "splits", {"train": self.train, "validation": self.validation, "eval": self.eval})
        ranges = [r for r in self.splits.values() if len(r)]
        for i, a in enumerate(ranges):
            for b in ranges[i + 1 :]:
                if a.start < b.stop and b.start < a.stop:
                    raise LatentGymError(
                        f"seed ranges overlap: {a.start}..{a.stop - 1} and {b.start}..{b.stop - 1}; "
                        "lower the counts or move a seed base"
                    )


def split_seeds(entry: TaskEntry, config: DataConfig) -> SplitSeeds:
    """Disjoint train / validation / eval seeds for one task."""
    if entry.n_train < 0 or entry.n_eval < 0:
        raise LatentGymError("row counts must be >= 0")
    if config.n_val is not None:
        n_val = config.n_val
    else:
        n_val = max(1, math.floor(entry.n_train * config.val_fraction)) if entry.n_train else 0
    train_start = config.train_seed_base
    val_start = train_start + entry.n_train
    return SplitSeeds(
        train=range(train_start, val_start),
        validation=range(val_start, val_start + n_val),
        eval=range(config.eval_seed_base, config.eval_seed_base + entry.n_eval),
    )


def row_for(spec: TaskSpec, seed: int, split: str, index: int) -> dict[str, Any]:
    """One SkyRL dataset row (the opening is built by the core sequence itself)."""
    spec = spec.with_seed(seed)
    environment, seq = spec.make_sequence()
    resolved = replace(spec, num_episodes=environment.num_episodes)
    info = resolved.to_extra_info()
    info.update({"split": split, "index": index, "task": environment.name})
    return {
        "data_source": environment.name.replace("/", "__"),
        "prompt": opening_messages(seq.start()),
        "env_class": ENV_ID,
        "reward_spec": {"method": "rule", "ground_truth": ""},
        "extra_info": info,
    }


def _budget_seeds(seeds: SplitSeeds, k: int) -> list[int]:
    picked: list[int] = []
    for r in seeds.splits.values():
        picked.extend(r[:k])
    return picked


def build(entries: Sequence[TaskEntry], out_dir: str | Path, config: DataConfig) -> dict[str, Any]:
    """Write ``train.parquet``, ``validation.parquet``, ``eval.parquet`` and ``manifest.json``.

    Returns:
        The manifest (also written to ``manifest.json``).

    Raises:
        LatentGymError: bad counts or names, overlapping seeds, or (``on_overflow=error``) a task
            whose scripted rollouts exceed ``max_tokens``.
    """
    if not entries:
        raise LatentGymError("no task given; use --task env/latent/prompt/feedback/epN or --mix FILE")
    out = Path(out_dir)
    tokenizer = None
    if config.tokenizer is not None:
        from .budget import load_tokenizer

        tokenizer = load_tokenizer(config.tokenizer)
    rows: dict[str, list[dict[str, Any]]] = {"train": [], "validation": [], "eval": []}
    tasks: list[dict[str, Any]] = []
    dropped: list[str] = []
    for entry in entries:
        seeds = split_seeds(entry, config)
        environment = entry.spec.environment()
        record: dict[str, Any] = {
            "task": environment.name,
            "env_name": environment.env,
            "latent_id": environment.latent.id,
            "latent_complexity": environment.latent.complexity,
            "prompt_id": environment.prompt,
            "feedback_id": environment.feedback,
            "num_episodes": environment.num_episodes,
            "preset": entry.spec.preset,
            "rules": dict(entry.spec.rules),
            "env_params": environment.rules.as_dict(),
            "max_total_turns": entry.spec.max_total_turns,
            "seeds": {name: [r.start, r.stop] for name, r in seeds.splits.items()},
        }
        if tokenizer is not None:
            from .budget import measure

            stats = measure(entry.spec, _budget_seeds(seeds, config.budget_seeds), tokenizer, config.budget_agent)
            record["tokens"] = stats.as_dict()
            if config.max_tokens is not None and stats.max_tokens > config.max_tokens:
                message = (
                    f"{environment.name}: scripted rollouts reach {stats.max_tokens} tokens "
                    f"(mean {stats.mean_tokens:.0f}) > --max-tokens {config.max_tokens}"
                )
                if config.on_overflow == "error":
                    raise LatentGymError(message + "; raise the budget, lower N, or pass --on-overflow drop")
                if config.on_overflow == "drop":
                    log.warning("%s: task dropped", message)
                    dropped.append(environment.name)
                    continue
                log.warning("%s: rollouts may be cut before done", message)
                record["over_budget"] = True
        for split, seed_range in seeds.splits.items():
            spec = replace(entry.spec, reward_type=config.split_reward_type(split))
            rows[split].extend(row_for(spec, seed, split, i) for i, seed in enumerate(seed_range))
        tasks.append(record)
    out.mkdir(parents=True, exist_ok=True)
    splits: dict[str, Any] = {}
    for split, split_rows in rows.items():
        if not split_rows:
            continue
        path = out / f"{split}.parquet"
        _write_parquet(split_rows, path)
        splits[split] = {
            "file": path.name,
            "rows": len(split_rows),
            "reward_type": config.split_reward_type(split),
        }
    manifest = {
        "format": MANIFEST_FORMAT,
        "env_class": ENV_ID,
        "seed_bases": {"train": config.train_seed_base, "eval": config.eval_seed_base},
        "splits": splits,
        "tasks": tasks,
        "dropped": dropped,
        "tokenizer": config.tokenizer,
        "max_tokens": config.max_tokens,
        "on_overflow": config.on_overflow,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


def _write_parquet(rows: list[dict[str, Any]], path: Path) -> None:
    import pandas as pd

    pd.DataFrame(rows).to_parquet(path, engine="pyarrow", index=False)


def load_mix(path: str | Path) -> list[dict[str, Any]]:
    """Entries of a YAML or JSON mix file (a list, or a mapping with ``tasks``)."""
    file = Path(path)
    text = file.read_text()
    if file.suffix.lower() in (".yaml", ".yml"):
        import yaml

        data = yaml.safe_load(text)
    else:
        data = json.loads(text)
    if isinstance(data, Mapping):
        data = data.get("tasks")
    if not isinstance(data, list) or not data:
        raise LatentGymError(f"{file}: expected a non-empty list of tasks (or {{tasks: [...]}})")
    return [{"task": item} if isinstance(item, str) else dict(item) for item in data]


def entries_from(
    names: Sequence[str],
    mix: Sequence[Mapping[str, Any]],
    *,
    preset: str,
    n_train: int,
    n_eval: int,
    max_total_turns: int | None = None,
) -> list[TaskEntry]:
    """Task entries from ``--task`` names and mix-file items (item fields win)."""
    items = [{"task": n} for n in names] + [dict(m) for m in mix]
    entries = []
    for item in items:
        unknown_keys = set(item) - {"task", "preset", "rules", "n_train", "n_eval", "max_total_turns"}
        if unknown_keys:
            raise LatentGymError(f"unknown mix key(s) {sorted(unknown_keys)} in {item}")
        if "task" not in item:
            raise LatentGymError(f"mix item without 'task': {item}")
        turns = item.get("max_total_turns", max_total_turns)
        spec = TaskSpec.from_name(
            str(item["task"]),
            preset=str(item.get("preset", preset)),
            rules=dict(item.get("rules") or {}),
            **({} if turns is None else {"max_total_turns": turns}),
        )
        spec.environment()  # validate names and rules now, with a readable error
        entries.append(TaskEntry(spec, int(item.get("n_train", n_train)), int(item.get("n_eval", n_eval))))
    return entries


def add_arguments(parser: argparse.ArgumentParser, command: str = "rl-data") -> None:
    """Options of ``latentgym rl-data`` (wired into the main CLI)."""
    parser.add_argument(
        "--task",
        action="append",
        default=[],
        metavar="ENV/LATENT/PROMPT/FEEDBACK/epN",
        help="a task of the mix (repeatable)",
    )
    parser.add_argument("--mix", help="YAML/JSON mix file: task ids or {task, preset, rules, n_train, n_eval}")
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument("--preset", default="default", help="rule preset for every task (default: default)")
    parser.add_argument("--n-train", type=int, default=DEFAULT_N_TRAIN, help="train rows per task")
    parser.add_argument(
        "--n-eval", type=int, default=DEFAULT_N_EVAL, help="eval rows per task (seeds 42+i: the Inspect task's seeds)"
    )
    parser.add_argument(
        "--val-fraction",
        type=float,
        default=DEFAULT_VAL_FRACTION,
        help="validation rows = max(1, floor(n_train * fraction))",
    )
    parser.add_argument("--n-val", type=int, help="validation rows per task (overrides --val-fraction)")
    parser.add_argument("--train-seed-base", type=int, default=TRAIN_SEED_BASE)
    parser.add_argument("--eval-seed-base", type=int, default=EVAL_SEED_BASE)
    parser.add_argument(
        "--reward-type",
        default=DEFAULT_REWARD_TYPE,
        choices=REWARD_TYPES,
        help="reward type of train rows (default: cumulative, R = sum r_i)",
    )
    parser.add_argument(
        "--eval-reward-type",
        default=DEFAULT_EVAL_REWARD_TYPE,
        choices=REWARD_TYPES,
        help="reward type of validation and eval rows",
    )
    parser.add_argument(
        "--max-total-turns",
        type=int,
        help=f"sequence turn cap (default: the task definition's, {DEFAULT_MAX_TOTAL_TURNS}, as in Inspect)",
    )
    parser.add_argument("--tokenizer", help="LOCAL Hugging Face tokenizer directory for the context budget")
    parser.add_argument("--max-tokens", type=int, help="context budget (tokens) a scripted rollout must fit")
    parser.add_argument(
        "--on-overflow", default="warn", choices=OVERFLOW_ACTIONS, help="what to do with a task over --max-tokens"
    )
    parser.add_argument("--budget-agent", default="adaptive", help="scripted agent measured for the budget")
    parser.add_argument(
        "--budget-seeds", type=int, default=DEFAULT_BUDGET_SEEDS, help="seeds measured per split and task"
    )


def run(args: argparse.Namespace, command: str = "rl-data") -> int:
    """Run the command; prints a one-line summary per split and per task."""
    mix = load_mix(args.mix) if args.mix else []
    entries = entries_from(
        args.task,
        mix,
        preset=args.preset,
        n_train=args.n_train,
        n_eval=args.n_eval,
        max_total_turns=args.max_total_turns,
    )
    config = DataConfig(
        val_fraction=args.val_fraction,
        n_val=args.n_val,
        train_seed_base=args.train_seed_base,
        eval_seed_base=args.eval_seed_base,
        reward_type=args.reward_type,
        eval_reward_type=args.eval_reward_type,
        tokenizer=args.tokenizer,
        max_tokens=args.max_tokens,
        on_overflow=args.on_overflow,
        budget_agent=args.budget_agent,
        budget_seeds=args.budget_seeds,
    )
    manifest = build(entries, args.out, config)
    for split, info in manifest["splits"].items():
        print(f"{split}: {info['rows']} rows -> {Path(args.out) / info['file']} ({info['reward_type']})")
    for task in manifest["tasks"]:
        tokens = task.get("tokens")
        extra = f", tokens max {tokens['max_tokens']} mean {tokens['mean_tokens']:.0f}" if tokens else ""
        print(f"  {task['task']} (preset {task['preset']}{extra})")
    for name in manifest["dropped"]:
        print(f"  dropped (over budget): {name}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="latentgym rl-data", description=__doc__.split("\n")[0])
    add_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        return run(args)
    except LatentGymError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
