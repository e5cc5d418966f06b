"""The ``latentgym`` command: catalogue listings and the project's tools.

Subcommands are loaded lazily so ``latentgym list`` never imports Inspect or SkyRL.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .envs import LatentGymError

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "list": ("latentgym.cli_list", "List envs, latents, prompts, feedbacks and rule parameters."),
    "show": ("latentgym.cli_list", "Print the opening messages of one environment."),
    "rl-data": ("latentgym.rl_bridge.data", "Write SkyRL train/validation/eval parquet files and a manifest."),
    "suite": ("latentgym.cli_reports", "Run (or resume) a named suite of tasks with Inspect's eval_set."),
    "leaderboard": ("latentgym.cli_reports", "Leaderboard with 95% intervals from LatentGym Inspect logs."),
    "report": ("latentgym.cli_reports", "Write an HTML report, tables and plots from LatentGym Inspect logs."),
    "handoff": ("latentgym.handoff.cli", "Two-agent hand-off study: exploration and exploitation efficiency."),
    "gguf-to-hf": ("latentgym.cli_gguf", "Convert a GGUF model file into a model directory for Inspect's hf/ provider."),
    "import-runs": ("latentgym.cli_import", "Import the published LatentGym runs as Inspect logs, verified by replay."),
}
"""Name -> (module with ``add_arguments(parser, command)`` and ``run(args, command)``, help line).

``command`` is the subcommand name, so one module can serve several subcommands."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="latentgym", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (module, help_text) in SUBCOMMANDS.items():
        sub.add_parser(name, help=help_text, description=help_text)
    args_list = sys.argv[1:] if argv is None else argv
    if args_list and args_list[0] in SUBCOMMANDS:
        module = importlib.import_module(SUBCOMMANDS[args_list[0]][0])
        command = argparse.ArgumentParser(prog=f"latentgym {args_list[0]}", description=SUBCOMMANDS[args_list[0]][1])
        module.add_arguments(command, args_list[0])
        args = command.parse_args(args_list[1:])
        try:
            return int(module.run(args, args_list[0]) or 0)
        except LatentGymError as exc:
            print(f"latentgym: {exc}", file=sys.stderr)
            return 2
    parser.parse_args(args_list)
    return 2


if __name__ == "__main__":
    sys.exit(main())
