# Shared by train_minimal.sh and train_fsdp.sh: data generation and the SkyRL 0.4 launch.
# Every variable below may be set in the environment; the calling script sets the hardware defaults.
# Extra SkyRL overrides can be appended as arguments: bash train_minimal.sh trainer.epochs=2
# CHECK_CONFIG=1 writes the data, then only composes and validates the config (no Ray, no GPU).

# ---- task mix ---------------------------------------------------------------------------------
TASKS="${TASKS:-number_guessing/set_of_3/full_info/standard/ep10}"   # space-separated benchmark ids
PRESET="${PRESET:-rl_training}"            # rule preset (number_guessing: 10 guesses per game)
N_EVAL="${N_EVAL:-100}"                    # eval rows per task: seeds 42.., the Inspect task's seeds
DATA_DIR="${DATA_DIR:-$HOME/data/latentgym/${RUN_NAME}}"

# ---- reward and advantage ---------------------------------------------------------------------
ADV_ESTIMATOR="${ADV_ESTIMATOR:-grpo}"     # grpo: R = sum r_i per rollout; latentgym_episode: per-episode credit
GAMMA="${GAMMA:-1.0}"                      # cross-episode discount of latentgym_episode (SkyRL's gamma)
case "$ADV_ESTIMATOR" in
  latentgym_episode) REWARD_TYPE="${REWARD_TYPE:-per_episode}" ;;  # each episode's reward at its last turn
  *) REWARD_TYPE="${REWARD_TYPE:-cumulative}" ;;                     # R = sum of the episode rewards, at the end
esac

# ---- model and optimisation ---------------------------------------------------------------------
MODEL="${MODEL:-Qwen/Qwen2.5-1.5B-Instruct}"   # a hub id or a local directory reachable from every node
TOKENIZER_DIR="${TOKENIZER_DIR:-}"             # local tokenizer dir: the data step checks the context budget
LR="${LR:-5.0e-6}"
KL_COEF="${KL_COEF:-0.1}"                  # KL to the reference as a loss term (token rewards stay raw)
N_SAMPLES="${N_SAMPLES:-8}"                # group size (samples per prompt)
EPOCHS="${EPOCHS:-1}"
MAX_STEPS="${MAX_STEPS:-}"                 # stop after this many training steps (empty: all epochs)

# ---- sampling and context -------------------------------------------------------------------------
TEMPERATURE="${TEMPERATURE:-0.7}"
TOP_P="${TOP_P:-0.95}"
EVAL_TEMPERATURE="${EVAL_TEMPERATURE:-0}"  # greedy eval, 1 sample per prompt
MAX_PROMPT_LENGTH="${MAX_PROMPT_LENGTH:-1024}"      # the opening (system + game 1) must fit
MAX_INPUT_LENGTH="${MAX_INPUT_LENGTH:-8192}"        # whole conversation; a longer one stops before done
MAX_GENERATE_LENGTH="${MAX_GENERATE_LENGTH:-256}"   # tokens per reply
MAX_TURNS="${MAX_TURNS:-1000}"             # SkyRL's generator.max_turns; the env applies the task's own turn cap

# ---- checkpoints and logging ------------------------------------------------------------------------
LOGGER="${LOGGER:-console}"
CKPT_DIR="${CKPT_DIR:-$HOME/ckpts/$RUN_NAME}"
EXPORT_DIR="${EXPORT_DIR:-$HOME/exports/$RUN_NAME}"  # HF models: $EXPORT_DIR/global_step_N/policy
HF_SAVE_INTERVAL="${HF_SAVE_INTERVAL:-25}"            # save an HF model every N steps and at each epoch end
CKPT_INTERVAL="${CKPT_INTERVAL:-25}"
EVAL_INTERVAL="${EVAL_INTERVAL:-10}"

# ---- 1. data ------------------------------------------------------------------------------------------
TASK_ARGS=()
for t in $TASKS; do TASK_ARGS+=(--task "$t"); done
BUDGET_ARGS=()
if [ -n "$TOKENIZER_DIR" ]; then
  BUDGET_ARGS=(--tokenizer "$TOKENIZER_DIR" --max-tokens "$MAX_INPUT_LENGTH" --on-overflow error)
fi
python -m latentgym.rl_bridge.data "${TASK_ARGS[@]}" --preset "$PRESET" \
  --n-train "$N_TRAIN" --n-eval "$N_EVAL" --reward-type "$REWARD_TYPE" \
  --out "$DATA_DIR" "${BUDGET_ARGS[@]}"

