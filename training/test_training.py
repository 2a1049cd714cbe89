"""Tests of the training pipeline that run on a CPU with torch and numpy (Debian's python3-torch is enough):

    python3 -m unittest discover -s training -p 'test_*.py'
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import torch  # noqa: E402

import export_gguf  # noqa: E402
import gguf_format  # noqa: E402
import layout  # noqa: E402
from decode import greedy_tiny  # noqa: E402
from model_config import ModelConfig  # noqa: E402
from model_factory import grow_layers, grown_layer_order, initial_weights, load_weights, logits_of  # noqa: E402
from reference_outputs import greedy_one, model_from_gguf  # noqa: E402
from session_data import ShardReader, bucket_batches, collate, load_examples, turn_prompts  # noqa: E402
from tiny_llama import TinyLlama, init_weights  # noqa: E402

FIXTURE = os.path.join(HERE, "fixtures", "sessions.jsonl")
SMALL = ModelConfig(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512)


def small_model(seed: int = 0, std: float = 0.3) -> TinyLlama:
    model = TinyLlama(SMALL)
    init_weights(model, std=std, seed=seed)
    return model.eval()


class LayoutTest(unittest.TestCase):
    def test_fixture_sessions_fit_except_the_one_with_a_key_press(self):
        with open(FIXTURE, encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
        fitted = {r["id"]: layout.session_sequence(r) is not None for r in records}
        self.assertFalse(fitted.pop("fixture-not-in-layout"))
        self.assertTrue(all(fitted.values()), fitted)

    def test_loss_mask_covers_targets_and_end_tokens_only(self):
        turns = [layout.Turn(command="ls", echo="p$ ls\n", target="a\np$ ", family="ls")]
        sequence = layout.build_sequence(turns)
        predicted = bytes(i - 3 for i, m in zip(sequence.ids, sequence.loss_mask) if m and i >= 3)
        self.assertEqual(predicted, b"a\np$ ")
        self.assertEqual(sequence.ids[-1], layout.EOS_ID)
        self.assertEqual(sequence.loss_mask[-1], 1)


class BatchTest(unittest.TestCase):
    def test_labels_are_the_next_ids_where_loss_is_taken(self):
        examples, _ = load_examples([FIXTURE], 2048)
        inputs, labels = collate(examples[:2], 64)
        for row, example in enumerate(examples[:2]):
            ids = example.ids.astype(np.int64)
            n = len(ids) - 1
            self.assertEqual(inputs[row, :n].tolist(), ids[:-1].tolist())
            for position in range(n):
                expected = int(ids[position + 1]) if example.mask[position + 1] else -100
                self.assertEqual(int(labels[row, position]), expected)
            self.assertTrue(bool((labels[row, n:] == -100).all()))
        self.assertEqual(inputs.shape[1] % 64, 0)

    def test_buckets_respect_the_token_budget(self):
        examples, _ = load_examples([FIXTURE], 2048)
        batches = bucket_batches(examples * 8, 2048, 64, random.Random(0))
        for batch in batches:
            width = max(len(example.ids) - 1 for example in batch)
            self.assertTrue(len(batch) == 1 or len(batch) * ((width + 63) // 64 * 64) <= 2048)
        self.assertEqual(sum(len(batch) for batch in batches), len(examples) * 8)

    def test_shard_reader_returns_only_complete_lines_as_files_grow(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "shard-0.jsonl")
            reader = ShardReader([directory])
            with open(path, "w", encoding="utf-8") as handle:
                handle.write('{"id": "a"}\n{"id": "b"')
            self.assertEqual([r["id"] for r in reader.read_new()], ["a"])
            with open(path, "a", encoding="utf-8") as handle:
                handle.write('}\n{"id": "c"}\n')
            self.assertEqual([r["id"] for r in reader.read_new()], ["b", "c"])
            self.assertEqual(reader.read_new(), [])


class DecodeTest(unittest.TestCase):
    def test_batched_cached_decoding_equals_step_by_step_recomputation(self):
        model = small_model()
        prompts = [[1, 50, 60, 70], [1, 80, 90, 100, 110, 120, 130, 140], [1, 33]]
        batched = greedy_tiny(model, prompts, 10)
        for prompt, result in zip(prompts, batched):
            ids = list(prompt)
            expected = []
            with torch.no_grad():
                for _ in range(10):
                    token = int(model(torch.tensor([ids]))[0, -1].argmax())
                    expected.append(token)
                    if token == layout.EOS_ID:
                        break
                    ids.append(token)
            self.assertEqual(result, expected)
            self.assertEqual(greedy_one(model, prompt, 10), expected)

    def test_turn_prompts_end_at_the_echo(self):
        examples, _ = load_examples([FIXTURE], 2048)
        prompt, expected, family = turn_prompts(examples[0])[1]
        self.assertTrue(layout.ids_to_bytes(prompt).endswith(b"user@sim:~$ cd notes\n"))
        self.assertEqual(layout.ids_to_bytes(expected), b"user@sim:~/notes$ ")
        self.assertEqual(expected[-1], layout.EOS_ID)
        self.assertEqual(family, "cd")


class ExportTest(unittest.TestCase):
    def export(self, kind: str) -> tuple[str, dict, TinyLlama]:
        model = small_model(seed=4, std=0.2)
        weights = {name: tensor.detach().numpy() for name, tensor in model.state_dict().items()}
        directory = tempfile.mkdtemp()
        path = os.path.join(directory, f"model-{kind}.gguf")
        export_gguf.export(weights, SMALL.to_hf_dict(), path, kind, "test", {"families": "ls,cat"})
        return path, weights, model

    def test_f32_round_trip_is_exact_and_metadata_is_complete(self):
        path, weights, model = self.export("f32")
        metadata, tensors = gguf_format.read_gguf(path)
        self.assertEqual(metadata["general.architecture"], "llama")
        self.assertEqual(metadata["agentworld.layout"], layout.LAYOUT_ID)
        self.assertEqual(metadata["agentworld.families"], "ls,cat")
        self.assertEqual(len(metadata["tokenizer.ggml.tokens"]), 259)
        self.assertEqual(metadata["tokenizer.ggml.tokens"][3 + 0x41], "<0x41>")
        self.assertEqual(metadata["llama.attention.head_count_kv"], 2)
        self.assertEqual(tensors["token_embd.weight"].shape, (259, 64))
        back = model_from_gguf(path)
        for name, tensor in back.state_dict().items():
            self.assertTrue(np.array_equal(tensor.numpy(), weights[name]), name)

    def test_training_can_continue_from_an_exported_file(self):
        path, weights, _ = self.export("f32")
        state, config = initial_weights(path)
        self.assertEqual(config.num_key_value_heads, SMALL.num_key_value_heads)
        self.assertEqual(config.hidden_size, SMALL.hidden_size)
        model = TinyLlama(config)
        load_weights(model, state, path)
        for name, tensor in model.state_dict().items():
            self.assertTrue(np.array_equal(tensor.numpy(), weights[name]), name)
        other = TinyLlama(ModelConfig(hidden_size=32, intermediate_size=64, num_hidden_layers=1,
                                      num_attention_heads=2, num_key_value_heads=2))
        with self.assertRaises((ValueError, RuntimeError)):
            load_weights(other, state, path)

    def test_the_file_records_the_layout_the_run_trained_on(self):
        model = small_model(seed=4, std=0.2)
        weights = {name: tensor.detach().numpy() for name, tensor in model.state_dict().items()}
        path = os.path.join(tempfile.mkdtemp(), "mcp.gguf")
        line = "agentworld mcp server-memory\n"
        export_gguf.export(weights, SMALL.to_hf_dict(), path, "f32", "test", {}, "mcp-bytes-v1", line)
        metadata, _ = gguf_format.read_gguf(path)
        self.assertEqual(metadata["agentworld.layout"], "mcp-bytes-v1")
        self.assertEqual(metadata["agentworld.system_line"], line)

    def test_q_and_k_rows_are_interleaved_per_head(self):
        path, weights, _ = self.export("f32")
        _, tensors = gguf_format.read_gguf(path)
        q = weights["model.layers.0.self_attn.q_proj.weight"]
        stored = tensors["blk.0.attn_q.weight"]
        head_dim, half = 16, 8
        for head in range(4):
            for j in range(half):
                np.testing.assert_array_equal(stored[head * head_dim + 2 * j], q[head * head_dim + j])
                np.testing.assert_array_equal(stored[head * head_dim + 2 * j + 1], q[head * head_dim + half + j])

    def test_q8_0_keeps_weights_within_half_a_step_and_the_file_small(self):
        path, weights, _ = self.export("q8_0")
        _, tensors = gguf_format.read_gguf(path)
        original = weights["model.layers.1.mlp.up_proj.weight"]
        stored = tensors["blk.1.ffn_up.weight"]
        blocks = original.reshape(-1, 32)
        step = np.abs(blocks).max(axis=1, keepdims=True) / 127
        # Half a quantization step, plus the rounding of the block's scale to float16 (127 · 2^-11 of a step).
        self.assertTrue(np.all(np.abs(stored.reshape(-1, 32) - blocks) <= step * (0.5 + 127 / 2048) + 1e-7))
        self.assertEqual(tensors["blk.1.attn_norm.weight"].dtype, np.float32)
        f32_size = os.path.getsize(self.export("f32")[0])
        self.assertLess(os.path.getsize(path), f32_size * 0.4)

    def test_q5_0_blocks_are_laid_out_as_llama_cpp_reads_them(self):
        # One block decoded bit by bit as ggml's block_q5_0 defines it: f16 scale, 32 high bits, 16 bytes of
        # nibbles (value j in the low nibble of byte j, value 16 + j in its high nibble).
        values = np.linspace(-1.0, 0.9, 32, dtype=np.float32).reshape(1, 32)
        raw = gguf_format.quantize_q5_0(values, search=False)
        self.assertEqual(len(raw), 22)
        scale = float(np.frombuffer(raw[:2], dtype="<f2")[0])
        high_bits = int.from_bytes(raw[2:6], "little")
        decoded = []
        for j in range(32):
            nibble = raw[6 + j % 16] & 0xF if j < 16 else raw[6 + j % 16] >> 4
            decoded.append((nibble | ((high_bits >> j) & 1) << 4) - 16)
        self.assertEqual(min(decoded), -16)  # the largest magnitude (-1.0) takes the lowest code
        np.testing.assert_allclose(np.array(decoded) * scale, values[0], atol=abs(scale) * 0.51)
        np.testing.assert_array_equal(gguf_format.dequantize_q5_0(raw, 32), np.array(decoded, dtype=np.float32) * scale)

    def test_q5_0_scale_search_never_loses_to_the_plain_scale(self):
        rng = np.random.default_rng(3)
        matrix = (rng.standard_normal((64, 128)) * 0.05).astype(np.float32)
        errors = {}
        for search in (False, True):
            back = gguf_format.dequantize_q5_0(gguf_format.quantize_q5_0(matrix, search=search), matrix.size)
            errors[search] = ((back.reshape(-1, 32) - matrix.reshape(-1, 32)) ** 2).sum(axis=1)
        self.assertTrue(np.all(errors[True] <= errors[False] + 1e-12))
        self.assertLess(errors[True].sum(), errors[False].sum() * 0.97)

    def test_q5_0_export_keeps_the_byte_tables_in_q8_0_and_reads_back(self):
        path, weights, _ = self.export("q5_0")
        metadata, tensors = gguf_format.read_gguf(path)
        self.assertEqual(metadata["general.file_type"], 8)
        original = weights["model.layers.0.mlp.down_proj.weight"]
        error = tensors["blk.0.ffn_down.weight"] - original
        # 32 levels: about 1/30 of the weights' spread, against 1/250 for Q8_0.
        self.assertLess(np.sqrt((error**2).mean()) / np.sqrt((original**2).mean()), 0.05)
        embed = weights["model.embed_tokens.weight"]
        embed_step = np.abs(embed.reshape(-1, 32)).max(axis=1, keepdims=True) / 127
        self.assertTrue(np.all(np.abs(tensors["token_embd.weight"].reshape(-1, 32) - embed.reshape(-1, 32)) <= embed_step))
        self.assertLess(os.path.getsize(path), os.path.getsize(self.export("q8_0")[0]))

    def test_default_model_fits_the_sixteen_megabyte_limit_in_q8_0(self):
        config = ModelConfig()
        size = config.parameter_count() * 34 / 32 + 259 * 64 * 16 + 100_000
        self.assertGreater(config.parameter_count(), 13_000_000)
        self.assertLess(size, 16 * 1024 * 1024)


class GrowTest(unittest.TestCase):
    def test_new_layers_are_spread_between_the_old_ones(self):
        self.assertEqual(grown_layer_order(8, 12), [0, 1, None, 2, 3, None, 4, 5, None, 6, 7, None])
        self.assertEqual(grown_layer_order(2, 2), [0, 1])
        with self.assertRaises(ValueError):
            grown_layer_order(4, 3)

    def test_a_grown_model_computes_what_the_old_one_did_and_can_still_learn(self):
        model = small_model(seed=5, std=0.2)
        state, config = grow_layers(model.state_dict(), SMALL, 3, "tiny", seed=9)
        self.assertEqual(config.num_hidden_layers, 3)
        grown = TinyLlama(config)
        load_weights(grown, state, "grown")
        grown.eval()
        ids = torch.randint(3, 259, (2, 24), generator=torch.Generator().manual_seed(0))
        torch.testing.assert_close(logits_of(grown, ids), logits_of(model, ids))
        new_layer = "model.layers.2."  # [0, 1, None]
        self.assertEqual(float(state[new_layer + "mlp.down_proj.weight"].abs().sum()), 0.0)
        self.assertGreater(float(state[new_layer + "mlp.up_proj.weight"].abs().sum()), 0.0)
        logits_of(grown.train(), ids).logsumexp(-1).sum().backward()
        self.assertGreater(float(grown.get_parameter(new_layer + "mlp.down_proj.weight").grad.abs().sum()), 0.0)


if __name__ == "__main__":
    unittest.main()
