"""Our multi-episode solver against a bare multi-turn Inspect loop doing no game work.

Both loops talk to the same replay model (it answers each turn with the recorded action of
that sequence) and append messages of the same sizes, so the difference is the game work
plus our per-turn bookkeeping in the sample store.
"""

from __future__ import annotations

import tempfile
import time

from inspect_ai import Task
from inspect_ai import eval as inspect_eval
from inspect_ai.model import (
    ChatMessage,
    ChatMessageAssistant,
    ChatMessageSystem,
    ChatMessageUser,
    GenerateConfig,
    ModelAPI,
    ModelOutput,
    get_model,
    modelapi,
)
from inspect_ai.solver import Generate, Solver, TaskState, chain, solver
from inspect_ai.tool import ToolChoice, ToolInfo
from inspect_ai.util import store
from streams import N, bench_environment, recorded

from latentgym.envs import TaskDefinition
from latentgym.scorers import sequence_metrics
from latentgym.solvers import multi_episode
from latentgym.tasks.sequence_task import build_samples

SEED_KEY = "bench:seed"
STREAMS: dict[int, list[str]] = {}
OBSERVATIONS: dict[int, list[str]] = {}


@modelapi(name="lgbench")
class ReplayModel(ModelAPI):
    """Answers turn t of a sequence with its recorded action t."""

    def __init__(
        self,
        model_name: str,
        base_url: str | None = None,
        api_key: str | None = None,
        config: GenerateConfig = GenerateConfig(),
        **_: object,
    ) -> None:
        super().__init__(model_name, base_url, api_key, [], config)

    def max_connections(self) -> int:
        return 64

    async def generate(
        self, input: list[ChatMessage], tools: list[ToolInfo], tool_choice: ToolChoice, config: GenerateConfig
    ) -> ModelOutput:
        turn = sum(1 for m in input if m.role == "assistant")
        return ModelOutput.from_content(self.model_name, STREAMS[store().get(SEED_KEY)][turn])


@solver
def remember_seed() -> Solver:
    async def solve(state: TaskState, generate: Generate) -> TaskState:
        store().set(SEED_KEY, state.metadata["seed"])
        return state

    return solve


@solver
def bare_loop() -> Solver:
    """The same number of model calls and messages of the same sizes, and no game."""

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        seed = state.metadata["seed"]
        model = get_model()
        state.messages = [ChatMessageSystem(content=state.input[0].text), ChatMessageUser(content=state.input[1].text)]
        for observation in OBSERVATIONS[seed]:
            output = await model.generate(state.messages)
            state.messages.append(ChatMessageAssistant(content=output.completion))
            state.messages.append(ChatMessageUser(content=observation))
        return state

    return solve


def _prepare(env: str, sequences: int) -> list:
    environment = bench_environment(env)
    streams = recorded(env, range(sequences))
    for seed, actions in streams:
        seq = environment.make(seed)
        seq.start()
        observations = []
        for text in actions:
            out = seq.step(text)
            observations.append(out.observation)
            if out.done:
                break
        STREAMS[seed] = actions
        OBSERVATIONS[seed] = observations
    task = TaskDefinition(environment.env, environment.latent.id, environment.prompt, environment.feedback, N)
    return build_samples(task, environment, [s for s, _ in streams], handoff_k=None)


def _time(task: Task) -> float:
    with tempfile.TemporaryDirectory() as logs:
        start = time.perf_counter()
        inspect_eval(task, model="lgbench/replay", log_dir=logs, display="none", log_samples=True)
        return time.perf_counter() - start


def measure(env: str = "number_guessing", sequences: int = 20, repeats: int = 5) -> tuple[float, float, int]:
    """(our µs per turn, bare-loop µs per turn, turns), best of ``repeats`` alternated runs each.

    Both tasks score with the same scorer, and runs alternate so that load on a shared machine
    hits both loops alike.
    """
    samples = _prepare(env, sequences)
    turns = sum(len(v) for v in OBSERVATIONS.values() if v)
    ours = Task(dataset=samples, solver=chain(remember_seed(), multi_episode()), scorer=sequence_metrics())
    bare = Task(dataset=samples, solver=chain(remember_seed(), bare_loop()), scorer=sequence_metrics())
    _time(ours), _time(bare)  # warm imports and caches
    best_ours = best_bare = float("inf")
    for _ in range(repeats):
        best_ours = min(best_ours, _time(ours))
        best_bare = min(best_bare, _time(bare))
    return best_ours / turns * 1e6, best_bare / turns * 1e6, turns


if __name__ == "__main__":
    ours, bare, turns = measure()
    print(f"{turns} turns: ours {ours:.0f} us/turn, bare loop {bare:.0f} us/turn, ratio {ours / bare:.3f}")
