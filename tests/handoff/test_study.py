"""End to end through Inspect: the arms, their logs, resume, the command, and what the metrics mean."""

from pathlib import Path

import pytest
from inspect_ai.log import list_eval_logs, read_eval_log

from latentgym.cli import main
from latentgym.envs import LatentGymError
from latentgym.handoff import Agents, analyse_logs, handoff_tasks, run_handoff

RANDOM, MEMORYLESS, ADAPTIVE = "latentgym/random", "latentgym/memoryless", "latentgym/adaptive"
SMALL = {"latent": "set_of_3", "prompt": "full_info", "num_episodes": 4, "n_sequences": 3, "max_turns": 12}
FAST = {"display": "none", "log_realtime": False}


def test_small_study_runs_resumes_and_reads_back(tmp_path, capsys):
    agents = Agents(a=RANDOM, b=MEMORYLESS, c=ADAPTIVE)
    study = run_handoff(
        "latentgym/number_guessing",
        agents,
        [2],
        tmp_path / "logs",
        task_args=SMALL,
        out_dir=tmp_path / "report",
        **FAST,
    )
    assert study.success
    logs = list_eval_logs(str(tmp_path / "logs"))
    assert len(logs) == 4
    for info in logs:
        log = read_eval_log(info)
        roles = {r: c.model for r, c in log.eval.model_roles.items()}
        assert log.eval.task.endswith(f"_to_{roles['exploiter'].replace('/', '-')}")
        for sample in log.samples:
            meta = next(iter(sample.scores.values())).metadata
            assert meta["episode_models"] == [roles["explorer"]] * 2 + [roles["exploiter"]] * 2
    assert sorted(set(study.tails["seed"])) == [42, 43, 44]
    assert {c.estimate.n_pairs for c in study.comparisons} == {3}
    assert [p.name for p in study.files] == ["handoff.md", "handoff.csv", "handoff.png", "handoff.svg"]

    again = run_handoff("latentgym/number_guessing", agents, [2], tmp_path / "logs", task_args=SMALL, **FAST)
    assert len(list_eval_logs(str(tmp_path / "logs"))) == 4  # resumed: nothing re-run
    assert again.frame().equals(study.frame())
    assert analyse_logs(tmp_path / "logs", agents).frame().equals(study.frame())

    code = main(
        [
            "handoff",
            "--logs",
            str(tmp_path / "logs"),
            "--a",
            RANDOM,
            "--b",
            MEMORYLESS,
            "--c",
            ADAPTIVE,
            "--out",
            str(tmp_path / "cli"),
        ]
    )
    assert code == 0 and (tmp_path / "cli" / "handoff.csv").exists()
    assert "| 2 | exploration | 3 |" in capsys.readouterr().out

    # An agent with no arm in the logs is an error that lists what the logs hold, not "undefined" rows.
    code = main(
        [
            "handoff",
            "--logs",
            str(tmp_path / "logs"),
            "--a",
            "openai/gpt-x",
            "--b",
            MEMORYLESS,
            "--c",
            ADAPTIVE,
            "--out",
            str(tmp_path / "none"),
        ]
    )
    [line] = capsys.readouterr().err.splitlines()
    assert code == 2 and line.startswith("latentgym handoff: error: the logs hold no hand-off runs of arm(s) ")
    assert "A = openai/gpt-x" in line and f"agents found: {ADAPTIVE}, {MEMORYLESS}, {RANDOM}" in line
    assert not (tmp_path / "none").exists()
    code = main(
        [
            "handoff",
            "--logs",
            str(tmp_path / "logs"),
            "--a",
            RANDOM,
            "--b",
            MEMORYLESS,
            "--c",
            ADAPTIVE,
            "--k",
            "3",
            "--out",
            str(tmp_path / "none"),
        ]
    )
    [line] = capsys.readouterr().err.splitlines()
    assert code == 2 and line.endswith("no hand-off runs at K = 3; K found: 2")

    # A truncated log in the folder is skipped with one warning naming it; the study is unchanged.
    broken = tmp_path / "logs" / "broken.eval"
    broken.write_bytes(Path(logs[0].name.removeprefix("file://")).read_bytes()[:500])
    code = main(
        [
            "handoff",
            "--logs",
            str(tmp_path / "logs"),
            "--a",
            RANDOM,
            "--b",
            MEMORYLESS,
            "--c",
            ADAPTIVE,
            "--out",
            str(tmp_path / "cli2"),
        ]
    )
    [line] = capsys.readouterr().err.splitlines()
    assert code == 0 and line.startswith(f"latentgym handoff: warning: skipping unreadable log {broken}: ")
    assert (tmp_path / "cli2" / "handoff.csv").read_text() == (tmp_path / "cli" / "handoff.csv").read_text()
    broken.unlink()

    # The report page plots the study against K from the CSV the command wrote.
    code = main(
        [
            "report",
            str(tmp_path / "logs"),
            "-o",
            str(tmp_path / "page"),
            "--handoff",
            str(tmp_path / "cli" / "handoff.csv"),
            "--n-boot",
            "50",
        ]
    )
    assert code == 0
    assert (tmp_path / "page" / "plots" / "handoff_efficiency.svg").exists()
    assert "Hand-off efficiency against K" in (tmp_path / "page" / "report.html").read_text()


