"""``latentgym import-runs``: the published LatentGym runs as Inspect logs, verified by replay."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    parser.add_argument(
        "data_dir",
        metavar="DATA_DIR",
        help="a clone of dakshmittal30/LatentGym-Experiential-Learning, or its data/ folder",
    )
    parser.add_argument("--out", required=True, metavar="LOGDIR", help="folder for the .eval logs")
    parser.add_argument("--env", action="append", default=[], help="import only this env (repeatable)")
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        help="import only this variant: frontier, qwen-base, qwen-single-rl, qwen-cross-rl (repeatable)",
    )
    parser.add_argument("--model", action="append", default=[], help="import only this model, e.g. gpt-4o (repeatable)")
    parser.add_argument(
        "--overwrite", action="store_true", help="rewrite logs already in LOGDIR instead of skipping them"
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args: argparse.Namespace, command: str) -> int:
    from .published import count_groups, import_runs

    filters = {"env": tuple(args.env), "variant": tuple(args.variant), "model": tuple(args.model)}
    total = count_groups(args.data_dir, **filters)
    bar = None
    if not args.no_progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            transient=True,
            console=None,
        )
        bar.start()
        task = bar.add_task("importing", total=total)

    def step(group, path, written) -> None:  # noqa: ANN001
        if bar is not None:
            bar.update(task, advance=1, description=f"{group.variant}/{group.model}/{group.env}")

    try:
        summary = import_runs(
            args.data_dir,
            args.out,
            overwrite=args.overwrite,
            on_group=step,
            env=filters["env"],
            variant=filters["variant"],
            model=filters["model"],
        )
    finally:
        if bar is not None:
            bar.stop()
    print(
        f"{len(summary.written)} logs written, {len(summary.skipped)} already there (skipped); "
        f"{summary.sequences} sequences imported, {summary.incomplete} incomplete; "
        f"{len(summary.failed)} files skipped" + (" (see the warnings)" if summary.failed else "")
    )
    if summary.agreement:
        print("Replay agreement per env (episodes):")
        print(summary.table())
    sys.stdout.flush()
    return 0
