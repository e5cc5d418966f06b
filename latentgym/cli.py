"""The ``latentgym`` command: catalogue listings and the project's tools.

Subcommands are loaded lazily so ``latentgym list`` never imports Inspect or SkyRL.

Every failure ends with one line on stderr, ``latentgym <command>: error: <what went wrong>``,
and a non-zero exit (2 for bad input, 1 for an unexpected failure, 130 on Ctrl-C); ``--debug``
shows the traceback instead. Warnings are one line each, ``latentgym <command>: warning: ...``.
A closed standard output (``latentgym list latents | head``) ends the command quietly with the
status a shell expects from a process killed by SIGPIPE.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from .envs import LatentGymError
from .envs.errors import one_line

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "list": ("latentgym.cli_list", "List envs, latents, prompts, feedbacks and rule parameters."),
    "show": ("latentgym.cli_list", "Print the opening messages of one environment."),
    "rl-data": ("latentgym.rl_bridge.data", "Write SkyRL train/validation/eval parquet files and a manifest."),
    "suite": ("latentgym.cli_reports", "Run (or resume) a named suite of tasks with Inspect's eval_set."),
    "leaderboard": ("latentgym.cli_reports", "Leaderboard with 95% intervals from LatentGym Inspect logs."),
    "report": ("latentgym.cli_reports", "Write an HTML report, tables and plots from LatentGym Inspect logs."),
    "handoff": ("latentgym.handoff.cli", "Two-agent hand-off study: exploration and exploitation efficiency."),
    "gguf-to-hf": (
        "latentgym.cli_gguf",
        "Convert a GGUF model file into a model directory for Inspect's hf/ provider.",
    ),
    "import-runs": ("latentgym.cli_import", "Import the published LatentGym runs as Inspect logs, verified by replay."),
}
"""Name -> (module with ``add_arguments(parser, command)`` and ``run(args, command)``, help line).

``command`` is the subcommand name, so one module can serve several subcommands."""

BAD_INPUT = 2
FAILURE = 1
INTERRUPTED = 130
CLOSED_PIPE = 128 + 13
"""What a shell reports for a process killed by SIGPIPE (``yes | head`` exits with it too)."""

INPUT_ERRORS = (LatentGymError, OSError, ValueError)
"""Exceptions reported as bad input (exit 2); anything else is an unexpected failure (exit 1)."""


def help_text(text: str) -> str:
    """``text`` safe for an argparse ``help=``: argparse %-formats help strings, so ``%`` is doubled."""
    return text.replace("%", "%%")


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line: ``<prog>: error: <message> (see <prog> --help)``."""

    def error(self, message: str) -> NoReturn:
        self.exit(BAD_INPUT, f"{self.prog}: error: {one_line(message)} (see {self.prog} --help)\n")


RICH_MARKUP = re.compile(r"\[/?(?:bold|italic|underline|dim|red|green|blue|yellow|cyan|magenta)(?: [a-z]+)*\]")
"""Console markup in Inspect's messages (``[bold][blue]OPENAI_API_KEY[/blue][/bold]``)."""


def is_prerequisite(exc: BaseException) -> bool:
    """Inspect's "cannot run: fix your setup" error (a missing API key, an unknown task path...),
    recognised by name: Inspect keeps the class in a private module."""
    return any(cls.__name__ == "PrerequisiteError" for cls in type(exc).__mro__)


def describe(exc: BaseException) -> str:
    """A one-line description of ``exc`` for the user."""
    message = getattr(exc, "message", None)
    if is_prerequisite(exc) and isinstance(message, str):
        return one_line(RICH_MARKUP.sub("", message).removeprefix("ERROR:")) or type(exc).__name__
    if isinstance(exc, LatentGymError):
        return one_line(str(exc)) or type(exc).__name__
    if isinstance(exc, OSError) and exc.strerror:
        names = [str(n) for n in (exc.filename, exc.filename2) if n is not None]
        return one_line(f"{' -> '.join(names)}: {exc.strerror}" if names else exc.strerror)
    message = one_line(str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc))
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


@contextmanager
def one_line_warnings(prog: str) -> Iterator[None]:
    """Show every warning raised inside as ``<prog>: warning: <message>`` (each once)."""

    def show(message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None) -> None:
        print(f"{prog}: warning: {one_line(str(message))}", file=sys.stderr)

    from .config_errors import LatentGymWarning

    with warnings.catch_warnings():
        warnings.filterwarnings("default", category=LatentGymWarning)  # also resets "shown once" memory
        warnings.showwarning = show
        yield


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail on a closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is no real file (e.g. captured by a test): nothing to flush
        pass


def _top_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="latentgym",
        description="LatentGym: catalogue listings and the project's tools.",
        epilog="Run latentgym COMMAND --help for the options of a command.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks instead of one-line errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, line) in SUBCOMMANDS.items():
        sub.add_parser(name, help=help_text(line), description=line)
    return parser


def main(argv: list[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = False
    while args_list and args_list[0] == "--debug":
        debug = True
        args_list.pop(0)
    if not args_list or args_list[0] not in SUBCOMMANDS:
        _top_parser().parse_args(args_list)  # --help, or a one-line usage error
        return BAD_INPUT
    name = args_list[0]
    prog = f"latentgym {name}"
    try:
        with one_line_warnings(prog):
            module = importlib.import_module(SUBCOMMANDS[name][0])
            command = Parser(prog=prog, description=SUBCOMMANDS[name][1])
            module.add_arguments(command, name)
            command.add_argument("--debug", action="store_true", help="show tracebacks instead of one-line errors")
            args = command.parse_args(args_list[1:])
            debug = debug or args.debug
            code = int(module.run(args, name) or 0)
            sys.stdout.flush()
            return code
    except BrokenPipeError:
        _silence_stdout()
        return CLOSED_PIPE
    except KeyboardInterrupt:
        if debug:
            raise
        print(f"{prog}: interrupted", file=sys.stderr)
        return INTERRUPTED
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the promise is one line, whatever went wrong
        if debug:
            raise
        if not (isinstance(exc, INPUT_ERRORS) or is_prerequisite(exc)):
            print(f"{prog}: error: {describe(exc)} (rerun with --debug for the traceback)", file=sys.stderr)
            return FAILURE
        print(f"{prog}: error: {describe(exc)}", file=sys.stderr)
        return BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
