"""An AgentWorld episode as a verl agent loop: token ids in and out, the environment's tokens masked out.

Read against verl-project/verl at commit 1dda039b9c6311889a9c9a26040677e1254814f9:
`verl/experimental/agent_loop/agent_loop.py` (AgentLoopBase, AgentLoopOutput, register, the ct_* Continuous
Token helpers), `verl/experimental/agent_loop/tool_agent_loop.py` (how ToolAgentLoop builds the prompt,
generates, parses hermes tool calls, appends tool messages with mask 0 and returns `response_ids =
prompt_ids[-len(response_mask):]`) and `verl/workers/rollout/llm_server.py` (`server_manager.generate`).

What one `run` does:
1. `POST /text/reset` with the row's task id (and seed, if the row has one): the messages (and tools) the task's
   native harness shows first become the prompt ids (`ct_build_initial_tokens`), not the dataset's raw_prompt.
2. `server_manager.generate(request_id, prompt_ids=..., sampling_params=...)`: the policy's ids are appended with
   response_mask 1 (their logprobs kept when the server returns them).
3. The decoded completion goes to `POST /text/step` as `action_text` (hermes `<tool_call>` blocks, when the harness
   calls tools, as `tool_calls`); the messages the step returns are rendered and appended with response_mask 0.
4. Repeat until the step says `done`, the response budget (`rollout.response_length`) is spent or
   `multi_turn.max_assistant_turns` is reached. `reward_score` is the episode's reward (the task score when it
   finished, else 0), so verl's reward loop is skipped for these samples.

Use with verl: put this folder on PYTHONPATH, set AGENTWORLD_ENV_URL (and AGENTWORLD_API_KEY when the server has
keys), list the loop in the file `actor_rollout_ref.rollout.agent.agent_loop_config_path` points at:

    - name: agentworld
      _target_: verl_agent_loop.AgentWorldAgentLoop

and give each dataset row `agent_name: agentworld` and `extra_info: {"task_id": "...", "seed": 7}` (leave the
seed out to let each of a GRPO group's samples draw its own episode). With verl not importable, the same class
runs on `verl_stand_in` (same names and call shapes), which is what `__main__` and the tests use:

    python3 verl_agent_loop.py --env-url http://127.0.0.1:8080 --policy-url http://127.0.0.1:8000/v1 \\
        --policy-model Qwen/Qwen3-8B --task-id terminal-count-tcp-services

prints one JSON line: reward, num_turns, the token counts and whether response_mask lines up with response_ids.
"""

import argparse
import asyncio
import json
import os
import sys
import time
from uuid import uuid4

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from agentworld_env import AgentWorldEnv  # noqa: E402
from chatml import extract_hermes_tool_calls  # noqa: E402

try:
    from verl.experimental.agent_loop.agent_loop import AgentLoopBase, AgentLoopOutput, register

    USING_VERL = True
except ImportError:
    from verl_stand_in import AgentLoopBase, AgentLoopOutput, register

    USING_VERL = False

import verl_stand_in  # noqa: E402


def task_of(row):
    """`(task_id, seed)` from a verl dataset row: `extra_info.task_id`/`seed`, else top-level `task_id`/`seed`."""
    extra = row.get("extra_info") or {}
    task_id = extra.get("task_id", row.get("task_id"))
    if not task_id:
        raise ValueError("the dataset row names no AgentWorld task: give it extra_info.task_id")
    seed = extra.get("seed", row.get("seed"))
    return str(task_id), None if seed is None else int(seed)


class AgentWorldLoop:
    """The episode logic; mixed into verl's AgentLoopBase (or the stand-in) below."""

    env = None

    def _agentworld_env(self):
        if self.env is None:
            url = os.environ.get("AGENTWORLD_ENV_URL")
            if not url:
                raise ValueError("set AGENTWORLD_ENV_URL to the `agentworld serve --tasks` server")
            self.env = AgentWorldEnv(url, os.environ.get("AGENTWORLD_API_KEY"))
        return self.env

    async def run(self, sampling_params, **kwargs):
        env = self._agentworld_env()
        task_id, seed = task_of(kwargs)
        rollout = self.rollout_config
        response_length = rollout.response_length
        max_turns = rollout.multi_turn.max_assistant_turns or 64
        metrics = {"generate_sequences": 0.0, "tool_calls": 0.0}

        started = time.perf_counter()
        first = await asyncio.to_thread(env.reset, task_id, seed)
        metrics["tool_calls"] += time.perf_counter() - started
        session_id, tools = first["session_id"], first.get("tools") or None
        messages = list(first["messages"])
        prompt_ids = await self.ct_build_initial_tokens(messages, tools=tools)
        runtime_ids, response_mask, logprobs = list(prompt_ids), [], None
        request_id = uuid4().hex
        result, assistant_turns, env_turns, stop = None, 0, 0, "done"

        while True:
            started = time.perf_counter()
            output = await self.server_manager.generate(
                request_id=request_id, prompt_ids=runtime_ids, sampling_params=sampling_params
            )
            metrics["generate_sequences"] += time.perf_counter() - started
            assistant_turns += 1
            if output.log_probs and logprobs is None:
                logprobs = [0.0] * len(response_mask)
            merged, response_mask, logprobs = await self.ct_merge_assistant_token(
                runtime_ids, output.token_ids, response_mask, logprobs, assistant_logprobs=output.log_probs
            )
            runtime_ids = merged.token_ids

            text = self.tokenizer.decode(output.token_ids, skip_special_tokens=True)
            content, calls = extract_hermes_tool_calls(text) if tools else (text, [])
            messages.append(_assistant_message(content, calls))
            started = time.perf_counter()
            usage = {"prompt_tokens": len(runtime_ids) - len(output.token_ids), "completion_tokens": len(output.token_ids)}
            result = await asyncio.to_thread(env.step, session_id, content, calls or None, usage)
            metrics["tool_calls"] += time.perf_counter() - started
            if result["done"]:
                break
            if len(response_mask) >= response_length:
                stop = "response_length"
                break
            if assistant_turns >= max_turns:
                stop = "max_assistant_turns"
                break
            previous = list(messages)
            messages.extend(result.get("messages") or [])
            merged, response_mask, logprobs = await self.ct_merge_non_assistant_msg(
                previous, messages, runtime_ids, response_mask, logprobs, tools=tools
            )
            env_turns += 1
            if len(response_mask) >= response_length:
                stop = "response_length"
                break
            runtime_ids = merged.token_ids

        response_ids = runtime_ids[len(runtime_ids) - len(response_mask) :]
        prompt_ids = runtime_ids[: len(runtime_ids) - len(response_mask)]
        info = result.get("info") or {}
        reward = float(result["reward"]) if result["done"] else 0.0
        return AgentLoopOutput(
            prompt_ids=prompt_ids,
            response_ids=response_ids[:response_length],
            response_mask=response_mask[:response_length],
            response_logprobs=logprobs[:response_length] if logprobs else None,
            reward_score=reward,
            num_turns=1 + assistant_turns + env_turns,
            metrics=metrics,
            extra_fields={
                "turn_scores": [],
                "tool_rewards": [],
                "agentworld": {
                    "task_id": task_id,
                    "seed": seed,
                    "session_id": session_id,
                    "done": bool(result["done"]),
                    "stop": stop,
                    "terminated": result.get("terminated"),
                    "truncated": result.get("truncated"),
                    "blame": info.get("blame"),
                    "scores": result.get("scores"),
                },
            },
        )


