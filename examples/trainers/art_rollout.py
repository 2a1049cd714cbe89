"""An AgentWorld episode as an OpenPipe ART rollout, and a group of them for GRPO.

Read against OpenPipe/ART at commit 779559fd0c68ce073cbd041447f88aacf1d9f585: `src/art/trajectories.py`
(`Trajectory(messages_and_choices, tools, reward, metrics, metadata, logs)`, `.messages()`, `.finish()`,
`TrajectoryGroup(trajectories_or_awaitables)`), `src/art/gather.py` (`gather_trajectory_groups`) and
`examples/2048/rollout.py` (a rollout appends `chat_completion.choices[0]` to `messages_and_choices` and calls
`model.openai_client().chat.completions.create(model=model.name, messages=trajectory.messages())`).

One rollout: `POST /text/reset` gives the messages (and tools) the task's native harness shows first; each turn
the policy answers through the OpenAI-compatible endpoint, its choice is appended as ART's trainable part, its text
and tool calls go to `POST /text/step`, and the messages the step returns are appended as plain (untrained)
messages. The trajectory's reward is the episode's reward; metrics and metadata carry the turns, the outcome's
blame, the seed and the session id.

With ART installed (`import art` works) the rollout builds real `art.Trajectory` objects from real `openai`
choices, and `group` uses `art.TrajectoryGroup` + `art.gather_trajectory_groups`:

    groups = await art.gather_trajectory_groups(
        art.TrajectoryGroup(rollout(model, env, task_id, seed=s) for s in range(8)) for task_id in task_ids
    )
    await model.train(groups)

Without it, `Trajectory`/`TrajectoryGroup` below are dataclasses with the same fields, and `LocalModel` stands
in for `art.Model` (`.name`, `.openai_client()`) over urllib. `__main__` plays one group:

    python3 art_rollout.py --env-url http://127.0.0.1:8080 --policy-url http://127.0.0.1:8000/v1 \\
        --policy-model Qwen/Qwen3-8B --task-id terminal-count-tcp-services --group-size 4

and prints one JSON line with each member's seeds, reward and turn count.
"""

import argparse
import asyncio
import json
import os
import sys
import time
from dataclasses import dataclass, field

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from agentworld_env import AgentWorldEnv  # noqa: E402
from openai_chat import UrllibAsyncOpenAI  # noqa: E402

try:
    import art

    USING_ART = True
except ImportError:
    art = None
    USING_ART = False


@dataclass
class LocalTrajectory:
    """`art.Trajectory`'s fields: messages (dicts, not trained) and choices (trained), reward, metrics, metadata."""

    messages_and_choices: list
    reward: float
    tools: list = None
    metrics: dict = field(default_factory=dict)
    metadata: dict = field(default_factory=dict)
    logs: list = field(default_factory=list)

    def messages(self):
        """The chat so far, each choice as its assistant message (as `art.Trajectory.messages()` gives it)."""
        return [item if isinstance(item, dict) else _choice_message(item) for item in self.messages_and_choices]

    def finish(self):
        return self


@dataclass
class LocalTrajectoryGroup:
    trajectories: list
    exceptions: list = field(default_factory=list)

    def __iter__(self):
        return iter(self.trajectories)

    def __len__(self):
        return len(self.trajectories)


Trajectory = art.Trajectory if USING_ART else LocalTrajectory


class LocalModel:
    """What a rollout reads of `art.Model`: `name` and `openai_client()`."""

    def __init__(self, name, base_url, api_key=None):
        self.name = name
        if USING_ART:  # art.Trajectory validates choices as openai's own Choice objects
            import openai

            self._client = openai.AsyncOpenAI(base_url=base_url, api_key=api_key or "EMPTY")
        else:
            self._client = UrllibAsyncOpenAI(base_url, api_key)

    def openai_client(self):
        return self._client


def _choice_message(choice):
    message = choice.message
    out = {"role": "assistant", "content": message.content}
    if message.tool_calls:
        out["tool_calls"] = [
            {
                "id": call.id,
                "type": "function",
                "function": {"name": call.function.name, "arguments": call.function.arguments},
            }
            for call in message.tool_calls
        ]
    return out


