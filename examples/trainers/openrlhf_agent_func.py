"""An AgentWorld task as an OpenRLHF agent function (`--train.agent_func_path openrlhf_agent_func.py`).

Read against OpenRLHF/OpenRLHF at commit 3c3be6234e0cb353e76bb8019947db9dfe99fca7: `openrlhf/utils/agent.py`
(`AgentInstanceBase`, `MultiTurnAgentExecutor.execute`, which sums `step(...)["rewards"].item()` over the turns
and appends each `environment_feedback` to the token stream), `examples/python/agent_func.py` (the step result's
keys: rewards, scores, environment_feedback, done, sampling_params, extra_logs) and
`examples/python/agent_func_gem_multiturn.py` (feedback as ChatML user turns, `<|im_end|>` added when the action
text lacks it, as it does when vLLM samples with skip_special_tokens=True); `openrlhf/trainer/ray/vllm_engine.py` loads the module's `AgentExecutor`.

Mapping: the dataset row's label names the task, either its id (`terminal-count-tcp-services`) or JSON
(`{"task_id": "...", "seed": 7}`); `reset` calls `POST /text/reset` and returns the harness's first messages
rendered as ChatML with the assistant generation prompt (the prompt column is not used); `step` sends the
completion as `action_text` (hermes `<tool_call>` blocks as `tool_calls` when the harness has tools) to
`POST /text/step`, and returns its reward (0 until done, then the task score, so the executor's sum is the score),
the score, the returned messages rendered as ChatML turns ending in the generation prompt, done, and extra_logs.

The server comes from AGENTWORLD_ENV_URL / AGENTWORLD_API_KEY (OpenRLHF builds instances without arguments).
Rendering is Qwen's ChatML; set `AgentInstance.render = your_function(messages, tools, add_generation_prompt)`
for another template. Without OpenRLHF, `openrlhf_stand_in` provides the base classes; `__main__` plays one
episode with them:

    python3 openrlhf_agent_func.py --env-url http://127.0.0.1:8080 --policy-url http://127.0.0.1:8000/v1 \\
        --policy-model Qwen/Qwen3-8B --task-id terminal-count-tcp-services
"""

import argparse
import asyncio
import json
import os
import sys
from types import SimpleNamespace

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from agentworld_env import AgentWorldEnv  # noqa: E402
from chatml import IM_END, extract_hermes_tool_calls, render_chatml  # noqa: E402

try:
    from openrlhf.utils.agent import AgentInstanceBase, MultiTurnAgentExecutor

    USING_OPENRLHF = True
except ImportError:
    from openrlhf_stand_in import AgentInstanceBase, MultiTurnAgentExecutor

    USING_OPENRLHF = False

try:
    import torch

    def as_reward(value):
        return torch.tensor(float(value))

except ImportError:  # OpenRLHF always has torch; the stand-in only needs `.item()`.

    class _Scalar(float):
        def item(self):
            return float(self)

    def as_reward(value):
        return _Scalar(value)


def parse_label(label):
    """`(task_id, seed, member)` from a row's label: a task id, or JSON `{"task_id", "seed"?, "member"?}`."""
    if isinstance(label, dict):
        data = label
    elif isinstance(label, str) and label.strip().startswith("{"):
        data = json.loads(label)
    elif isinstance(label, str) and label.strip():
        return label.strip(), None, None
    else:
        raise ValueError(f"the row's label must name an AgentWorld task, got {label!r}")
    if not data.get("task_id"):
        raise ValueError(f"the label names no task_id: {label!r}")
    seed, member = data.get("seed"), data.get("member")
    return str(data["task_id"]), None if seed is None else int(seed), None if member is None else int(member)


