#!/usr/bin/env bash
# GRPO (or latentgym_episode) on LatentGym with SkyRL 0.4 on several GPUs of one or more nodes: FSDP2-sharded
# policy and reference, one vLLM engine per TP group, all colocated.
# Needs: Linux, NUM_GPUS CUDA GPUs per node (a Ray cluster when NUM_NODES > 1), Python 3.12 and SkyRL's FSDP
# stack (docs/rl.md: install). Every setting is an environment variable with the default below or in common.sh:
#   ADV_ESTIMATOR=latentgym_episode GAMMA=0.9 NUM_GPUS=8 bash train_fsdp.sh
# Defaults: 6400 train rows / batch 128 = 50 steps per epoch, 2 epochs; an HF model every 25 steps.
set -euo pipefail
RUN_NAME="${RUN_NAME:-latentgym_fsdp_${ADV_ESTIMATOR:-grpo}}"
N_TRAIN="${N_TRAIN:-6400}"         # train rows per task (seeds 10000..)
EPOCHS="${EPOCHS:-2}"
TRAIN_BATCH="${TRAIN_BATCH:-128}"  # prompts per step
MINI_BATCH="${MINI_BATCH:-32}"
MICRO_BATCH="${MICRO_BATCH:-2}"
NUM_GPUS="${NUM_GPUS:-8}"          # GPUs per node
NUM_NODES="${NUM_NODES:-1}"
TP_SIZE="${TP_SIZE:-1}"            # tensor parallel size of each vLLM engine
GPU_MEM_UTIL="${GPU_MEM_UTIL:-0.6}"
EXTRA_OVERRIDES=(trainer.policy.fsdp_config.fsdp_size=-1 trainer.ref.fsdp_config.cpu_offload=true)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
