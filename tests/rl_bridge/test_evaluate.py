"""A saved checkpoint evaluated with Inspect's hf/ provider on the eval split's seeds (CPU, no download).

The checkpoint is a tiny random-weight Llama built here with transformers and saved with the
byte-level chat tokenizer of the dry run, as SkyRL's ``hf_save_interval`` export would be.
"""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from latentgym.rl_bridge.data import DataConfig, build, entries_from  # noqa: E402
from latentgym.rl_bridge.dry_run import build_chat_tokenizer  # noqa: E402
from latentgym.rl_bridge.evaluate import command_line, eval_runs, evaluate, main  # noqa: E402

TASK = "number_guessing/set_of_3/full_info/standard/ep2"


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    root = tmp_path_factory.mktemp("ckpt")
    policy = root / "global_step_1" / "policy"
    build_chat_tokenizer(policy)
    tokenizer = transformers.AutoTokenizer.from_pretrained(str(policy))
    torch.manual_seed(0)
    config = transformers.LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=2,
        max_position_embeddings=4096,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=None,
    )
    transformers.LlamaForCausalLM(config).save_pretrained(str(policy))
    return policy


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("data")
    build(entries_from([TASK], [], preset="rl_training", n_train=2, n_eval=2, max_total_turns=4), out, DataConfig())
    return out


def test_eval_runs_use_the_eval_seeds_preset_and_cap(data_dir):
    [run] = eval_runs(data_dir)
    assert run["args"]["seed"] == 42 and run["args"]["n_sequences"] == 2
    assert run["args"]["preset"] == "rl_training" and run["args"]["max_total_turns"] == 4
    line = command_line(run, "hf/local", {"model_path": "/ckpt"})
    assert line.startswith("inspect eval latentgym/number_guessing -T latent=set_of_3")
    assert "-T seed=42 -T n_sequences=2" not in line and "-T seed=42" in line and "-M model_path=/ckpt" in line


def test_checkpoint_plays_the_eval_split_in_inspect(checkpoint, data_dir, tmp_path):
    pytest.importorskip("accelerate", reason="Inspect's hf/ provider needs accelerate (the skyrl-cpu extra has it)")
    [log] = evaluate(data_dir, checkpoint, log_dir=str(tmp_path), max_tokens=8)
    assert log.status == "success", log.error
    assert [s.metadata["seed"] for s in log.samples] == [42, 43]
    for sample in log.samples:
        assert sample.error is None
        score = next(iter(sample.scores.values()))
        assert "cumulative" in score.value


def test_bad_model_dir_is_one_error_line(data_dir, tmp_path, capsys):
    assert main(["--data", str(data_dir), "--model-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0
