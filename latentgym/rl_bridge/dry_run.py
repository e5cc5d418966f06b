"""SkyRL's own training pipeline on CPU, with scripted LatentGym agents in place of the model.

``python -m latentgym.rl_bridge.dry_run --out /tmp/lg_dry`` writes a latentgym dataset that mixes
several envs (``latentgym rl-data``), then runs, with SkyRL's real classes and no GPU:

1. SkyRL's ``PromptDataset`` over ``train.parquet`` (its loader and prompt-length filter);
2. SkyRL's multi-turn ``SkyRLGymGenerator`` with ``use_conversation_multi_turn=true``, talking to
   :class:`ScriptedEngine`, an ``InferenceEngineInterface`` that decodes the prompt tokens back
   into the conversation and answers with a scripted agent (no vLLM, no weights);
3. the trainer's post-processing, batch conversion and advantage computation
   (:class:`~latentgym.rl_bridge.trainer.LatentGymTrainer`, i.e. SkyRL's ``RayPPOTrainer``
   methods) with ``grpo`` and with ``latentgym_episode``.

It prints each rollout (task, seed, agent, turns, episode rewards, SkyRL's summed token reward)
and the advantages of both estimators per episode. The tokenizer is a small byte-level BPE
trained on game text on the spot (:func:`build_chat_tokenizer`); nothing is downloaded.

Needs ``skyrl`` 0.4.x (``pip install "latentgym[skyrl-cpu]"``, see docs/rl.md).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..agents.policies import act
from ..agents.transcript import parse_transcript
from ..envs import LatentGymError
from .budget import scripted_messages
from .task import TaskSpec

CHAT_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
"""A Qwen-style chat template (each message ends with the EOS token ``<|im_end|>``)."""

SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]

DRY_RUN_TASKS = (
    "number_guessing/set_of_3/full_info/standard/ep3",
    "wordle/starts_with_S/some_info/standard/ep2",
    "mastermind/all_even/no_info/standard/ep2",
)
AGENTS = ("adaptive", "random", "memoryless", "adaptive")
"""The scripted agent of each sample of a prompt (sample i plays AGENTS[i % 4])."""

_MESSAGE = re.compile(r"<\|im_start\|>(system|user|assistant)\n(.*?)<\|im_end\|>\n", re.S)


def build_chat_tokenizer(directory: str | Path, vocab_size: int = 2000) -> str:
    """A byte-level BPE tokenizer with a chat template, trained on scripted game text; saved locally.

    Byte-level BPE decodes exactly what it encoded, so :class:`ScriptedEngine` can read the
    conversation back from token ids.
    """
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    corpus: list[str] = []
    for name in DRY_RUN_TASKS:
        corpus += [m["content"] for m in scripted_messages(TaskSpec.from_name(name, seed=1), "adaptive")[0]]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=SPECIAL_TOKENS, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tok.train_from_iterator(corpus, trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        bos_token=None,
        additional_special_tokens=["<|im_start|>"],
    )
    fast.chat_template = CHAT_TEMPLATE
    fast.save_pretrained(str(directory))
    return str(directory)


def _engine_base() -> type:
    from .compat import import_skyrl

    import_skyrl()
    from skyrl.backends.skyrl_train.inference_servers.base import InferenceEngineInterface

    return InferenceEngineInterface


class ScriptedEngine:
    """SkyRL's inference-engine interface answered by LatentGym's scripted agents.

    Each call decodes the prompt ids into the conversation (system, user, assistant, ... messages),
    picks the agent of the session (``"{instance}_{repetition}"``: repetition i plays
    ``AGENTS[i % len(AGENTS)]``) and returns its reply followed by the EOS token.
    """

    def __init__(self, tokenizer: Any, agents: Sequence[str] = AGENTS) -> None:
        self.tokenizer = tokenizer
        self.agents = tuple(agents)
        self.calls = 0

    def agent_of(self, session_id: Any) -> str:
        repetition = int(str(session_id).rsplit("_", 1)[-1]) if "_" in str(session_id) else 0
        return self.agents[repetition % len(self.agents)]

    async def generate(self, input_batch: dict[str, Any], model: str | None = None) -> dict[str, Any]:
        responses, ids, reasons = [], [], []
        sessions = input_batch.get("session_ids") or [None] * len(input_batch["prompt_token_ids"])
        for prompt_ids, session in zip(input_batch["prompt_token_ids"], sessions):
            text = self.tokenizer.decode(prompt_ids, skip_special_tokens=False)
            chat = [(role, content) for role, content in _MESSAGE.findall(text)]
            if not chat:
                raise LatentGymError("the scripted engine could not read the conversation from the prompt ids")
            reply = act(parse_transcript(chat), self.agent_of(session))
            responses.append(reply)
            ids.append(self.tokenizer.encode(reply, add_special_tokens=False) + [self.tokenizer.eos_token_id])
            reasons.append("stop")
            self.calls += 1
        return {"responses": responses, "response_ids": ids, "stop_reasons": reasons, "response_logprobs": None}

    async def finish_session(self, session_id: str) -> None:
        return None


def scripted_engine(tokenizer: Any, agents: Sequence[str] = AGENTS) -> Any:
    """A :class:`ScriptedEngine` that is also a SkyRL ``InferenceEngineInterface`` (abstract methods unused)."""
    base = _engine_base()
    abstract = {
        name: _unused(name) for name in getattr(base, "__abstractmethods__", ()) if not hasattr(ScriptedEngine, name)
    }
    cls = type("ScriptedSkyRLEngine", (ScriptedEngine, base), abstract)
    return cls(tokenizer, agents)


def _unused(name: str) -> Any:
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"the scripted engine does not implement {name} (only generation is scripted)")

    return method


class _OneRank:
    """The trainer's worker dispatch, reduced to what batch conversion asks: one data-parallel rank."""

    @staticmethod
    def get_lcm_dp_size() -> int:
        return 1


