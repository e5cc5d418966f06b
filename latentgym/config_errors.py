"""Inspect side: show configuration errors on the command line as one clear line, not a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from inspect_ai._util.error import PrerequisiteError

from .envs.errors import LatentGymError

F = TypeVar("F", bound=Callable[..., Any])


class TaskConfigError(PrerequisiteError, LatentGymError):
    """A :class:`LatentGymError` that Inspect's CLI prints without a traceback."""

    def __init__(self, message: str) -> None:
        LatentGymError.__init__(self, message)
        self.message = f"latentgym: {message}"


def clear_errors(fn: F) -> F:
    """Re-raise :class:`LatentGymError` from ``fn`` as :class:`TaskConfigError`."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except TaskConfigError:
            raise
        except LatentGymError as exc:
            raise TaskConfigError(str(exc)) from None

    return wrapper  # type: ignore[return-value]
