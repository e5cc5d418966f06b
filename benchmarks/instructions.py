"""Instructions per step through the sequence protocol, counted by valgrind's callgrind.

Two runs replay 2 and 12 recorded sequences; the difference in instructions over the
difference in steps removes interpreter start-up, imports and data loading. Callgrind counts
are repeatable to a fraction of a percent, unlike wall time on a shared machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
SMALL, LARGE, TOTAL = 2, 12, 20


def available() -> bool:
    return shutil.which("valgrind") is not None


def _count(env: str, sequences: int) -> tuple[int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cg.out"
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                sys.executable,
                str(HERE / "callgrind_worker.py"),
                env,
                str(sequences),
                str(TOTAL),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=HERE,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        steps = int(done.stdout.strip().splitlines()[-1])
        total = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.MULTILINE)
        return int(total.group(1)), steps


def per_step(env: str) -> float:
    """Instructions per step for one env (recorded streams must exist, see streams.py)."""
    small_i, small_s = _count(env, SMALL)
    large_i, large_s = _count(env, LARGE)
    return (large_i - small_i) / (large_s - small_s)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(name, round(per_step(name)))
