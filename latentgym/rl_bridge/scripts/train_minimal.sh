#!/usr/bin/env bash
# GRPO on LatentGym with SkyRL on ONE GPU (policy, reference and vLLM colocated).
# Needs: Python 3.12, a CUDA GPU (>= 40 GB for 1.5B with these settings), skyrl-train + vLLM,
# and this package: pip install "latentgym[train]". See latentgym/rl_bridge/README.md.
# Every setting is here; extra SkyRL overrides can be appended: bash train_minimal.sh trainer.epochs=2
set -euo pipefail

# ---- task mix (the paper's script setting) -------------------------------------------------
TASKS=(number_guessing/set_of_3/full_info/standard/ep10)   # repeat for a mixture of envs/latents
PRESET=rl_training          # rule preset (number_guessing: 10 guesses per game)
N_TRAIN=500                 # train rows per task (seeds 10000..)
N_EVAL=100                  # eval rows per task (seeds 42.., identical to the Inspect task's)
DATA_DIR="${DATA_DIR:-$HOME/data/latentgym/ng_set_of_3}"

# ---- reward and advantage --------------------------------------------------------------------
ADV_ESTIMATOR=grpo          # grpo: R = sum r_i per rollout; latentgym_episode: per-episode credit
if [ "$ADV_ESTIMATOR" = latentgym_episode ]; then
  REWARD_TYPE=per_episode   # each episode's reward at its last turn ...
  EPISODE_MARKER=1e-4       # ... plus a marker so 0-reward episode ends are visible
else
  REWARD_TYPE=cumulative    # R = sum of the episode rewards, paid on the final turn
  EPISODE_MARKER=0
fi

# ---- model and optimisation ------------------------------------------------------------------
MODEL="Qwen/Qwen2.5-1.5B-Instruct"
TOKENIZER_DIR="${TOKENIZER_DIR:-}"   # local tokenizer dir for the context check (optional)
LR=5.0e-6
KL_COEF=0.1                 # KL to the reference as a loss term (keeps token rewards raw)
N_SAMPLES=8                 # GRPO group size (samples per prompt)
TRAIN_BATCH=32              # prompts per step
MINI_BATCH=8
MICRO_BATCH=1
EPOCHS=1

# ---- sampling and context --------------------------------------------------------------------
TEMPERATURE=0.7
TOP_P=0.95
EVAL_TEMPERATURE=0          # greedy eval, 1 sample per prompt
MAX_PROMPT_LENGTH=1024      # the opening (system + game 1) must fit
MAX_INPUT_LENGTH=8192       # whole conversation; a longer one is cut before done (reported)
MAX_GENERATE_LENGTH=256     # tokens per reply
MAX_TURNS=1000              # SkyRL's generator.max_turns; the env stops itself at its own budget

# ---- hardware and logging --------------------------------------------------------------------
NUM_GPUS=1
GPU_MEM_UTIL=0.5
LOGGER=console
RUN_NAME=latentgym_ng_grpo_1gpu
CKPT_DIR="$HOME/ckpts/$RUN_NAME"

# ---- 1. data ----------------------------------------------------------------------------------
TASK_ARGS=()
for t in "${TASKS[@]}"; do TASK_ARGS+=(--task "$t"); done
BUDGET_ARGS=()
if [ -n "$TOKENIZER_DIR" ]; then
  BUDGET_ARGS=(--tokenizer "$TOKENIZER_DIR" --max-tokens "$MAX_INPUT_LENGTH" --on-overflow error)
fi
python -m latentgym.rl_bridge.data "${TASK_ARGS[@]}" --preset "$PRESET" \
  --n-train "$N_TRAIN" --n-eval "$N_EVAL" --reward-type "$REWARD_TYPE" \
  --episode-marker "$EPISODE_MARKER" --out "$DATA_DIR" "${BUDGET_ARGS[@]}"

# ---- 2. train ---------------------------------------------------------------------------------
python -m latentgym.rl_bridge.train \
  data.train_data="['$DATA_DIR/train.parquet']" \
  data.val_data="['$DATA_DIR/validation.parquet']" \
  environment.env_class=latentgym \
  trainer.algorithm.advantage_estimator="$ADV_ESTIMATOR" \
  trainer.algorithm.use_kl_loss=true \
  trainer.algorithm.use_kl_in_reward=false \
  trainer.algorithm.kl_loss_coef="$KL_COEF" \
  trainer.policy.model.path="$MODEL" \
  trainer.policy.optimizer_config.lr="$LR" \
  trainer.strategy=fsdp2 \
  trainer.placement.colocate_all=true \
  trainer.placement.policy_num_gpus_per_node="$NUM_GPUS" \
  trainer.placement.ref_num_gpus_per_node="$NUM_GPUS" \
  generator.num_inference_engines="$NUM_GPUS" \
  generator.inference_engine_tensor_parallel_size=1 \
  trainer.epochs="$EPOCHS" \
  trainer.train_batch_size="$TRAIN_BATCH" \
  trainer.policy_mini_batch_size="$MINI_BATCH" \
  trainer.micro_forward_batch_size_per_gpu="$MICRO_BATCH" \
  trainer.micro_train_batch_size_per_gpu="$MICRO_BATCH" \
  trainer.eval_batch_size=100 \
  trainer.eval_before_train=true \
  trainer.eval_interval=5 \
  trainer.max_prompt_length="$MAX_PROMPT_LENGTH" \
  generator.max_input_length="$MAX_INPUT_LENGTH" \
  generator.max_turns="$MAX_TURNS" \
  generator.sampling_params.max_generate_length="$MAX_GENERATE_LENGTH" \
  generator.sampling_params.temperature="$TEMPERATURE" \
  generator.sampling_params.top_p="$TOP_P" \
  generator.eval_sampling_params.temperature="$EVAL_TEMPERATURE" \
  generator.eval_n_samples_per_prompt=1 \
  generator.n_samples_per_prompt="$N_SAMPLES" \
  generator.backend=vllm \
  generator.run_engines_locally=true \
  generator.weight_sync_backend=nccl \
  generator.async_engine=true \
  generator.batched=false \
  generator.use_conversation_multi_turn=true \
  generator.gpu_memory_utilization="$GPU_MEM_UTIL" \
  trainer.logger="$LOGGER" \
  trainer.project_name=latentgym \
  trainer.run_name="$RUN_NAME" \
  trainer.ckpt_path="$CKPT_DIR" \
  trainer.resume_mode=null \
  "$@"