N_TASKS=$(echo $TASKS | wc -w)
STEPS_PER_EPOCH=$(( N_TRAIN * N_TASKS / TRAIN_BATCH ))   # SkyRL drops the last partial batch
echo "latentgym: $(( N_TRAIN * N_TASKS )) train rows / batch $TRAIN_BATCH = $STEPS_PER_EPOCH steps per epoch," \
  "$EPOCHS epoch(s)${MAX_STEPS:+, at most $MAX_STEPS steps}; HF model every $HF_SAVE_INTERVAL steps in $EXPORT_DIR"
if [ "$STEPS_PER_EPOCH" -lt 1 ]; then
  echo "error: $(( N_TRAIN * N_TASKS )) train rows are fewer than TRAIN_BATCH=$TRAIN_BATCH" >&2
  exit 2
fi

# ---- 2. train -----------------------------------------------------------------------------------------
CHECK=()
if [ "${CHECK_CONFIG:-0}" = 1 ]; then CHECK=(--check); fi
STEP_ARGS=()
if [ -n "$MAX_STEPS" ]; then STEP_ARGS=(trainer.max_training_steps="$MAX_STEPS"); fi
python -m latentgym.rl_bridge.train "${CHECK[@]}" \
  data.train_data="['$DATA_DIR/train.parquet']" \
  data.val_data="['$DATA_DIR/validation.parquet']" \
  environment.env_class=latentgym \
  trainer.algorithm.advantage_estimator="$ADV_ESTIMATOR" \
  trainer.algorithm.gamma="$GAMMA" \
  trainer.algorithm.use_kl_loss=true \
  trainer.algorithm.use_kl_in_reward=false \
  trainer.algorithm.kl_loss_coef="$KL_COEF" \
  trainer.policy.model.path="$MODEL" \
  trainer.policy.optimizer_config.lr="$LR" \
  trainer.strategy=fsdp2 \
  trainer.placement.colocate_all=true \
  trainer.placement.policy_num_gpus_per_node="$NUM_GPUS" \
  trainer.placement.ref_num_gpus_per_node="$NUM_GPUS" \
  trainer.placement.policy_num_nodes="$NUM_NODES" \
  trainer.placement.ref_num_nodes="$NUM_NODES" \
  generator.inference_engine.num_engines=$(( NUM_GPUS * NUM_NODES / TP_SIZE )) \
  generator.inference_engine.tensor_parallel_size="$TP_SIZE" \
  generator.inference_engine.backend=vllm \
  generator.inference_engine.run_engines_locally=true \
  generator.inference_engine.weight_sync_backend=nccl \
  generator.inference_engine.gpu_memory_utilization="$GPU_MEM_UTIL" \
  trainer.epochs="$EPOCHS" \
  trainer.train_batch_size="$TRAIN_BATCH" \
  trainer.policy_mini_batch_size="$MINI_BATCH" \
  trainer.micro_forward_batch_size_per_gpu="$MICRO_BATCH" \
  trainer.micro_train_batch_size_per_gpu="$MICRO_BATCH" \
  trainer.eval_batch_size=100 \
  trainer.eval_before_train=true \
  trainer.eval_interval="$EVAL_INTERVAL" \
  trainer.max_prompt_length="$MAX_PROMPT_LENGTH" \
  generator.max_input_length="$MAX_INPUT_LENGTH" \
  generator.max_turns="$MAX_TURNS" \
  generator.sampling_params.max_generate_length="$MAX_GENERATE_LENGTH" \
  generator.sampling_params.temperature="$TEMPERATURE" \
  generator.sampling_params.top_p="$TOP_P" \
  generator.eval_sampling_params.temperature="$EVAL_TEMPERATURE" \
  generator.eval_n_samples_per_prompt=1 \
  generator.n_samples_per_prompt="$N_SAMPLES" \
  generator.batched=false \
  generator.use_conversation_multi_turn=true \
  trainer.logger="$LOGGER" \
  trainer.project_name=latentgym \
  trainer.run_name="$RUN_NAME" \
  trainer.ckpt_path="$CKPT_DIR" \
  trainer.ckpt_interval="$CKPT_INTERVAL" \
  trainer.export_path="$EXPORT_DIR" \
  trainer.hf_save_interval="$HF_SAVE_INTERVAL" \
  trainer.resume_mode=null \
  "${STEP_ARGS[@]}" \
  "${EXTRA_OVERRIDES[@]}" \
  "$@"
