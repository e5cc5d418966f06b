#!/usr/bin/env bash
# GRPO (or latentgym_episode) on LatentGym with SkyRL 0.4 on ONE GPU: policy, reference and vLLM colocated.
# Needs: Linux, a CUDA GPU (>= 40 GB for a 1.5B model at 8k context), Python 3.12 and SkyRL's FSDP stack
# (docs/rl.md: install). Every setting is an environment variable with the default below or in common.sh:
#   ADV_ESTIMATOR=latentgym_episode MODEL=/models/qwen N_TRAIN=3200 MAX_STEPS=50 bash train_minimal.sh
# Defaults: 3200 train rows / batch 32 = 100 steps per epoch; an HF model every 25 steps.
set -euo pipefail
RUN_NAME="${RUN_NAME:-latentgym_1gpu_${ADV_ESTIMATOR:-grpo}}"
N_TRAIN="${N_TRAIN:-3200}"        # train rows per task (seeds 10000..)
TRAIN_BATCH="${TRAIN_BATCH:-32}"  # prompts per step
MINI_BATCH="${MINI_BATCH:-8}"
MICRO_BATCH="${MICRO_BATCH:-1}"
NUM_GPUS="${NUM_GPUS:-1}"
NUM_NODES=1
TP_SIZE=1
GPU_MEM_UTIL="${GPU_MEM_UTIL:-0.5}"
EXTRA_OVERRIDES=()
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
