"""A suite split over two processes into one S3 bucket (a local moto server), one part killed mid-way and
rerun, then the leaderboard and the report read from the bucket: the same numbers as one local folder."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("moto", reason="moto[server] is not installed (pip install -e '.[test]')")
pytest.importorskip("s3fs", reason="s3fs is not installed (pip install -e '.[test]')")
boto3 = pytest.importorskip("boto3")

BUCKET = "latentgym-logs"
SUITE = "tiny-s3"
MODELS = ["--model", "latentgym/adaptive", "--with-references"]  # adaptive, memoryless and oracle
N_SEQUENCES = "2"
TIMINGS = Path(os.environ.get("LATENTGYM_S3_TIMINGS", "/tmp/latentgym-s3-shards-timings.txt"))

# Run by each process: registers the tiny suite (N=2, 2 sequences per configuration), optionally slows the
# directly played scripted agents down so that a kill lands mid-way, then runs `latentgym suite` with the given
# arguments.
RUNNER = """
import os, sys
import latentgym.reports._suites as suites
from latentgym.reports import Suite, SuiteTask

suites.SUITES["tiny-s3"] = lambda: Suite("tiny-s3", "", tuple(
    SuiteTask("number_guessing", latent, prompt, "standard", 2)
    for latent, prompt in (("set_of_3", "full_info"), ("set_of_3", "no_info"), ("range_100", "no_info"),
                           ("two_ranges", "no_info"))
), n_sequences=2)
delay = float(os.environ.get("LATENTGYM_TEST_DELAY", "0"))
if delay:  # the scripted agents are played directly, in this process with --max-tasks 1: slow each sequence
    import time
    import latentgym.agents.direct as direct
    plain = direct.play_sample
    def slow(*args, **kwargs):
        time.sleep(delay)
        return plain(*args, **kwargs)
    direct.play_sample = slow
