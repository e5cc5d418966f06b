"""``latentgym handoff``: run (or resume) a hand-off study, or analyse existing logs.

Examples::

    latentgym handoff latentgym/number_guessing -T latent=set_of_3 -T prompt=full_info \\
        --a latentgym/memoryless --b latentgym/adaptive --c latentgym/adaptive --k 2 4 6 8
    latentgym handoff --logs logs/handoff --a ... --b ... --c ...
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import yaml

from ..envs import LatentGymError

try:
    from . import Agents, Analysis, analyse_logs, markdown, run_handoff
    from ._metrics import DEFAULT_BOOTSTRAP, DEFAULT_BOOTSTRAP_SEED, DEFAULT_CONFIDENCE, DEFAULT_MIN_REFERENCE, METRICS
except ImportError as exc:  # pandas, pyarrow or matplotlib missing
    raise SystemExit(f"latentgym handoff needs the report extra (pip install 'latentgym[report]'): {exc}") from None

DEFAULT_LOG_DIR = "logs/handoff"
DEFAULT_OUT_DIR = "handoff_report"
EVAL_SET_OPTIONS = ("max_tasks", "max_samples", "max_connections", "message_limit", "token_limit", "time_limit")


def parse_task_args(pairs: list[str]) -> dict[str, Any]:
    """``-T key=value`` pairs, values parsed as YAML like Inspect's own ``-T``."""
    args: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise LatentGymError(f"-T expects key=value, got {pair!r}")
        args[key.strip()] = yaml.safe_load(value)
    return args


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    parser.description = (parser.description or "") + (
        " Runs A→C, B→C, C→A and C→B at each K on the same sequences (Inspect eval_set: re-running resumes),"
        " then reports ExplorationEff and ExploitationEff (ratio of means) with paired-bootstrap CIs."
    )
    parser.add_argument("task", nargs="?", help="env task, e.g. latentgym/number_guessing (omit with --logs)")
    parser.add_argument(
        "-T",
        dest="task_args",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="task argument, as for inspect eval (e.g. -T latent=set_of_3 -T n_sequences=50)",
    )
    parser.add_argument("--a", required=True, metavar="MODEL", help="agent A, the baseline (an Inspect model name)")
    parser.add_argument("--b", required=True, metavar="MODEL", help="agent B, compared with A")
    parser.add_argument("--c", required=True, metavar="MODEL", help="reference agent C, the partner in every arm")
    parser.add_argument("--k", type=int, nargs="+", metavar="K", help="hand-off points (required unless --logs)")
    parser.add_argument("--metrics", nargs="+", choices=METRICS, default=list(METRICS))
    parser.add_argument("--logs", nargs="+", metavar="PATH", help="analyse these log files/folders instead of running")
    parser.add_argument("--log-dir", default=DEFAULT_LOG_DIR, help=f"eval_set log folder (default {DEFAULT_LOG_DIR})")
    parser.add_argument("--out", default=DEFAULT_OUT_DIR, help=f"report folder (default {DEFAULT_OUT_DIR})")
    parser.add_argument("--handoff-marker", help="text appended to the exploiter's first message (default: none)")
    parser.add_argument("--bootstrap", type=int, default=DEFAULT_BOOTSTRAP, help="bootstrap resamples")
    parser.add_argument("--bootstrap-seed", type=int, default=DEFAULT_BOOTSTRAP_SEED)
    parser.add_argument("--confidence", type=float, default=DEFAULT_CONFIDENCE)
    parser.add_argument(
        "--min-reference",
        type=float,
        default=DEFAULT_MIN_REFERENCE,
        help="reference mean tail below which an efficiency is reported as undefined",
    )
    parser.add_argument("--no-log-realtime", action="store_true", help="skip Inspect's realtime sample buffer")
    for option in EVAL_SET_OPTIONS:
        parser.add_argument(f"--{option.replace('_', '-')}", type=int, help=f"passed to eval_set as {option}")


def run(args: argparse.Namespace, command: str) -> int:
    agents = Agents(args.a, args.b, args.c)
    if not 0 < args.confidence < 1:
        raise LatentGymError(f"--confidence must be in (0, 1), got {args.confidence}")
    if args.bootstrap < 1:
        raise LatentGymError(f"--bootstrap must be >= 1, got {args.bootstrap}")
    analysis = Analysis(args.bootstrap, args.confidence, args.bootstrap_seed, args.min_reference)
    if args.logs:
        if args.task or args.task_args:
            raise LatentGymError("--logs analyses existing logs: give no task and no -T")
        study = analyse_logs(args.logs, agents, ks=args.k, metrics=args.metrics, analysis=analysis, out_dir=args.out)
    else:
        if not args.task or not args.k:
            raise LatentGymError("give a task and --k (or --logs to analyse existing logs)")
        options = {o: getattr(args, o) for o in EVAL_SET_OPTIONS if getattr(args, o) is not None}
        if args.no_log_realtime:
            options["log_realtime"] = False
        study = run_handoff(
            args.task,
            agents,
            args.k,
            args.log_dir,
            task_args=parse_task_args(args.task_args),
            metrics=args.metrics,
            handoff_marker=args.handoff_marker,
            analysis=analysis,
            out_dir=args.out,
            **options,
        )
    if not study.comparisons:
        raise LatentGymError("no hand-off samples of the requested arms were found in the logs")
    print(markdown(study.comparisons, agents, args.confidence))
    print("wrote " + ", ".join(str(p) for p in study.files))
    if not study.success:
        print("some arms did not finish; re-run the same command to resume", file=sys.stderr)
        return 1
    return 0
