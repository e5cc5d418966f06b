import fcntl

import pytest
from inspect_ai import eval as inspect_eval

from latentgym.tasks import number_guessing

REFERENCE_AGENTS = ("latentgym/memoryless", "latentgym/adaptive", "latentgym/oracle")
AGENTS = (*REFERENCE_AGENTS, "latentgym/random")
N_GAMES = 3
N_SEQUENCES = 4


def _play(log_dir: str) -> None:
    def config(latent, prompt="no_info"):
        return number_guessing(latent=latent, prompt=prompt, num_episodes=N_GAMES, n_sequences=N_SEQUENCES)

    runs = [
        ([config("set_of_3", "full_info"), config("range_100")], list(REFERENCE_AGENTS), {}),
        ([config("set_of_3", "full_info")], ["latentgym/random"], {}),
        ([config("two_ranges")], ["latentgym/random"], {"message_limit": 30}),
    ]
    for tasks, models, limits in runs:
        logs = inspect_eval(tasks, model=models, log_dir=log_dir, display="none", max_tasks=8, **limits)
        assert all(log.status == "success" for log in logs)


@pytest.fixture(scope="session")
def scripted_logs(tmp_path_factory, worker_id):
    """A log dir of real scripted-agent evals, played once per test session (shared by xdist workers).

    memoryless, adaptive and oracle on two configs; random on one of them, plus a run of random on
    a third config cut short by a message limit, so that some sequences are incomplete and one
    config has no reference runs.
    """
    root = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    log_dir = root / "scripted-logs"
    with open(root / "scripted-logs.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = root / "scripted-logs.done"
        if not done.exists():
            log_dir.mkdir(exist_ok=True)
            _play(str(log_dir))
            done.write_text("")
    return log_dir
