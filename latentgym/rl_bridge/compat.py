"""Import SkyRL on Python 3.11 (SkyRL 0.4 declares Python >= 3.12).

SkyRL's only 3.12-only construct met on import is a pydantic model over ``typing.TypedDict``
(``skyrl.tinker.types``); pydantic needs ``typing_extensions.TypedDict`` before 3.12. On 3.11
:func:`import_skyrl` imports that module with ``typing.TypedDict`` pointing at
``typing_extensions.TypedDict`` and restores it at once; on 3.12+ it is a plain import. The CPU
pipeline tests and the dry run use it, so CI (Python 3.11) runs SkyRL's real code; training
itself should use the Python SkyRL supports (docs/rl.md).
"""

from __future__ import annotations

import importlib
import sys
import typing


def import_skyrl() -> None:
    """Import SkyRL's type module so every later ``import skyrl...`` works on this Python."""
    if sys.version_info >= (3, 12) or "skyrl.tinker.types" in sys.modules:
        importlib.import_module("skyrl")
        return
    import typing_extensions

    original = typing.TypedDict
    typing.TypedDict = typing_extensions.TypedDict
    try:
        importlib.import_module("skyrl.tinker.types")
    finally:
        typing.TypedDict = original
