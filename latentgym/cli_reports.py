"""``latentgym suite``, ``latentgym leaderboard`` and ``latentgym report``: run suites, read their logs."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .envs import LatentGymError

if TYPE_CHECKING:
    from .agents.direct import DirectResult
    from .reports._suites import SuitePlan


def _split(values: list[str] | None) -> tuple[str, ...]:
    """``--x a,b --x c`` -> ("a", "b", "c")."""
    return tuple(v for value in values or [] for v in value.split(",") if v)


def positive(text: str) -> int:
    """An argparse type: an integer >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer >= 1, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected an integer >= 1, got {value}")
    return value


def _writable_file(path: str, option: str) -> Path:
    """``path`` if a file can be written there, else a clear error (checked before any work is done)."""
    target = Path(path)
    if target.is_dir():
        raise LatentGymError(f"{option} {path} is a folder; give a file name")
    folder = target.parent
    if not folder.is_dir():
        raise LatentGymError(f"cannot write {option} {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise LatentGymError(f"cannot write {option} {path}: permission denied")
    return target


def _writable_folder(path: str, option: str) -> Path:
    """``path`` if it is (or can become) a folder, else a clear error."""
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise LatentGymError(f"{option} {path} is an existing file; give a folder (new or existing)")
    existing = next((p for p in (target, *target.parents) if p.exists()), Path("."))
    if not existing.is_dir():
        raise LatentGymError(f"{option} {path}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK):
        raise LatentGymError(f"cannot write {option} {path}: permission denied in {existing}")
    return target


def _add_suite_arguments(parser: argparse.ArgumentParser) -> None:
    from .reports import SUITES

    parser.add_argument("name", choices=sorted(SUITES), help="suite to run")
    parser.add_argument("--model", action="append", help="model(s) to evaluate; repeat or comma-separate")
    parser.add_argument("--log-dir", help="log directory (default logs/suite-NAME); rerun to resume")
    parser.add_argument("--n-sequences", type=positive, help="sequences per configuration (default: the suite's)")
    parser.add_argument("--seed", type=int, help="seed of the first sequence (default 42)")
    parser.add_argument(
        "--with-references",
        action="store_true",
        help="also run the scripted latentgym/memoryless and latentgym/oracle agents (offline, cheap), "
        "needed for the adaptation score",
    )
    parser.add_argument(
        "--shard",
        metavar="I/N",
        help="run only part I of N of the suite (a fixed split: configuration k goes to part k mod N + 1); run every "
        "part, on one machine or many, into the same --log-dir (a folder or s3://bucket/prefix)",
    )
    parser.add_argument(
        "--status",
        metavar="LOGDIR",
        help="run nothing: per model, how many configurations and sequences of the suite are done, running, failed "
        "or missing in LOGDIR (all parts together; give the same --n-sequences/--seed as the run)",
    )
    parser.add_argument("--dry-run", action="store_true", help="list the tasks and models, run nothing")
    parser.add_argument(
        "--scripted-through-inspect",
        action="store_true",
        help="run the scripted latentgym/<agent> models through Inspect's eval_set like other models (logs with "
        "every model-call event, several times slower); by default they are played directly, one worker process "
        "per CPU, into the same standard logs",
    )
    parser.add_argument(
        "--max-tasks",
        type=positive,
        help="evals run in parallel (Inspect's max_tasks; for the directly played scripted agents, worker processes)",
    )
    parser.add_argument("--max-samples", type=positive, help="sequences run in parallel per eval")
    parser.add_argument(
        "--max-connections",
        type=positive,
        help="concurrent requests per model API on this machine (Inspect's max_connections; with N parts on N "
        "machines the provider sees up to N times this)",
    )
    parser.add_argument("--temperature", type=float, help="sampling temperature")
    parser.add_argument("--max-tokens", type=positive, help="maximum tokens per model reply")


def _add_log_arguments(parser: argparse.ArgumentParser) -> None:
    from .reports import GROUP_AXES, N_BOOTSTRAP

    parser.add_argument("logs", nargs="+", help="Inspect log directories or files")
    for axis in ("model", "env", "latent", "prompt", "feedback"):
        parser.add_argument(f"--{axis}", action="append", help=f"keep only this {axis} (repeat or comma-separate)")
    parser.add_argument("--num-episodes", type=int, action="append", help="keep only this N (repeatable)")
    parser.add_argument("--by", action="append", choices=GROUP_AXES, default=[], help="split rows by an axis")
    parser.add_argument("--n-boot", type=positive, default=N_BOOTSTRAP, help="bootstrap resamples per interval")
    parser.add_argument(
        "--all-configs",
        action="store_true",
        help="rank each model on every configuration it was run on; by default, when the models were run on "
        "different configuration sets, they are compared on the configurations they share",
    )


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    if command == "suite":
        _add_suite_arguments(parser)
        return
    _add_log_arguments(parser)
    if command == "leaderboard":
        parser.add_argument("--format", choices=["terminal", "markdown", "csv", "html"], default="terminal")
        parser.add_argument("-o", "--output", help="write to this file instead of standard output")
    else:
        parser.add_argument("-o", "--out-dir", default="report", help="folder for report.html, tables and plots")
        parser.add_argument("--title", default="LatentGym report")
        parser.add_argument("--handoff", help="hand-off CSV written by `latentgym handoff` to plot against K")


def _selection(args: argparse.Namespace):  # noqa: ANN202 - lazy import
    from .reports import Selection

    return Selection(
        model=_split(args.model),
        env=_split(args.env),
        latent=_split(args.latent),
        prompt=_split(args.prompt),
        feedback=_split(args.feedback),
        num_episodes=tuple(args.num_episodes or ()),
    )


def _run_suite(args: argparse.Namespace) -> int:
    from .reports import REFERENCES, get_suite, plan_suite, run_suite
    from .reports._suites import suite_models
    from .tasks.sequence_task import DEFAULT_SEED

    plan = plan_suite(get_suite(args.name))
    reasons: dict[str, list[str]] = {}
    for env, reason in plan.skipped.items():
        reasons.setdefault(reason, []).append(env)
    for reason, envs in reasons.items():
        print(f"latentgym suite {args.name}: skipping {', '.join(envs)}: {reason}", file=sys.stderr)
    n_sequences = args.n_sequences or plan.suite.n_sequences
    seed = DEFAULT_SEED if args.seed is None else args.seed
    if args.status:
        from .reports._shards import status_text, suite_status

        requested = list(dict.fromkeys([*_split(args.model), *(REFERENCES if args.with_references else ())]))
        status = suite_status(plan, args.status, requested, n_sequences=n_sequences, seed=seed)
        sys.stdout.write(f"suite {args.name}: {len(plan.tasks)} configurations x {n_sequences} sequences\n")
        sys.stdout.write(status_text(status, args.status))
        return 0
    models = suite_models(_split(args.model), args.with_references)
    log_dir = args.log_dir or f"logs/suite-{args.name}"
    shard = None
    part = plan
    if args.shard:
        from .reports._shards import parse_shard, shard_plan

        shard = parse_shard(args.shard)
        part = shard_plan(plan, shard)
        print(
            f"latentgym suite {args.name}: part {shard}: {len(part.tasks)} of {len(plan.tasks)} configurations",
            file=sys.stderr,
        )
    direct = not args.scripted_through_inspect
    workers = args.max_tasks or os.cpu_count() or 1
    _print_scripted_estimate(args.name, part, models, n_sequences, seed, direct, workers)
    if args.dry_run:
        print(
            f"suite {args.name}: {len(part.tasks)} tasks x {len(models)} models, {n_sequences} sequences each, "
            f"log dir {log_dir}"
        )
        print("models: " + ", ".join(models))
        for task in part.tasks:
            print(
                f"  latentgym/{task.env} -T latent={task.latent} -T prompt={task.prompt} "
                f"-T feedback={task.feedback} -T num_episodes={task.num_episodes}   ({task.benchmark_id})"
            )
        return 0
    config = {
        k: v for k, v in {"temperature": args.temperature, "max_tokens": args.max_tokens}.items() if v is not None
    }
    if args.max_connections is not None:
        config["max_connections"] = args.max_connections
    limits = {k: v for k, v in {"max_tasks": args.max_tasks, "max_samples": args.max_samples}.items() if v is not None}
    ok, _ = run_suite(
        plan,
        _split(args.model),
        log_dir,
        n_sequences=n_sequences,
        seed=seed,
        with_references=args.with_references,
        shard=shard,
        direct=direct,
        on_direct=_direct_progress(args.name) if direct else None,
        **limits,
        **config,
    )
    what = f"suite {args.name}" + (f" part {shard}" if shard else "")
    print(
        f"{what}: {'complete' if ok else 'INCOMPLETE (rerun the same command to resume)'}; "
        f"logs in {log_dir}; next: latentgym leaderboard {log_dir}"
        + (f" (once every part is done: latentgym suite {args.name} --status {log_dir})" if shard else "")
    )
    return 0 if ok else 1


def _print_scripted_estimate(
    name: str, plan: SuitePlan, models: list[str], n_sequences: int, seed: int, direct: bool, workers: int
) -> None:
    """Before a run: how long the scripted agents' evals should take on this machine class."""
    from .agents.direct import INSPECT_SECONDS_PER_TURN, estimate
    from .reports._suites import direct_configs, scripted_agents

    scripted = scripted_agents(models)
    if not scripted:
        return

    configs = direct_configs(plan, scripted, n_sequences, seed)
    turns, seconds = estimate(configs, workers, through_inspect=not direct)
    took = f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"
    how = (
        f"played directly by {min(workers, len(configs))} worker process(es)"
        if direct
        else f"through Inspect, ~{INSPECT_SECONDS_PER_TURN * 1000:.1f} ms per turn plus the policies"
    )
    print(
        f"latentgym suite {name}: scripted agents ({', '.join(scripted)}): {len(configs)} evals, about {turns:,} "
        f"turns, estimated {took} from scratch on a 2-core machine ({how})",
        file=sys.stderr,
    )


def _direct_progress(name: str) -> Callable[[DirectResult, int, int], None]:
    """A line on stderr per finished eval of the directly played scripted agents."""

    def report(result: DirectResult, done: int, total: int) -> None:
        config = result.config
        what = f"[{done}/{total}] {config.model} {config.env}/{config.task_args['latent']}/"
        what += f"{config.task_args['prompt']}/{config.task_args['feedback']}/ep{config.task_args['num_episodes']}"
        outcome = f"FAILED: {result.error}" if result.error else f"{result.turns:,} turns in {result.seconds:.1f} s"
        print(f"latentgym suite {name}: {what}: {outcome}", file=sys.stderr, flush=True)

    return report


def _leaderboard(args: argparse.Namespace) -> int:
    from .reports import (
        coverage_text,
        display_table,
        leaderboard,
        leaderboard_scope,
        load_sequences,
        render_report,
        to_markdown,
        to_terminal,
    )
    from .reports._load import is_url

    remote = args.output if args.output and is_url(args.output) else None
    output = _writable_file(args.output, "-o") if args.output and not remote else None
    frame, selection = load_sequences(args.logs), _selection(args)
    if args.format == "html":
        text = render_report(
            frame, args.logs, by=args.by, selection=selection, n_boot=args.n_boot, all_configs=args.all_configs
        )
    else:
        scope = leaderboard_scope(frame, selection, args.all_configs)
        board = leaderboard(frame, by=args.by, n_boot=args.n_boot, scope=scope)
        if args.format == "csv":
            text = board.to_csv(index=False)
        elif args.format == "markdown":
            text = to_markdown(display_table(board, args.by)) + "\n" + coverage_text(scope, markdown=True)
        else:
            text = to_terminal(display_table(board, args.by)) + "\n\n" + coverage_text(scope)
        if args.format != "csv":
            notes = scope.shown_adaptation
            notes = notes[(notes["note"].fillna("") != "") & notes["benchmark_id"].isin(scope.configs)]
            if len(notes):
                lines = [f"  {r.model} on {r.benchmark_id}: {r.note}" for r in notes.itertuples()]
                text += "\nAdaptation not scored for:\n" + "\n".join(lines) + "\n"
    if remote is not None:
        import fsspec

        with fsspec.open(remote, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {remote}")
    elif output is not None:
        output.write_text(text, encoding="utf-8")
        print(f"wrote {output}")
    else:
        sys.stdout.write(text)
    return 0


def _report(args: argparse.Namespace) -> int:
    from .reports import write_report
    from .reports._load import is_url

    remote = args.out_dir if is_url(args.out_dir) else None
    if remote is None:
        _writable_folder(args.out_dir, "-o/--out-dir")
    handoff = None
    if args.handoff:
        import pandas as pd

        from .handoff import efficiency_frame

        try:
            handoff = efficiency_frame(pd.read_csv(args.handoff))
        except (KeyError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise LatentGymError(
                f"--handoff {args.handoff} is not a CSV written by `latentgym handoff` ({type(exc).__name__}: {exc})"
            ) from None
    options = dict(
        by=args.by,
        selection=_selection(args),
        title=args.title,
        n_boot=args.n_boot,
        handoff=handoff,
        all_configs=args.all_configs,
    )
    if remote is None:
        written = write_report(args.logs, args.out_dir, **options)
        print(f"wrote {written['report.html']} and {len(written) - 1} other files in {args.out_dir}")
        return 0
    import tempfile

    import fsspec

    with tempfile.TemporaryDirectory() as staging:
        written = write_report(args.logs, staging, **options)
        fs, root = fsspec.core.url_to_fs(remote)
        root = root.rstrip("/")
        for path in written.values():
            fs.put_file(str(path), f"{root}/{path.relative_to(staging).as_posix()}")
    print(f"wrote {remote.rstrip('/')}/report.html and {len(written) - 1} other files in {remote}")
    return 0


def run(args: argparse.Namespace, command: str) -> int:
    return {"suite": _run_suite, "leaderboard": _leaderboard, "report": _report}[command](args)
