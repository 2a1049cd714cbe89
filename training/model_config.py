"""The model's shape, as a dataclass that writes and reads transformers' LlamaConfig fields (no torch needed)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class ModelConfig:
    vocab_size: int = 259
    hidden_size: int = 384
    intermediate_size: int = 1024
    num_hidden_layers: int = 8
    num_attention_heads: int = 6
    num_key_value_heads: int = 6
    max_position_embeddings: int = 2048
    rms_norm_eps: float = 1e-5
    rope_theta: float = 10000.0
    bos_token_id: int = 1
    eos_token_id: int = 2
    pad_token_id: int = 0

    @property
    def head_dim(self) -> int:
        return self.hidden_size // self.num_attention_heads

    def to_hf_dict(self) -> dict:
        """The config.json that transformers' LlamaConfig reads."""
        values = asdict(self)
        values.update(
            {
                "architectures": ["LlamaForCausalLM"],
                "model_type": "llama",
                "hidden_act": "silu",
                "tie_word_embeddings": False,
                "attention_bias": False,
                "mlp_bias": False,
                "head_dim": self.head_dim,
                "torch_dtype": "float32",
            }
        )
        return values

    @staticmethod
    def from_dict(values: dict) -> "ModelConfig":
        fields = ModelConfig.__dataclass_fields__
        return ModelConfig(**{key: values[key] for key in fields if key in values})

    def parameter_count(self) -> int:
        d, f, v, n = self.hidden_size, self.intermediate_size, self.vocab_size, self.num_hidden_layers
        kv = self.num_key_value_heads * self.head_dim
        per_layer = d * d * 2 + d * kv * 2 + 3 * d * f + 2 * d
        return n * per_layer + 2 * v * d + d