class AgentInstance(AgentInstanceBase):
    """One AgentWorld episode per prompt."""

    render = staticmethod(render_chatml)
    env = None

    def __init__(self, *args, **kwargs):
        if AgentInstance.env is None:
            url = os.environ.get("AGENTWORLD_ENV_URL")
            if not url:
                raise ValueError("set AGENTWORLD_ENV_URL to the `agentworld serve --tasks` server")
            AgentInstance.env = AgentWorldEnv(url, os.environ.get("AGENTWORLD_API_KEY"))
        self.session_id = None
        self.tools = None
        self.turns = 0

    async def reset(self, states, **kwargs):
        task_id, seed, member = parse_label(states.get("label"))
        first = await asyncio.to_thread(self.env.reset, task_id, seed, None, member)
        self.session_id, self.tools = first["session_id"], first.get("tools") or None
        return {"observation": self.render(first["messages"], self.tools, True)}

    async def step(self, states, **kwargs):
        action_text = states["action_text"]
        text = action_text[: -len(IM_END)] if action_text.endswith(IM_END) else action_text
        content, calls = extract_hermes_tool_calls(text) if self.tools else (text, [])
        result = await asyncio.to_thread(self.env.step, self.session_id, content, calls or None)
        self.turns += 1
        done = bool(result["done"])
        feedback = "" if action_text.endswith(IM_END) else IM_END
        if not done:
            feedback += "\n" + self.render(result.get("messages") or [], None, True)
        reward = float(result["reward"])
        return {
            "rewards": as_reward(reward),
            "scores": as_reward(reward),
            "environment_feedback": feedback,
            "done": done,
            "sampling_params": states.get("sampling_params"),
            "extra_logs": {
                **{
                    f"agentworld_{key}": as_reward(value)
                    for key, value in (result.get("extra_logs") or {}).items()
                    if isinstance(value, (int, float))
                },
                "agentworld_turns": as_reward(self.turns),
                "agentworld_invalid_action": as_reward(1.0 if result.get("invalid_action") else 0.0),
                "agentworld_truncated": as_reward(1.0 if result.get("truncated") else 0.0),
            },
        }


class AgentExecutor(MultiTurnAgentExecutor):
    def __init__(self):
        super().__init__(AgentInstance)


async def run_episode(args):
    import openrlhf_stand_in
    from chatml import ByteChatTokenizer
    from openrlhf_stand_in import ChatEngine

    os.environ["AGENTWORLD_ENV_URL"] = args.env_url
    if args.api_key:
        os.environ["AGENTWORLD_API_KEY"] = args.api_key
    tokenizer = ByteChatTokenizer()
    engine = ChatEngine(tokenizer, args.policy_url, args.policy_model, args.policy_api_key)
    label = json.dumps({"task_id": args.task_id, "seed": args.seed})
    sampling = SimpleNamespace(max_tokens=None, logprobs=None, seed=args.seed, temperature=args.temperature)
    executor = openrlhf_stand_in.MultiTurnAgentExecutor(AgentInstance)
    output = await executor.execute("", label, sampling, args.max_length, tokenizer, engine)
    tokens = output["observation_tokens"]
    return {
        "loop": "openrlhf",
        "using_openrlhf": USING_OPENRLHF,
        "reward": output["reward"],
        "scores": float(output["scores"].item() if hasattr(output["scores"], "item") else output["scores"]),
        "turns": len(output["action_ranges"]),
        "action_ranges": output["action_ranges"],
        "actions": [tokenizer.decode(tokens[start:end], skip_special_tokens=True) for start, end in output["action_ranges"]],
        "tokens": len(tokens),
        "extra_logs": {
            key: (value.item() if hasattr(value, "item") else value) for key, value in output["extra_logs"].items()
        },
    }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--env-url", default=os.environ.get("AGENTWORLD_ENV_URL"))
    parser.add_argument("--api-key", default=os.environ.get("AGENTWORLD_API_KEY"))
    parser.add_argument("--policy-url", default=os.environ.get("AGENTWORLD_POLICY_URL"))
    parser.add_argument("--policy-model", default=os.environ.get("AGENTWORLD_POLICY_MODEL"))
    parser.add_argument("--policy-api-key", default=os.environ.get("AGENTWORLD_POLICY_API_KEY"))
    parser.add_argument("--task-id", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--temperature", type=float, default=None)
    parser.add_argument("--max-length", type=int, default=1_000_000, help="token budget of the whole episode")
    args = parser.parse_args(argv)
    for name in ("env_url", "policy_url", "policy_model"):
        if not getattr(args, name):
            parser.error(f"--{name.replace('_', '-')} is required (or its AGENTWORLD_* environment variable)")
    return args


if __name__ == "__main__":
    print(json.dumps(asyncio.run(run_episode(parse_args()))))
