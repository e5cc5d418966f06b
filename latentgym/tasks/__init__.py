"""Inspect tasks: ``latentgym/<env>`` for every registered env, and ``latentgym/mixed``."""

from .env_tasks import TASKS
from .mixed import mixed
from .sequence_task import sequence_task

globals().update(TASKS)

__all__ = ["TASKS", "mixed", "sequence_task", *TASKS]
