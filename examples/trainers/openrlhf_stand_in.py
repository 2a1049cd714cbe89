"""A local stand-in for OpenRLHF's agent API, so `openrlhf_agent_func.py` runs without OpenRLHF, Ray or vLLM.

Written against OpenRLHF/OpenRLHF at commit 3c3be6234e0cb353e76bb8019947db9dfe99fca7, `openrlhf/utils/agent.py`
and `examples/python/agent_func.py`: an `AgentInstance` (subclass of `AgentInstanceBase`) is built with no
arguments per prompt; `await reset({"observation": prompt, "label": label})` returns `{"observation": text}`;
then per turn the executor generates from the token ids so far, calls `await step({"observation_text",
"action_text", "label", "sampling_params"})`, adds `rewards.item()` to the episode's reward, appends the action's
and the `environment_feedback`'s tokens, and stops at `done`; the action token ranges are what it trains on.
`AgentExecutor` subclasses `MultiTurnAgentExecutor(AgentInstance)`.

Nothing here is OpenRLHF's code; it has the same names and call shapes, text-only. `ChatEngine` is the
`llm_engine.generate(prompt_token_ids, sampling_params)` stand-in: it turns the ChatML prompt back into messages
for any OpenAI-compatible chat endpoint (OpenRLHF's engine is vLLM, fed the ids directly).
"""

import asyncio
from types import SimpleNamespace

from chatml import IM_END, completion_text, parse_chatml
from openai_chat import chat_completion


class AgentInstanceBase:
    def __init__(self, *args, **kwargs):
        pass

    async def reset(self, states, **kwargs):
        return states

    async def step(self, states, **kwargs):
        raise NotImplementedError


class MultiTurnAgentExecutor:
    """Runs one AgentInstance per prompt: reset, then generate/step until done or the token budget is spent."""

    def __init__(self, agent_instance_cls):
        if not all(callable(getattr(agent_instance_cls, name, None)) for name in ("reset", "step")):
            raise TypeError("an AgentInstance needs async reset(states) and step(states)")
        self.agent_instance_cls = agent_instance_cls

    async def execute(self, prompt, label, sampling_params, max_length, hf_tokenizer, llm_engine, images=None):
        instance = self.agent_instance_cls()
        observation_text = (await instance.reset({"observation": prompt, "label": label}))["observation"]
        tokens = hf_tokenizer.encode(observation_text, add_special_tokens=False)
        action_ranges, reward, scores, extra_logs = [], 0.0, 0.0, {}
        while max_length - len(tokens) > 0:
            sampling_params.max_tokens = max_length - len(tokens)
            generated = (await llm_engine.generate(tokens, sampling_params)).outputs[0]
            action_ranges.append((len(tokens), len(tokens) + len(generated.token_ids)))
            result = await instance.step(
                {
                    "observation_text": observation_text,
                    "action_text": generated.text,
                    "label": label,
                    "sampling_params": sampling_params,
                }
            )
            reward += result["rewards"].item()
            scores = result.get("scores", reward)
            extra_logs = result.get("extra_logs", {})
            feedback = result["environment_feedback"]
            observation_text += generated.text + feedback
            tokens += list(generated.token_ids) + hf_tokenizer.encode(feedback, add_special_tokens=False)
            if result["done"]:
                break
        return {
            "prompt": prompt,
            "label": label,
            "reward": reward,
            "scores": scores,
            "observation_tokens": tokens,
            "action_ranges": action_ranges,
            "extra_logs": extra_logs,
        }


class ChatEngine:
    """`await generate(prompt_token_ids, sampling_params)` -> `.outputs[0].token_ids/.text`, over a chat endpoint."""

    def __init__(self, tokenizer, base_url, model, api_key=None, timeout_s=300.0):
        self.tokenizer = tokenizer
        self.base_url = base_url
        self.model = model
        self.api_key = api_key
        self.timeout_s = timeout_s

    async def generate(self, prompt_token_ids, sampling_params, multi_modal_data=None):
        messages, tools = parse_chatml(self.tokenizer.decode(prompt_token_ids))
        answer = await asyncio.to_thread(
            chat_completion,
            self.base_url,
            self.model,
            messages,
            api_key=self.api_key,
            tools=tools,
            timeout_s=self.timeout_s,
            seed=getattr(sampling_params, "seed", None),
            temperature=getattr(sampling_params, "temperature", None),
        )
        # As vLLM samples with skip_special_tokens=False: the ids and the text end with the end-of-turn token.
        text = completion_text(answer["choices"][0].get("message") or {}) + IM_END
        ids = self.tokenizer.encode(text)
        return SimpleNamespace(outputs=[SimpleNamespace(token_ids=ids, text=text, logprobs=None)])