def _assistant_message(content, calls):
    message = {"role": "assistant", "content": content}
    if calls:
        message["tool_calls"] = [
            {"id": f"call_{index}", "type": "function", "function": call} for index, call in enumerate(calls)
        ]
    return message


@register("agentworld")
class AgentWorldAgentLoop(AgentWorldLoop, AgentLoopBase):
    """verl's agent loop over AgentWorld (verl's AgentLoopBase when verl is importable)."""


class StandInAgentWorldAgentLoop(AgentWorldLoop, verl_stand_in.AgentLoopBase):
    """The same loop on the stand-in base: what `__main__` and the tests run."""


async def run_episode(args):
    from chatml import ByteChatTokenizer

    tokenizer = ByteChatTokenizer()
    trainer_config, data_config = verl_stand_in.stand_in_config(max_assistant_turns=args.max_turns)
    server_manager = verl_stand_in.ChatCompletionsServerManager(
        tokenizer, args.policy_url, args.policy_model, args.policy_api_key
    )
    loop = StandInAgentWorldAgentLoop(
        trainer_config=trainer_config,
        server_manager=server_manager,
        tokenizer=tokenizer,
        processor=None,
        dataset_cls=None,
        data_config=data_config,
    )
    loop.env = AgentWorldEnv(args.env_url, args.api_key)
    row = {"extra_info": {"task_id": args.task_id, "seed": args.seed}}
    output = await loop.run({"temperature": args.temperature, "seed": args.seed}, **row)
    return summarize(output, tokenizer)


def summarize(output, tokenizer):
    """The JSON summary: reward, turns, token counts, mask checks and the decoded policy and env spans."""
    spans, current, kind = [], [], None
    for token, bit in zip(output.response_ids, output.response_mask):
        if bit != kind and current:
            spans.append((kind, current))
            current = []
        kind = bit
        current.append(token)
    if current:
        spans.append((kind, current))
    return {
        "loop": "verl",
        "using_verl": USING_VERL,
        "reward": output.reward_score,
        "num_turns": output.num_turns,
        "prompt_tokens": len(output.prompt_ids),
        "response_tokens": len(output.response_ids),
        "mask_length_matches": len(output.response_mask) == len(output.response_ids),
        "policy_tokens": sum(output.response_mask),
        "env_tokens": len(output.response_mask) - sum(output.response_mask),
        "policy_spans": [tokenizer.decode(ids, skip_special_tokens=True) for bit, ids in spans if bit == 1],
        "env_spans": [tokenizer.decode(ids) for bit, ids in spans if bit == 0],
        "prompt": tokenizer.decode(output.prompt_ids),
        "agentworld": output.extra_fields["agentworld"],
        "metrics": output.metrics,
    }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--env-url", default=os.environ.get("AGENTWORLD_ENV_URL"), required=False)
    parser.add_argument("--api-key", default=os.environ.get("AGENTWORLD_API_KEY"))
    parser.add_argument("--policy-url", default=os.environ.get("AGENTWORLD_POLICY_URL"))
    parser.add_argument("--policy-model", default=os.environ.get("AGENTWORLD_POLICY_MODEL"))
    parser.add_argument("--policy-api-key", default=os.environ.get("AGENTWORLD_POLICY_API_KEY"))
    parser.add_argument("--task-id", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--temperature", type=float, default=None)
    parser.add_argument("--max-turns", type=int, default=64)
    args = parser.parse_args(argv)
    for name in ("env_url", "policy_url", "policy_model"):
        if not getattr(args, name):
            parser.error(f"--{name.replace('_', '-')} is required (or its AGENTWORLD_* environment variable)")
    return args


if __name__ == "__main__":
    print(json.dumps(asyncio.run(run_episode(parse_args()))))
