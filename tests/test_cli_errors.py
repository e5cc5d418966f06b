"""Every ``latentgym`` subcommand on bad input: one line on stderr, a non-zero exit, no traceback.

The table names, per case, the arguments and a fragment the line must hold (the bad value and,
where there is a list, the valid choices). ``{logs}`` is a folder of real scripted-agent logs,
``{tmp}`` a fresh folder, ``{file}`` an existing file and ``{csv}`` a CSV that is no hand-off table.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from latentgym.cli import CLOSED_PIPE, SUBCOMMANDS, main
from latentgym.envs import LatentGymError

from .reports.conftest import scripted_logs  # noqa: F401 - the shared fixture of real logs

HANDOFF = ["--a", "latentgym/random", "--b", "latentgym/memoryless", "--c", "latentgym/adaptive"]

BAD_INPUTS = [
    # (id, argv, fragment of the one line)
    ("no-command", [], "latentgym: error: the following arguments are required: COMMAND"),
    ("unknown-command", ["frobnicate"], "invalid choice: 'frobnicate' (choose from 'list', 'show'"),
    ("list-what", ["list", "colours"], "invalid choice: 'colours' (choose from 'envs', 'latents'"),
    ("list-env", ["list", "latents", "--env", "chess"], "unknown env 'chess'; valid choices: bandits,"),
    ("list-rules-env", ["list", "rules", "--env", "chess"], "unknown env 'chess'; valid choices: bandits,"),
    ("show-name", ["show", "garbage"], "bad environment name 'garbage'; expected env/latent/prompt/feedback/epN"),
    ("show-latent", ["show", "number_guessing/nope/no_info/standard/ep3"], "'nope'; valid choices: "),
    ("show-seed", ["show", "x", "--seed", "abc"], "argument --seed: invalid int value: 'abc'"),
    ("suite-name", ["suite", "huge"], "invalid choice: 'huge' (choose from"),
    ("suite-no-model", ["suite", "quick"], "no model to run: pass --model"),
    (
        "suite-n",
        ["suite", "quick", "--model", "x", "--n-sequences", "0"],
        "--n-sequences: expected an integer >= 1, got 0",
    ),
    ("board-missing", ["leaderboard", "{tmp}/nope"], "no such log file or directory: {tmp}/nope"),
    ("board-empty", ["leaderboard", "{tmp}"], "no Inspect logs found in {tmp}"),
    (
        "board-out-folder",
        ["leaderboard", "{logs}", "-o", "/nonexistent/x.csv"],
        "cannot write -o /nonexistent/x.csv: folder /nonexistent does not exist",
    ),
    ("board-out-dir", ["leaderboard", "{logs}", "-o", "{tmp}"], "-o {tmp} is a folder; give a file name"),
    ("board-env", ["leaderboard", "{logs}", "--env", "wordle"], "'wordle'; valid choices: number_guessing"),
    ("board-model", ["leaderboard", "{logs}", "--model", "gpt-9"], "'gpt-9'; valid choices: latentgym/adaptive"),
    ("board-by", ["leaderboard", "{logs}", "--by", "colour"], "invalid choice: 'colour'"),
    ("board-n-boot", ["leaderboard", "{logs}", "--n-boot", "0"], "--n-boot: expected an integer >= 1, got 0"),
    ("board-format", ["leaderboard", "{logs}", "--format", "pdf"], "invalid choice: 'pdf'"),
    (
        "board-disjoint",
        ["leaderboard", "{logs}", "--latent", "range_100,two_ranges"],
        "share none (latentgym/adaptive 1, ",
    ),
    ("report-out-file", ["report", "{logs}", "-o", "{file}"], "-o/--out-dir {file} is an existing file"),
    ("report-missing", ["report", "{tmp}/nope", "-o", "{tmp}/page"], "no such log file or directory"),
    (
        "report-handoff-missing",
        ["report", "{logs}", "-o", "{tmp}/page", "--handoff", "{tmp}/none.csv"],
        "{tmp}/none.csv: No such file or directory",
    ),
    (
        "report-handoff-bad",
        ["report", "{logs}", "-o", "{tmp}/page", "--handoff", "{csv}"],
        "--handoff {csv} is not a CSV written by `latentgym handoff`",
    ),
    ("handoff-no-task", ["handoff", *HANDOFF], "give a task and --k (or --logs to analyse existing logs)"),
    (
        "handoff-task",
        ["handoff", "latentgym/chess", *HANDOFF, "--k", "2"],
        "'latentgym/chess'; valid choices: latentgym/bandits, latentgym/hangman,",
    ),
    (
        "handoff-T",
        ["handoff", "latentgym/number_guessing", "-T", "latent", *HANDOFF, "--k", "2"],
        "-T expects key=value, got 'latent'",
    ),
    (
        "handoff-latent-mapping",
        ["handoff", "latentgym/number_guessing", "-T", "latent=alternating:", *HANDOFF, "--k", "2"],
        "Write a cross-episode latent as one word",
    ),
    (
        "handoff-k",
        ["handoff", "latentgym/number_guessing", "-T", "num_episodes=3", *HANDOFF, "--k", "3"],
        "handoff_k must be between 1 and num_episodes - 1 = 2, got 3",
    ),
    (
        "handoff-confidence",
        ["handoff", "--logs", "{logs}", *HANDOFF, "--confidence", "2"],
        "--confidence must be in (0, 1), got 2.0",
    ),
    ("handoff-logs-missing", ["handoff", "--logs", "{tmp}/nope", *HANDOFF], "no such log file or directory"),
    (
        "handoff-no-samples",
        ["handoff", "--logs", "{logs}", *HANDOFF, "--out", "{tmp}/out"],
        "no hand-off samples (a task run with handoff_k) were found in the logs",
    ),
    ("gguf-missing", ["gguf-to-hf", "/nonexistent.gguf", "{tmp}/model"], "GGUF file not found: /nonexistent.gguf"),
    ("gguf-neither", ["gguf-to-hf", "{tmp}/model"], "give either GGUF_PATH or --smollm2"),
    # rl-data's messages belong to the RL bridge; these already end in one line.
    ("rl-data-no-task", ["rl-data", "--out", "{tmp}/rl"], "no task given"),
    ("rl-data-mix-missing", ["rl-data", "--mix", "{tmp}/mix.yaml", "--out", "{tmp}/rl"], "{tmp}/mix.yaml"),
    (
        "rl-data-out-file",
        ["rl-data", "--task", "number_guessing/set_of_3/no_info/standard/ep3", "--out", "{file}"],
        "{file}",
    ),
]


@pytest.fixture
def places(tmp_path, scripted_logs):  # noqa: F811 - the fixture imported above
    tmp = tmp_path / "empty"
    tmp.mkdir()
    file = tmp_path / "existing.txt"
    file.write_text("not a folder\n")
    csv = tmp_path / "other.csv"
    csv.write_text("a,b\n1,2\n")
    return {"logs": str(scripted_logs), "tmp": str(tmp), "file": str(file), "csv": str(csv)}


@pytest.mark.parametrize("argv, fragment", [case[1:] for case in BAD_INPUTS], ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_ends_in_one_line(argv, fragment, places, capsys):
    argv = [a.format(**places) for a in argv]
    with pytest.raises(SystemExit) as exited:  # argparse's own errors exit; ours return
        raise SystemExit(main(argv))
    out, err = capsys.readouterr()
    lines = err.splitlines()
    command = f"latentgym {argv[0]}" if argv and argv[0] in SUBCOMMANDS else "latentgym"
    assert exited.value.code not in (0, None), err
    assert len(lines) == 1, err
    assert lines[0].startswith(f"{command}: error: "), lines[0]
    assert fragment.format(**places) in lines[0]
    assert "Traceback" not in out + err


def test_debug_shows_the_traceback(places):
    with pytest.raises(FileNotFoundError):
        main(["--debug", "report", places["logs"], "-o", places["tmp"], "--handoff", places["tmp"] + "/none.csv"])
    with pytest.raises(LatentGymError, match="no Inspect logs found"):
        main(["leaderboard", places["tmp"], "--debug"])


def test_unexpected_errors_are_one_line_with_a_hint(monkeypatch, capsys):
    import latentgym.cli_list as cli_list

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(cli_list, "list_envs", broken)
    assert main(["list", "envs"]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line == "latentgym list: error: ZeroDivisionError: a bug (rerun with --debug for the traceback)"


def test_inspect_prerequisite_errors_are_bad_input_without_markup(monkeypatch, capsys):
    import latentgym.cli_list as cli_list

    class PrerequisiteError(Exception):  # Inspect's class has this name and carries .message
        def __init__(self, message):
            self.message = message

    def missing_key(*args, **kwargs):
        raise PrerequisiteError("ERROR: Unable to initialise client\nNo [bold][blue]API_KEY[/blue][/bold] defined.")

    monkeypatch.setattr(cli_list, "list_envs", missing_key)
    assert main(["list", "envs"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line == "latentgym list: error: Unable to initialise client No API_KEY defined."


@pytest.mark.parametrize("command", ["", *SUBCOMMANDS])
def test_every_help_works(command):
    args = [sys.executable, "-m", "latentgym.cli", *([command] if command else []), "--help"]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "" and done.stdout.startswith("usage: latentgym"), done.stderr
    short = subprocess.run(args[:-1] + ["-h"], capture_output=True, text=True, timeout=120)
    assert short.returncode == 0 and short.stdout == done.stdout


def test_closed_pipe_ends_quietly():
    # `latentgym list latents | head -1`: the reader goes away before the listing is written.
    process = subprocess.Popen(
        [sys.executable, "-m", "latentgym.cli", "list", "latents"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    assert process.returncode == CLOSED_PIPE and err == b""
    head = subprocess.run(
        f"{sys.executable} -m latentgym.cli list latents | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert head.returncode == 0 and len(head.stdout.splitlines()) == 1 and head.stderr == ""