@dataclass
class PipelineResult:
    """What one pass of SkyRL's pipeline produced for one estimator."""

    estimator: str
    uids: list[str]
    rows: list[dict[str, Any]]
    rewards: Any  # [B, T] token rewards (SkyRL's)
    response_mask: Any
    loss_mask: Any
    advantages: Any
    returns: Any
    env_metrics: list[dict[str, Any]] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)


def skyrl_config(
    data_dir: str | Path,
    tokenizer_dir: str | Path,
    estimator: str,
    n_samples: int,
    batch: int,
    extra: Sequence[str] = (),
) -> Any:
    """SkyRL's dataclass config for the CPU pipeline (the same keys the training scripts set)."""
    from .train import parse_config

    data = Path(data_dir)
    return parse_config(
        [
            f"data.train_data=['{data / 'train.parquet'}']",
            f"data.val_data=['{data / 'validation.parquet'}']",
            f"trainer.policy.model.path={tokenizer_dir}",
            "environment.env_class=latentgym",
            f"trainer.algorithm.advantage_estimator={estimator}",
            "trainer.algorithm.use_kl_loss=true",
            "trainer.algorithm.use_kl_in_reward=false",
            f"trainer.train_batch_size={batch}",
            f"trainer.policy_mini_batch_size={batch}",
            "trainer.max_prompt_length=4096",
            f"generator.n_samples_per_prompt={n_samples}",
            "generator.max_input_length=60000",
            "generator.max_turns=1000",
            "generator.batched=false",
            "generator.use_conversation_multi_turn=true",
            "trainer.placement.colocate_all=false",
            "trainer.logger=console",
            "generator.inference_engine.enable_ray_prometheus_stats=false",
            "trainer.enable_ray_gpu_monitor=false",
            *extra,
        ]
    )


async def _pipeline(cfg: Any, tokenizer: Any, engine: Any, dataset: Any, prompts: list[Any]) -> PipelineResult:
    from skyrl.backends.skyrl_train.inference_servers.engine_utils import get_sampling_params_for_backend
    from skyrl.train.generators.skyrl_gym_generator import SkyRLGymGenerator
    from skyrl.train.generators.utils import prepare_generator_input

    from .trainer import LatentGymTrainer

    generator = SkyRLGymGenerator(cfg.generator, cfg.environment.skyrl_gym, engine, tokenizer)
    trainer = LatentGymTrainer(
        cfg=cfg,
        tracker=None,
        tokenizer=tokenizer,
        train_dataset=dataset,
        inference_engine_client=engine,
        generator=generator,
    )
    trainer.dispatch = _OneRank()
    generator_input, uids = prepare_generator_input(
        prompts,
        cfg.generator.n_samples_per_prompt,
        get_sampling_params_for_backend(cfg.generator.inference_engine.backend, cfg.generator.sampling_params),
        cfg.environment.env_class,
        "train",
        0,
    )
    output = await generator.generate(generator_input)
    env_metrics = list(output["env_metrics"])
    output, uids = trainer.postprocess_generator_output(output, uids)
    batch = trainer.convert_to_training_input(output, uids)
    # SkyRL's forward pass (fwd_logprobs_values_reward) would add log-probs and, with no critic,
    # values=None; the advantage step reads only the values.
    batch["values"] = None
    batch = trainer.compute_advantages_and_returns(batch)
    rows = [dict(p["env_extras"]["extra_info"]) for p in prompts for _ in range(cfg.generator.n_samples_per_prompt)]
    return PipelineResult(
        estimator=str(cfg.trainer.algorithm.advantage_estimator),
        uids=list(uids),
        rows=rows,
        rewards=batch["rewards"] if "rewards" in batch else None,
        response_mask=batch["response_mask"],
        loss_mask=batch["loss_mask"],
        advantages=batch["advantages"],
        returns=batch["returns"],
        env_metrics=env_metrics,
        metrics=dict(trainer.all_metrics),
    )