if __name__ == "__main__":  # the direct path's worker processes import this file again
    from latentgym.cli import main
    sys.exit(main(sys.argv[1:]))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """A moto S3 server on a free loopback port, with one bucket; yields the environment that points at it."""
    port = _free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], stdout=out, stderr=out
        )
    env = {
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"moto server did not start: {log.read_text()[-2000:]}")
                time.sleep(0.2)
        client = boto3.client(
            "s3",
            endpoint_url=env["AWS_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
        client.create_bucket(Bucket=BUCKET)
        yield env
    finally:
        server.terminate()
        server.wait(timeout=30)


def _command(runner: Path, *args: str) -> list[str]:
    return [sys.executable, str(runner), *args]


def _run(runner: Path, env: dict[str, str], *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.monotonic()
    done = subprocess.run(_command(runner, *args), env=env, capture_output=True, text=True, timeout=600)
    return done, time.monotonic() - start


def _main(capsys, *args: str) -> str:
    """``latentgym ARGS`` in this process (the tiny suite registered as in RUNNER); its standard output."""
    from latentgym.cli import main

    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def _objects(client, prefix: str) -> list[str]:
    listed = client.list_objects_v2(Bucket=BUCKET, Prefix=prefix)
    return [o["Key"] for o in listed.get("Contents", [])]


def test_two_shards_into_one_bucket_match_one_local_folder(s3, tmp_path, monkeypatch, capsys):
    for key, value in s3.items():
        monkeypatch.setenv(key, value)
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER)
    namespace: dict[str, object] = {}
    exec(RUNNER.split("delay =")[0], namespace)  # noqa: S102 - registers the tiny suite here too
    import latentgym.reports._suites as suites

    monkeypatch.setitem(suites.SUITES, SUITE, suites.SUITES.pop(SUITE))
    env = {**os.environ, **s3, "INSPECT_DISPLAY": "none", "PYTHONUNBUFFERED": "1"}
    bucket_dir = f"s3://{BUCKET}/suite"
    common = ["suite", SUITE, "--n-sequences", N_SEQUENCES, *MODELS]
    timings: dict[str, float] = {}

    # Part 2, slowed down, starts first; once its evals are in the bucket, part 1 starts and part 2 is killed.
    slow_env = {**env, "LATENTGYM_TEST_DELAY": "1.0"}
    client = boto3.client("s3")
    start = time.monotonic()
    part2 = subprocess.Popen(
        _command(runner, *common, "--shard", "2/2", "--log-dir", bucket_dir, "--max-tasks", "1"),
        env=slow_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while not any(k.endswith(".eval") for k in _objects(client, "suite/")):
        assert part2.poll() is None, (
            "part 2 ended before it could be killed: " + part2.communicate()[0][-3000:].decode()
        )
        assert time.monotonic() < deadline, "part 2 wrote no log to the bucket"
        time.sleep(0.2)
    part1 = subprocess.Popen(
        _command(runner, *common, "--shard", "1/2", "--log-dir", bucket_dir),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    time.sleep(2.0)
    assert part2.poll() is None, "part 2 finished before it could be killed"
    os.killpg(part2.pid, signal.SIGKILL)
    part2.wait(timeout=60)
    timings["part 2 until killed"] = time.monotonic() - start
    out1, _ = part1.communicate(timeout=600)
    timings["part 1 (started with part 2 running)"] = time.monotonic() - start
    assert part1.returncode == 0, out1[-3000:]
    assert "part 1/2" in out1

    status = _main(capsys, *common, "--status", bucket_dir)
    assert "incomplete" in status
    for model in ("latentgym/adaptive", "latentgym/memoryless", "latentgym/oracle"):
        line = next(li for li in status.splitlines() if li.startswith(model + ":"))
        assert "of 4" in line and "4 done" not in line.split(";")[0], line  # part 2's configs are not done

    rerun, timings["part 2 rerun"] = _run(runner, env, *common, "--shard", "2/2", "--log-dir", bucket_dir)
    assert rerun.returncode == 0, rerun.stdout[-3000:] + rerun.stderr[-3000:]
    status = _main(capsys, *common, "--status", bucket_dir)
    assert status.count("configurations 4 done, 0 running, 0 failed, 0 missing (of 4)") == 3, status
    assert "sequences 8 done" in status and ": complete" in status

    local_dir = tmp_path / "one-folder"
    local, timings["one folder"] = _run(runner, env, *common, "--log-dir", str(local_dir))
    assert local.returncode == 0, local.stdout[-3000:] + local.stderr[-3000:]

    boards = {}
    for name, source in (("bucket", bucket_dir), ("local", str(local_dir))):
        out = tmp_path / f"{name}.csv"
        _main(capsys, "leaderboard", source, "--format", "csv", "-o", str(out))
        boards[name] = pd.read_csv(out)
    pd.testing.assert_frame_equal(boards["bucket"], boards["local"])
    assert len(boards["bucket"]) == 3 and set(boards["bucket"]["sequences"]) == {8}

    # The leaderboard written into the bucket, and the report read from it (written locally and into it).
    _main(capsys, "leaderboard", bucket_dir, "--format", "csv", "-o", f"s3://{BUCKET}/out/board.csv")
    board = client.get_object(Bucket=BUCKET, Key="out/board.csv")["Body"].read().decode()
    assert board.splitlines()[0] == ",".join(boards["local"].columns) and len(board.splitlines()) == 4
    report_dir = tmp_path / "report"
    _main(capsys, "report", bucket_dir, "-o", str(report_dir), "--n-boot", "200")
    page = (report_dir / "report.html").read_text()
    assert f"inspect view --log-dir {bucket_dir}" in page and "latentgym/adaptive" in page
    local_report = tmp_path / "local-report"
    _main(capsys, "report", str(local_dir), "-o", str(local_report), "--n-boot", "200")
    pd.testing.assert_frame_equal(
        pd.read_csv(report_dir / "leaderboard.csv"), pd.read_csv(local_report / "leaderboard.csv")
    )
    _main(capsys, "report", bucket_dir, "-o", f"s3://{BUCKET}/report", "--n-boot", "200")
    assert {"report/report.html", "report/leaderboard.csv"} <= set(_objects(client, "report/"))

    from latentgym.reports import load_sequences

    assert load_sequences(bucket_dir)["complete"].all()

    summary = [f"{k}: {v:.1f} s" for k, v in timings.items()]
    TIMINGS.write_text(
        "\n".join(summary)
        + "\n\nbucket leaderboard:\n"
        + boards["bucket"].to_string()
        + "\n\none-folder leaderboard:\n"
        + boards["local"].to_string()
        + "\n"
    )
    print("\n".join(summary))