async def rollout(model, env, task_id, seed=None, member=None, *, sampling_seed=None, max_turns=64, sampling=None):
    """One AgentWorld episode as a Trajectory.

    `seed` is the episode index and `member` the group member (its own perturbation draws); `sampling_seed` is
    sent to the policy as the request's `seed`.
    """
    first = await asyncio.to_thread(env.reset, task_id, seed, None, member)
    session_id, tools = first["session_id"], first.get("tools") or None
    trajectory = Trajectory(
        messages_and_choices=list(first["messages"]),
        tools=tools,
        reward=0.0,
        metadata={
            "task_id": task_id,
            "seed": seed,
            "member": member,
            "session_seed": (first.get("info") or {}).get("seed"),
            "sampling_seed": sampling_seed,
            "session_id": session_id,
        },
    )
    client = model.openai_client()
    request = dict(sampling or {})
    if sampling_seed is not None:
        request["seed"] = sampling_seed
    if tools:
        request["tools"] = tools
    result, turns, env_seconds = None, 0, 0.0
    while turns < max_turns:
        completion = await client.chat.completions.create(
            model=model.name, messages=trajectory.messages(), **request
        )
        choice = completion.choices[0]
        trajectory.messages_and_choices.append(choice)
        turns += 1
        usage = completion.usage.model_dump() if getattr(completion, "usage", None) else None
        started = time.perf_counter()
        result = await asyncio.to_thread(
            env.step, session_id, choice.message.content or "", choice.message.tool_calls or None, usage
        )
        env_seconds += time.perf_counter() - started
        if result["done"]:
            break
        trajectory.messages_and_choices.extend(result.get("messages") or [])
    done = bool(result and result["done"])
    info = (result or {}).get("info") or {}
    trajectory.reward = float(result["reward"]) if done else 0.0
    trajectory.metrics.update(
        {"turns": turns, "done": done, "truncated": bool((result or {}).get("truncated")) or not done}
    )
    trajectory.metrics["env_seconds"] = env_seconds
    trajectory.metadata["blame"] = info.get("blame") if isinstance(info.get("blame"), str) else None
    return trajectory.finish()


async def group(model, env, task_id, size, *, seed=0, max_turns=64, sampling=None):
    """`size` members of episode `seed` of one task: each its own perturbation draw and sampling seed.

    Identical members give GRPO no signal, so member k resets with `member=k` (the server draws its own
    perturbations and session seed) and samples with seed `seed * 1000 + k`.
    """
    members = [
        rollout(
            model, env, task_id, seed, index, sampling_seed=seed * 1000 + index, max_turns=max_turns, sampling=sampling
        )
        for index in range(size)
    ]
    if USING_ART:
        [gathered] = await art.gather_trajectory_groups([art.TrajectoryGroup(members)], pbar_desc=None)
        return gathered
    results = await asyncio.gather(*members, return_exceptions=True)
    return LocalTrajectoryGroup(
        trajectories=[item for item in results if not isinstance(item, BaseException)],
        exceptions=[item for item in results if isinstance(item, BaseException)],
    )


def summarize(trajectory_group):
    members = []
    for trajectory in trajectory_group.trajectories:
        messages = trajectory.messages()
        members.append(
            {
                "seed": trajectory.metadata.get("seed"),
                "member": trajectory.metadata.get("member"),
                "session_seed": trajectory.metadata.get("session_seed"),
                "sampling_seed": trajectory.metadata.get("sampling_seed"),
                "session_id": trajectory.metadata.get("session_id"),
                "reward": trajectory.reward,
                "metrics": trajectory.metrics,
                "trained_choices": sum(not isinstance(item, dict) for item in trajectory.messages_and_choices),
                "messages": len(messages),
                "last_assistant": next(
                    (message.get("content") for message in reversed(messages) if message["role"] == "assistant"),
                    None,
                ),
            }
        )
    rewards = [member["reward"] for member in members]
    return {
        "loop": "art",
        "using_art": USING_ART,
        "members": members,
        "exceptions": [str(item) for item in getattr(trajectory_group, "exceptions", [])],
        "mean_reward": sum(rewards) / len(rewards) if rewards else None,
    }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--env-url", default=os.environ.get("AGENTWORLD_ENV_URL"))
    parser.add_argument("--api-key", default=os.environ.get("AGENTWORLD_API_KEY"))
    parser.add_argument("--policy-url", default=os.environ.get("AGENTWORLD_POLICY_URL"))
    parser.add_argument("--policy-model", default=os.environ.get("AGENTWORLD_POLICY_MODEL"))
    parser.add_argument("--policy-api-key", default=os.environ.get("AGENTWORLD_POLICY_API_KEY"))
    parser.add_argument("--task-id", required=True)
    parser.add_argument("--group-size", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0, help="episode index; members are 0..group-size-1")
    parser.add_argument("--temperature", type=float, default=None)
    parser.add_argument("--max-turns", type=int, default=64)
    args = parser.parse_args(argv)
    for name in ("env_url", "policy_url", "policy_model"):
        if not getattr(args, name):
            parser.error(f"--{name.replace('_', '-')} is required (or its AGENTWORLD_* environment variable)")
    if args.group_size < 1:
        parser.error("--group-size must be at least 1")
    return args


async def main(args):
    env = AgentWorldEnv(args.env_url, args.api_key)
    model = LocalModel(args.policy_model, args.policy_url, args.policy_api_key)
    sampling = {} if args.temperature is None else {"temperature": args.temperature}
    gathered = await group(
        model, env, args.task_id, args.group_size, seed=args.seed, max_turns=args.max_turns, sampling=sampling
    )
    return summarize(gathered)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(parse_args()))))