def test_handoff_marker_reaches_the_exploiter_only(tmp_path):
    from inspect_ai import eval as inspect_eval

    [task] = handoff_tasks(
        "number_guessing",
        Agents(MEMORYLESS, MEMORYLESS, ADAPTIVE),
        [1],
        task_args={**SMALL, "num_episodes": 2, "n_sequences": 1},
        metrics=["exploration"],
        handoff_marker="A new player takes over.",
    )
    [log] = inspect_eval(task, model=ADAPTIVE, log_dir=str(tmp_path), **FAST)
    users = [m.text for m in log.samples[0].messages if m.role == "user"]
    marked = [i for i, text in enumerate(users) if "A new player takes over." in text]
    assert len(marked) == 1 and "## Game 2 of 2" in users[marked[0]]


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda: handoff_tasks("latentgym/chess", Agents("a", "b", "c"), [2]), "chess"),
        (lambda: handoff_tasks("number_guessing", Agents("a", "b", "c"), [2], task_args={"handoff_k": 3}), "--k"),
        (lambda: handoff_tasks("number_guessing", Agents("a", "b", "c"), []), "hand-off point"),
        (lambda: handoff_tasks("number_guessing", Agents("a", "b", "c"), [10]), "handoff_k"),
    ],
)
def test_bad_study_arguments(call, fragment):
    with pytest.raises(LatentGymError, match=fragment):
        call()


def test_command_errors_are_one_line(capsys, tmp_path):
    assert main(["handoff", "--a", "x", "--b", "y", "--c", "z"]) == 2
    assert (
        main(["handoff", "--logs", str(tmp_path), "--out", str(tmp_path / "out"), "--a", "x", "--b", "y", "--c", "z"])
        == 2
    )
    assert (
        main(["handoff", "latentgym/number_guessing", "-T", "latent", "--a", "x", "--b", "y", "--c", "z", "--k", "2"])
        == 2
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("latentgym handoff: error: ") for line in err)


# What the metrics mean, with scripted agents: N = 10, K = 4, 20 paired sequences.
PROOF = {"latent": "set_of_3", "prompt": "full_info", "num_episodes": 10, "n_sequences": 20}


def estimate(tmp_path, agents, metric, **task_args):
    study = run_handoff(
        "latentgym/number_guessing", agents, [4], tmp_path, task_args={**PROOF, **task_args}, metrics=[metric], **FAST
    )
    [comparison] = study.comparisons
    assert comparison.estimate.n_pairs == 20
    return comparison.estimate


def test_exploitation_adaptive_beats_memoryless(tmp_path):
    est = estimate(tmp_path, Agents(a=MEMORYLESS, b=ADAPTIVE, c=ADAPTIVE), "exploitation")
    assert est.efficiency > 0.08 and est.efficiency_ci.low > 0.03


@pytest.mark.parametrize("feedback", ["standard", "information"])
def test_exploration_solving_reveals_more_than_failing(tmp_path, feedback):
    # random fails its games, memoryless solves them; standard feedback shows a target only when solved.
    # max_turns=12 keeps the random explorer cheap and still lets bisection solve every game.
    est = estimate(tmp_path, Agents(a=RANDOM, b=MEMORYLESS, c=ADAPTIVE), "exploration", feedback=feedback, max_turns=12)
    if feedback == "standard":
        assert est.efficiency > 0.03 and est.efficiency_ci.low > 0.01
    else:  # information feedback reveals every target, so the explorer's skill no longer matters
        assert abs(est.efficiency) < 0.01
