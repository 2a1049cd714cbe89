"""A local stand-in for the parts of verl's agent-loop API that `verl_agent_loop.py` uses, so it runs without verl.

Written against verl-project/verl at commit 1dda039b9c6311889a9c9a26040677e1254814f9:
- `verl/experimental/agent_loop/agent_loop.py`: `AgentLoopBase.__init__(trainer_config, server_manager, tokenizer,
  processor, dataset_cls, data_config, hf_model_type=None, **kwargs)`, its Continuous Token helpers
  `ct_build_initial_tokens(messages, tools=...)`, `ct_merge_assistant_token(runtime_token_ids, assistant_token_ids,
  response_mask, response_logprobs=None, assistant_logprobs=None)` and `ct_merge_non_assistant_msg(previous_messages,
  updated_messages, runtime_token_ids, response_mask, response_logprobs=None, tools=None)` (each merge returns
  `(merge_result, response_mask, response_logprobs)`, `merge_result.token_ids` the whole runtime sequence),
  `AgentLoopOutput` (prompt_ids, response_ids, response_mask, response_logprobs, reward_score, num_turns, metrics,
  extra_fields) and `register(agent_name)`;
- `verl/workers/rollout/replica.py`: `TokenOutput(token_ids, log_probs, stop_reason, num_preempted, extra_fields)`;
- `verl/workers/rollout/llm_server.py`: `await server_manager.generate(request_id, *, prompt_ids, sampling_params)`;
- `verl/utils/tokenizer/continuous_token.py`: a non-assistant message's tokens are the suffix its rendering adds
  after a synthetic system+user prefix (so earlier turns are never re-rendered); this stand-in does the same.

Nothing here is verl's code; it has the same names and call shapes. `ChatCompletionsServerManager` is the one
piece verl has no counterpart for: verl's server manager sends token ids to vLLM/SGLang, while this one turns the
ChatML prompt back into messages for any OpenAI-compatible chat endpoint (AgentWorld's scripted test server too).
"""

import asyncio
from dataclasses import dataclass, field
from typing import Any, Optional

from chatml import IM_END, completion_text, parse_chatml
from openai_chat import chat_completion

_SYNTHETIC_PREFIX = [{"role": "system", "content": "S"}, {"role": "user", "content": "U"}]
_agent_loop_registry: dict = {}


def register(agent_name):
    """Records `{"_target_": module.Class}` under `agent_name`, as verl's registry does."""

    def decorator(subclass):
        _agent_loop_registry[agent_name] = {"_target_": f"{subclass.__module__}.{subclass.__qualname__}"}
        return subclass

    return decorator


class Config(dict):
    """A dict read with attributes, for the `trainer_config.config.actor_rollout_ref.rollout...` reads."""

    def __getattr__(self, name):
        try:
            value = self[name]
        except KeyError:
            raise AttributeError(name) from None
        return Config(value) if isinstance(value, dict) and not isinstance(value, Config) else value


@dataclass
class DictConfigWrap:
    config: Any


def stand_in_config(prompt_length=32768, response_length=32768, max_assistant_turns=64):
    """The trainer and data configs the loop reads, with verl's key names."""
    trainer = Config(
        actor_rollout_ref={
            "rollout": {
                "prompt_length": prompt_length,
                "response_length": response_length,
                "multi_turn": {"max_assistant_turns": max_assistant_turns, "format": "hermes"},
            }
        }
    )
    return DictConfigWrap(trainer), DictConfigWrap(Config(apply_chat_template_kwargs={}))


@dataclass
class TokenOutput:
    token_ids: list
    log_probs: Optional[list] = None
    stop_reason: Optional[str] = None
    num_preempted: Optional[int] = None
    extra_fields: dict = field(default_factory=dict)


@dataclass
class AgentLoopOutput:
    prompt_ids: list
    response_ids: list
    response_mask: list
    metrics: dict
    response_logprobs: Optional[list] = None
    reward_score: Optional[float] = None
    num_turns: int = 0
    extra_fields: dict = field(default_factory=dict)


@dataclass
class MergeResult:
    token_ids: list
    appended_token_count: int
    kind: str


