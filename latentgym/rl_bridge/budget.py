"""Context budget: the token length of full scripted rollouts of a task.

A rollout that outgrows SkyRL's ``generator.max_input_length`` is cut before ``done`` and, with a
reward paid at the end, scores 0 without notice. The data command measures scripted rollouts
of each task with the training model's tokenizer and warns, fails or drops tasks that cannot fit.

Counting: the full conversation (system, first user message, every assistant reply and env
message) is rendered with the tokenizer's chat template when it has one
(``apply_chat_template(messages, tokenize=True)``), otherwise as the plain join
``"{role}: {content}"`` of the messages separated by blank lines, encoded without special tokens.
Scripted replies are terse, so the figure is a lower bound for a model that reasons in its
replies: leave headroom.

The tokenizer is loaded from a LOCAL path only (``local_files_only=True``); nothing is downloaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..agents.policies import POLICY_MODULES, Secret
from ..agents.rollout import play
from ..envs import LatentGymError
from ..envs.errors import unknown
from .task import TaskSpec

DEFAULT_BUDGET_AGENT = "adaptive"


def load_tokenizer(path: str | Path) -> Any:
    """A Hugging Face tokenizer from a local directory (never a hub download)."""
    root = Path(path)
    if not root.exists():
        raise LatentGymError(f"tokenizer path {root} does not exist (only local tokenizers are used)")
    try:
        from transformers import AutoTokenizer
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise LatentGymError('counting tokens needs `pip install "latentgym[rl]"` (transformers)') from exc
    return AutoTokenizer.from_pretrained(str(root), local_files_only=True)


def count_tokens(messages: Sequence[Mapping[str, str]], tokenizer: Any) -> int:
    """Tokens of a whole conversation (chat template if any, else the documented plain join)."""
    if getattr(tokenizer, "chat_template", None):
        ids = tokenizer.apply_chat_template(list(messages), tokenize=True)
        if isinstance(ids, Mapping) or hasattr(ids, "keys"):
            ids = ids["input_ids"]
        return len(ids)
    text = "\n\n".join(f"{m['role']}: {m['content']}" for m in messages)
    return len(tokenizer.encode(text, add_special_tokens=False))


def scripted_messages(task: TaskSpec, agent: str = DEFAULT_BUDGET_AGENT) -> tuple[list[dict[str, str]], bool]:
    """The full conversation of a scripted agent on ``task`` (and whether it completed)."""
    if task.env not in POLICY_MODULES:
        raise unknown("env with scripted agents (needed to measure rollouts)", task.env, POLICY_MODULES)
    environment, seq = task.make_sequence()
    secret = None
    if agent == "oracle":
        secret = Secret(environment.env, environment.latent.id, task.draw(environment).context)
    rollout = play(seq, agent, secret)
    return [{"role": role, "content": text} for role, text in rollout.messages], rollout.complete


@dataclass(frozen=True)
class TokenStats:
    """Token lengths of scripted rollouts of one task over some seeds."""

    task: str
    agent: str
    seeds: int
    min_tokens: int
    mean_tokens: float
    max_tokens: int
    complete_share: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def measure(task: TaskSpec, seeds: Iterable[int], tokenizer: Any, agent: str = DEFAULT_BUDGET_AGENT) -> TokenStats:
    """Token lengths of the scripted rollouts of ``task`` for each seed."""
    lengths: list[int] = []
    complete = 0
    for seed in seeds:
        messages, done = scripted_messages(task.with_seed(seed), agent)
        lengths.append(count_tokens(messages, tokenizer))
        complete += done
    if not lengths:
        raise LatentGymError("measure() needs at least one seed")
    return TokenStats(
        task=task.name,
        agent=agent,
        seeds=len(lengths),
        min_tokens=min(lengths),
        mean_tokens=sum(lengths) / len(lengths),
        max_tokens=max(lengths),
        complete_share=complete / len(lengths),
    )
