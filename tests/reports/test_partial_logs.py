"""Logs as a half-finished suite leaves them: unreadable files, unfinished evals, models run on
different configuration sets. Nothing is ranked silently and nothing already played is lost."""

import shutil

import pandas as pd
import pytest
from inspect_ai.log import list_eval_logs, read_eval_log, write_eval_log

from latentgym.cli import main
from latentgym.config_errors import LatentGymWarning
from latentgym.envs import LatentGymError
from latentgym.reports import Selection, leaderboard, leaderboard_scope, load_sequences, write_report

from .conftest import N_SEQUENCES

SHARED = "number_guessing/set_of_3/full_info/standard/ep3"
RANDOM = "latentgym/random"


@pytest.fixture
def logs(scripted_logs, tmp_path):
    """A private copy of the scripted logs, to damage."""
    return shutil.copytree(scripted_logs, tmp_path / "logs")


def log_paths(log_dir):
    return sorted(info.name.removeprefix("file://") for info in list_eval_logs(str(log_dir)))


def log_of(log_dir, model, latent):
    for path in log_paths(log_dir):
        header = read_eval_log(path, header_only=True)
        if header.eval.model == model and header.eval.task_args.get("latent") == latent:
            return path
    raise AssertionError((model, latent))


def test_scripted_logs_have_different_configuration_sets(scripted_logs):
    frame = load_sequences(scripted_logs)
    sets = frame.groupby("model")["benchmark_id"].unique().map(frozenset)
    assert sets[RANDOM] != sets["latentgym/oracle"] and SHARED in sets[RANDOM] & sets["latentgym/oracle"]