class AgentLoopBase:
    """verl's `AgentLoopBase` constructor and Continuous Token helpers, text-only, over any chat tokenizer."""

    def __init__(self, trainer_config, server_manager, tokenizer, processor, dataset_cls, data_config, **kwargs):
        self.config = trainer_config.config
        self.rollout_config = self.config.actor_rollout_ref.rollout
        self.server_manager = server_manager
        self.tokenizer = tokenizer
        self.processor = processor
        self.dataset_cls = dataset_cls
        self.data_config = data_config.config
        self.apply_chat_template_kwargs = self.data_config.get("apply_chat_template_kwargs", {})

    def _render(self, messages, tools, add_generation_prompt):
        return list(
            self.tokenizer.apply_chat_template(
                messages,
                tools=tools,
                add_generation_prompt=add_generation_prompt,
                tokenize=True,
                **self.apply_chat_template_kwargs,
            )
        )

    async def ct_build_initial_tokens(self, messages, tools=None, images=None, videos=None, audios=None):
        return self._render(messages, tools, True)[-self.rollout_config.prompt_length :]

    async def ct_merge_assistant_token(
        self, runtime_token_ids, assistant_token_ids, response_mask, response_logprobs=None, assistant_logprobs=None
    ):
        merged = MergeResult(list(runtime_token_ids) + list(assistant_token_ids), len(assistant_token_ids), "assistant")
        mask = list(response_mask) + [1] * len(assistant_token_ids)
        logprobs = None
        if response_logprobs is not None:
            logprobs = list(response_logprobs) + list(assistant_logprobs or [0.0] * len(assistant_token_ids))
        return merged, mask, logprobs

    async def ct_merge_non_assistant_msg(
        self, previous_messages, updated_messages, runtime_token_ids, response_mask, response_logprobs=None, tools=None
    ):
        appended = updated_messages[len(previous_messages) :]
        prefix = self._render(_SYNTHETIC_PREFIX, tools, False)
        full = self._render(_SYNTHETIC_PREFIX + list(appended), tools, True)
        if full[: len(prefix)] != prefix:
            raise ValueError("the chat template renders the appended messages into the prefix (suffix diff failed)")
        added = full[len(prefix) :]
        # A model stops on its end-of-turn token; the template puts a newline after it (verl's Qwen builder too).
        end = self.tokenizer.encode(IM_END)
        if list(runtime_token_ids[-len(end) :]) == end:
            added = self.tokenizer.encode("\n") + added
        merged = MergeResult(list(runtime_token_ids) + added, len(added), "non_assistant")
        mask = list(response_mask) + [0] * len(added)
        logprobs = None if response_logprobs is None else list(response_logprobs) + [0.0] * len(added)
        return merged, mask, logprobs


class ChatCompletionsServerManager:
    """`generate(request_id, prompt_ids=..., sampling_params=...)` over an OpenAI-compatible chat endpoint.

    The prompt ids are decoded to ChatML and parsed back into messages (and the tools in the system turn); the
    answer's text (its tool calls as hermes blocks) is encoded, followed by the end-of-turn token, as a model's
    sampled ids would end. verl's own server manager sends the ids to vLLM/SGLang instead.
    """

    def __init__(self, tokenizer, base_url, model, api_key=None, timeout_s=300.0):
        self.tokenizer = tokenizer
        self.base_url = base_url
        self.model = model
        self.api_key = api_key
        self.timeout_s = timeout_s
        self.calls = 0

    async def generate(self, request_id, *, prompt_ids, sampling_params, **_multimodal):
        messages, tools = parse_chatml(self.tokenizer.decode(prompt_ids))
        sampling = {
            "seed": sampling_params.get("seed"),
            "temperature": sampling_params.get("temperature"),
            "top_p": sampling_params.get("top_p"),
            "max_tokens": sampling_params.get("max_tokens") or sampling_params.get("max_new_tokens"),
        }
        answer = await asyncio.to_thread(
            chat_completion,
            self.base_url,
            self.model,
            messages,
            api_key=self.api_key,
            tools=tools,
            timeout_s=self.timeout_s,
            **sampling,
        )
        self.calls += 1
        choice = answer["choices"][0]
        text = completion_text(choice.get("message") or {})
        stop = "completed" if choice.get("finish_reason") in ("stop", "tool_calls", None) else choice["finish_reason"]
        return TokenOutput(token_ids=self.tokenizer.encode(text) + self.tokenizer.encode(IM_END), stop_reason=stop)