def run_pipeline(
    data_dir: str | Path,
    tokenizer_dir: str | Path,
    estimator: str,
    *,
    n_samples: int = 4,
    batch: int | None = None,
    extra: Sequence[str] = (),
) -> PipelineResult:
    """SkyRL's dataset loader, generator and trainer steps over the first ``batch`` train rows."""
    from .compat import import_skyrl

    import_skyrl()
    from skyrl.train.dataset import PromptDataset
    from transformers import AutoTokenizer

    from .advantage import register as register_estimator
    from .registration import register as register_env

    register_env()
    register_estimator()
    tokenizer = AutoTokenizer.from_pretrained(str(tokenizer_dir), local_files_only=True, padding_side="left")
    dataset = PromptDataset(
        datasets=[str(Path(data_dir) / "train.parquet")], tokenizer=tokenizer, max_prompt_length=4096, num_workers=1
    )
    batch = batch or len(dataset)
    cfg = skyrl_config(data_dir, tokenizer_dir, estimator, n_samples, batch, extra)
    prompts = [dataset[i] for i in range(batch)]
    prompts = [_as_generator_prompt(p) for p in prompts]
    return asyncio.run(_pipeline(cfg, tokenizer, scripted_engine(tokenizer), dataset, prompts))


def _as_generator_prompt(item: Any) -> dict[str, Any]:
    """A dataset item as the trainer's collate function hands it to ``prepare_generator_input``."""
    if isinstance(item, dict):
        return item
    prompt, env_class, env_extras, uid = item
    return {"prompt": prompt, "env_class": env_class, "env_extras": env_extras, "uid": uid}


def write_dry_run_data(out: str | Path, tasks: Sequence[str] = DRY_RUN_TASKS, n_train: int = 2) -> Path:
    """A small mixed-env dataset (per-episode rewards in every split, so both estimators apply)."""
    from .data import DataConfig, build, entries_from

    out = Path(out)
    build(
        entries_from(list(tasks), [], preset="default", n_train=n_train, n_eval=2),
        out / "data",
        DataConfig(reward_type="per_episode", n_val=1),
    )
    return out / "data"


def episode_summary(result: PipelineResult, b: int) -> list[tuple[int, float, float]]:
    """(episode, reward, advantage) per finished episode of sample ``b``, read from the batch tensors.

    The advantage of an episode is read at the last generated token of the turn that ended it.
    """
    from .advantage import token_episode_ids

    metrics = result.env_metrics[b]
    loss = result.loss_mask[b]
    generated = [int(x) > 0 for x in loss.tolist()]
    episode_of = token_episode_ids([int(g) for g in generated], metrics["episode_end_turns"])
    last: dict[int, int] = {}  # episode -> its last generated token (the end of the turn that ended it)
    for i, (episode, gen) in enumerate(zip(episode_of, generated, strict=True)):
        if gen:
            last[episode] = i
    out = []
    for k in range(len(metrics["episode_end_turns"])):
        out.append((k + 1, float(metrics[f"reward_ep{k + 1}"]), float(result.advantages[b, last[k]])))
    return out


def report(results: Sequence[PipelineResult]) -> str:
    """The dry run's rollouts, rewards and advantages, as printed text."""
    lines = []
    first = results[0]
    lines.append(
        f"{len(first.uids)} rollouts ({len(set(first.uids))} prompts x {len(first.uids) // len(set(first.uids))} samples)"
    )
    for b, row in enumerate(first.rows):
        m = first.env_metrics[b]
        token_sum = float(first.rewards[b].sum()) if first.rewards is not None else float("nan")
        lines.append(
            f"[{b:2d}] {row['task']} seed {row['seed']} agent {AGENTS[b % len(AGENTS)]}: turns {m['turns']}, "
            f"episode rewards {[round(m[f'reward_ep{k}'], 3) for k in range(1, m['episodes_completed'] + 1)]}, "
            f"episode ends at turns {m['episode_end_turns']}, SkyRL token-reward sum {token_sum:.4f}"
        )
    for result in results:
        lines.append(f"advantages, {result.estimator}:")
        for b in range(len(result.uids)):
            per_ep = ", ".join(f"ep{k} r={r:.3f} A={a:+.3f}" for k, r, a in episode_summary(result, b))
            lines.append(f"  [{b:2d}] {per_ep}")
        pass_key = next((k for k in result.metrics if k.startswith("reward/avg_pass_at")), None)
        if pass_key:
            lines.append(
                f"  SkyRL metrics: {pass_key}={result.metrics[pass_key]:.3f} "
                f"avg_raw_reward={result.metrics['reward/avg_raw_reward']:.4f}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m latentgym.rl_bridge.dry_run", description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="working directory (data and tokenizer are written here)")
    parser.add_argument("--samples", type=int, default=4, help="samples per prompt")
    args = parser.parse_args(argv)
    out = Path(args.out)
    data = write_dry_run_data(out)
    tokenizer = build_chat_tokenizer(out / "tokenizer")
    results = [run_pipeline(data, tokenizer, name, n_samples=args.samples) for name in ("grpo", "latentgym_episode")]
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
