import pytest
from inspect_ai import eval as inspect_eval


@pytest.fixture
def run_eval(tmp_path):
    """Run an Inspect eval offline with a scripted agent; return the single EvalLog."""

    def run(task, model="latentgym/memoryless", **kwargs):
        logs = inspect_eval(task, model=model, log_dir=str(tmp_path), display="none", **kwargs)
        assert len(logs) == 1
        return logs[0]

    return run