def test_truncated_and_garbage_logs_are_skipped_with_a_warning_naming_them(logs, capsys):
    full = load_sequences(logs)
    victim = log_of(logs, "latentgym/oracle", "range_100")
    data = open(victim, "rb").read()
    open(victim, "wb").write(data[: len(data) // 2])
    garbage = logs / "2026-01-01T00-00-00-00-00_garbage_abc.eval"
    garbage.write_bytes(b"not a zip at all")
    with pytest.warns(LatentGymWarning) as caught:
        frame = load_sequences(logs)
    messages = sorted(str(w.message) for w in caught if w.category is LatentGymWarning)
    assert len(messages) == 2
    assert messages[0].startswith(f"skipping unreadable log {garbage}: ")
    assert messages[1].startswith(f"skipping unreadable log {victim}: ValueError")
    lost = full[(full["model"] == "latentgym/oracle") & full["benchmark_id"].str.contains("range_100")]
    assert len(frame) == len(full) - len(lost) == len(full) - N_SEQUENCES

    # The commands go on, with one warning line per skipped file.
    assert main(["leaderboard", str(logs), "--n-boot", "20"]) == 0
    out, err = capsys.readouterr()
    skipped = [line for line in err.splitlines() if "skipping unreadable log" in line]
    assert [line.split(": warning: ")[0] for line in skipped] == ["latentgym leaderboard"] * 2
    assert "latentgym/oracle" in out
    assert main(["report", str(logs), "-o", str(logs.parent / "page"), "--n-boot", "20"]) == 0
    assert sum("skipping unreadable log" in line for line in capsys.readouterr().err.splitlines()) == 2


def test_only_unreadable_logs_is_an_error(tmp_path):
    (tmp_path / "2026-01-01T00-00-00-00-00_x_abc.eval").write_bytes(b"\x00" * 100)
    with pytest.warns(LatentGymWarning), pytest.raises(LatentGymError, match="1 unreadable, skipped"):
        load_sequences(tmp_path)


def mark_unfinished(path, status="started", keep_samples=True):
    """Rewrite a finished log as an eval interrupted before its end."""
    log = read_eval_log(path)
    log.status = status
    if not keep_samples:
        log.samples = []
    write_eval_log(log, path)


def test_unfinished_evals_are_left_out_with_a_warning(logs, capsys):
    started = log_of(logs, "latentgym/adaptive", "range_100")
    errored = log_of(logs, RANDOM, "two_ranges")
    mark_unfinished(started)
    mark_unfinished(errored, status="error", keep_samples=False)
    frame = load_sequences(logs)
    assert set(frame.loc[frame["log"].str.endswith(started.rsplit("/", 1)[-1]), "eval_status"]) == {"started"}
    with pytest.warns(LatentGymWarning) as caught:
        scope = leaderboard_scope(frame, all_configs=True)
    [note] = [str(w.message) for w in caught if w.category is LatentGymWarning and "unfinished" in str(w.message)]
    assert note.startswith(f"left out 2 unfinished eval(s) (1 error, 1 started) holding {N_SEQUENCES} sequence(s): ")
    assert started.rsplit("/", 1)[-1] in note and errored.rsplit("/", 1)[-1] in note
    assert (scope.frame["eval_status"] == "success").all()
    coverage = scope.coverage.set_index("model")
    assert coverage.loc["latentgym/adaptive", "unfinished"] == N_SEQUENCES
    assert coverage.loc["latentgym/adaptive", "configs_run"] == 1
    assert coverage.loc[RANDOM, "configs_run"] == 1  # its errored eval held no sample

    assert main(["leaderboard", str(logs), "--n-boot", "20"]) == 0
    out, err = capsys.readouterr()
    assert (
        sum(line.startswith("latentgym leaderboard: warning: left out 2 unfinished") for line in err.splitlines()) == 1
    )
    assert "Coverage per model" in out and "Note: left out 2 unfinished eval(s)" in out


def test_a_finished_rerun_beats_a_newer_unfinished_copy(logs):
    original = log_of(logs, "latentgym/oracle", "range_100")
    log = read_eval_log(original)
    log.status = "started"
    log.eval.created = "2099-01-01T00:00:00+00:00"
    log.eval.eval_id = "unfinished-copy"
    for i, sample in enumerate(log.samples):  # a rerun's samples get new ids
        sample.uuid = f"rerun-{i}"
    write_eval_log(log, logs / "2099-01-01T00-00-00-00-00_number-guessing_copy.eval")
    frame = load_sequences(logs)
    rows = frame[(frame["model"] == "latentgym/oracle") & frame["benchmark_id"].str.contains("range_100")]
    assert len(rows) == N_SEQUENCES and (rows["eval_status"] == "success").all()


def test_models_on_different_configuration_sets_are_compared_on_the_common_set(scripted_logs):
    frame = load_sequences(scripted_logs)
    with pytest.warns(LatentGymWarning, match="ranked on the 1 configuration"):
        board = leaderboard(frame, n_boot=50).set_index("model")
    assert (board["configs"] == 1).all() and (board["configs_run"] == 2).all()
    shared = frame[frame["benchmark_id"] == SHARED]
    for model, rows in shared.groupby("model"):
        done = rows[rows["complete"]]
        assert board.loc[model, "cumulative"] == pytest.approx(done["cumulative"].mean())
        assert board.loc[model, "sequences"] == len(done)
    with pytest.warns(LatentGymWarning, match="their means average different tasks"):
        everything = leaderboard(frame, n_boot=50, all_configs=True).set_index("model")
    assert (everything["configs"] == 2).all()
    oracle = frame[(frame["model"] == "latentgym/oracle") & frame["complete"]]
    assert everything.loc["latentgym/oracle", "cumulative"] == pytest.approx(
        oracle.groupby("benchmark_id")["cumulative"].mean().mean()
    )


def test_models_sharing_no_configuration_is_an_error(scripted_logs):
    frame = load_sequences(scripted_logs)
    disjoint = Selection(latent=("range_100", "two_ranges"))
    with pytest.raises(LatentGymError, match="share none .*--all-configs"):
        leaderboard(frame, selection=disjoint)
    with pytest.warns(LatentGymWarning):
        board = leaderboard(frame, selection=disjoint, n_boot=20, all_configs=True)
    assert set(board["model"]) == {RANDOM, "latentgym/oracle", "latentgym/adaptive", "latentgym/memoryless"}


def test_same_configuration_sets_give_no_note(scripted_logs, recwarn):
    frame = load_sequences(scripted_logs)
    scope = leaderboard_scope(frame, Selection(model=("latentgym/oracle", "latentgym/memoryless")))
    assert scope.notes == () and not scope.common and len(scope.configs) == 2
    assert not [w for w in recwarn if issubclass(w.category, LatentGymWarning)]


def test_outputs_state_the_scope(scripted_logs, tmp_path, capsys):
    out = tmp_path / "board.csv"
    assert main(["leaderboard", str(scripted_logs), "--format", "csv", "-o", str(out), "--n-boot", "20"]) == 0
    board = pd.read_csv(out).set_index("model")
    assert (board["configs"] == 1).all() and (board["configs_run"] == 2).all()
    [warning] = capsys.readouterr().err.splitlines()
    assert warning.startswith("latentgym leaderboard: warning: the models were run on different configuration sets")
    assert main(["leaderboard", str(scripted_logs), "--format", "markdown", "--n-boot", "20"]) == 0
    text = capsys.readouterr().out
    assert "| 1 of 2 |" in text and "Coverage per model (finished evals):" in text
    assert "- Note: the models were run on different configuration sets" in text
    with pytest.warns(LatentGymWarning):
        written = write_report(scripted_logs, tmp_path / "report", n_boot=20)
    page = written["report.html"].read_text()
    assert "id='coverage'" in page and "coverage-table" in page and "not ranked: not run by every model" in page
    sequences = pd.read_csv(written["sequences.csv"])
    assert len(sequences) == len(load_sequences(scripted_logs))  # every sequence kept, ranked or not
    assert set(sequences.loc[sequences["ranked"], "benchmark_id"]) == {SHARED}
    assert pd.read_csv(written["coverage.csv"]).shape[0] == 4
