"""Errors raised for bad user input: each names the bad value and the valid choices."""

from __future__ import annotations

from collections.abc import Iterable


class LatentGymError(ValueError):
    """A user-facing configuration error (unknown name, bad parameter, empty pool...)."""


def one_line(text: object) -> str:
    """``text`` (a message, or an exception's) with its lines joined and runs of whitespace collapsed,
    for errors and warnings shown on one line."""
    return " ".join(str(text).split())


def unknown(kind: str, value: object, choices: Iterable[object]) -> LatentGymError:
    """Build the error for a value that is not among the valid choices."""
    listed = sorted(str(c) for c in choices)
    if len(listed) > 40:
        shown = ", ".join(listed[:40]) + f", ... ({len(listed)} in all)"
    else:
        shown = ", ".join(listed)
    return LatentGymError(f"unknown {kind} {value!r}; valid choices: {shown}")
