"""Inspect side: show configuration errors on the command line as one clear line, not a traceback.

Inspect's own "print the message, no traceback" class lives in a private module, so this one
does not subclass it: importing this module chains a small ``sys.excepthook`` in front of the
one in place (Inspect installs its own when an eval starts; both orders work, since each hook
hands every other exception to the one it wrapped). An uncaught :class:`TaskConfigError` is then
printed as its one-line message on stderr and the process exits with status 1.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

from .envs.errors import LatentGymError

F = TypeVar("F", bound=Callable[..., Any])


class LatentGymWarning(UserWarning):
    """Something the user should know about a result, e.g. an unreadable log that was skipped.

    ``latentgym`` commands print each as one line, ``latentgym <command>: warning: ...``.
    """


class TaskConfigError(LatentGymError):
    """A :class:`LatentGymError` that the command line prints without a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = f"latentgym: {message}"


def _config_error(exc: BaseException | None) -> TaskConfigError | None:
    """``exc`` or the first exception it was raised from or during that is a :class:`TaskConfigError`."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, TaskConfigError):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def _chain_excepthook() -> None:
    previous = sys.excepthook
    if getattr(previous, "_latentgym", False):
        return

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        found = _config_error(exc)
        if found is None:
            previous(kind, exc, tb)
            return
        print(found.message, file=sys.stderr, flush=True)

    hook._latentgym = True  # type: ignore[attr-defined]
    sys.excepthook = hook


_chain_excepthook()


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
