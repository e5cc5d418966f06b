"""SkyRL's PPO trainer and experiment with LatentGym's episode boundaries (needs ``skyrl`` 0.4.x).

:class:`LatentGymTrainer` is SkyRL's ``RayPPOTrainer`` plus one piece of bookkeeping for the
``latentgym_episode`` estimator. The env reports the turn that ended each finished episode
(``env_metrics["episode_end_turns"]``); SkyRL's generator returns those metrics with each rollout.
While post-processing a training batch the trainer maps them onto the response tokens
(:func:`~latentgym.rl_bridge.advantage.token_episode_ids`), lays the indices out like SkyRL's
response tensors (right-aligned, padding rows copied from row 0), and hands them to the estimator
while SkyRL computes the advantages. With any other estimator it is SkyRL's trainer unchanged.

:class:`LatentGymExp` is SkyRL's ``BasePPOExp`` building that trainer.
"""

from __future__ import annotations

from typing import Any

from .compat import import_skyrl

import_skyrl()

from skyrl.train.entrypoints.main_base import BasePPOExp  # noqa: E402
from skyrl.train.trainer import RayPPOTrainer  # noqa: E402

from .advantage import ESTIMATOR_NAME, STEP_WISE_ERROR, batch_episode_ids, token_episode_ids  # noqa: E402


def uses_episode_estimator(cfg: Any) -> bool:
    return str(cfg.trainer.algorithm.advantage_estimator) == ESTIMATOR_NAME


def check_config(cfg: Any) -> None:
    """Refuse settings the ``latentgym_episode`` estimator cannot work with (one clear line)."""
    if uses_episode_estimator(cfg) and cfg.generator.step_wise_trajectories:
        raise ValueError(STEP_WISE_ERROR)


def episode_id_rows(generator_output: Any) -> list[list[int]]:
    """Each rollout's per-token episode indices, from its loss mask and the env's episode ends."""
    metrics = generator_output.get("env_metrics")
    if metrics is None:
        raise ValueError("latentgym_episode needs the generator's env_metrics (SkyRL's SkyRLGymGenerator returns them)")
    rows = []
    for i, (loss_mask, env_metrics) in enumerate(zip(generator_output["loss_masks"], metrics)):
        if "episode_end_turns" not in (env_metrics or {}):
            raise ValueError(
                f"rollout {i} has no env_metrics['episode_end_turns']: latentgym_episode trains on latentgym rows only"
            )
        rows.append(token_episode_ids(loss_mask, env_metrics["episode_end_turns"], env_metrics.get("turns")))
    return rows


class LatentGymTrainer(RayPPOTrainer):
    """SkyRL's trainer; with ``latentgym_episode`` it supplies each batch's episode indices."""

    _episode_rows: list[list[int]] | None = None
    _episode_ids: Any = None
    _episode_count: int = 1

    def postprocess_generator_output(self, generator_output: Any, uids: list[str], *args: Any, **kwargs: Any) -> Any:
        if uses_episode_estimator(self.cfg):
            check_config(self.cfg)
            self._episode_rows = episode_id_rows(generator_output)
        return super().postprocess_generator_output(generator_output, uids, *args, **kwargs)

    def convert_to_training_input(self, generator_output: Any, uids: list[str]) -> Any:
        training_input = super().convert_to_training_input(generator_output, uids)
        if uses_episode_estimator(self.cfg):
            import torch

            rows = self._episode_rows
            if rows is None or len(rows) != len(generator_output["response_ids"]):
                raise RuntimeError("episode indices were not recorded for this batch (postprocess_generator_output)")
            batch, width = training_input["response_mask"].shape
            ids = torch.zeros(batch, width, dtype=torch.int64)
            for i, row in enumerate(rows):  # right-aligned, as SkyRL lays out response tensors
                if row:
                    ids[i, width - len(row) :] = torch.as_tensor(row, dtype=torch.int64)
            ids[len(rows) :] = ids[0]  # padding rows copy row 0, like SkyRL's pad_training_input_batch
            self._episode_ids = ids
            self._episode_count = 1 + max((row[-1] for row in rows if row), default=0)  # indices never decrease
        return training_input

    def compute_advantages_and_returns(self, data: Any) -> Any:
        if not uses_episode_estimator(self.cfg):
            return super().compute_advantages_and_returns(data)
        ids, self._episode_ids, self._episode_rows = self._episode_ids, None, None
        if ids is None or tuple(ids.shape) != tuple(data["rewards"].shape):
            raise RuntimeError("episode indices do not match the batch being scored")
        with batch_episode_ids(ids.to(data["rewards"].device), self._episode_count):
            return super().compute_advantages_and_returns(data)


class LatentGymExp(BasePPOExp):
    """SkyRL's PPO experiment with :class:`LatentGymTrainer`."""

    def get_trainer(
        self,
        cfg: Any,
        tracker: Any,
        tokenizer: Any,
        train_dataset: Any,
        eval_dataset: Any,
        inference_engine_client: Any,
        generator: Any,
        colocate_pg: Any,
    ) -> LatentGymTrainer:
        return LatentGymTrainer(
            cfg=cfg,
            tracker=tracker,
            tokenizer=tokenizer,
            train_dataset=train_dataset,
            eval_dataset=eval_dataset,
            inference_engine_client=inference_engine_client,
            generator=generator,
            colocate_pg=colocate_pg,
        )
