"""Unit tests of examples/trainers against stand-in servers (standard library only).

Run: /usr/bin/python3 -m unittest discover -s test/trainers -p 'test_*.py'
The end-to-end runs against `agentworld serve` and real bash are in python-loops.test.ts.
"""

import asyncio
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples", "trainers")
sys.path.insert(0, HERE)
sys.path.insert(0, EXAMPLES)

import art_rollout  # noqa: E402
import openrlhf_agent_func  # noqa: E402
import verl_agent_loop  # noqa: E402
from agentworld_env import AgentWorldEnv, AgentWorldEnvError  # noqa: E402
from chatml import ByteChatTokenizer, parse_chatml, render_chatml  # noqa: E402
from stand_in_servers import StandInEnv, StandInPolicy  # noqa: E402

KEY = "stand-in-key-0123456789"


def main_args(module, env, policy, *extra):
    return module.parse_args(
        ["--env-url", env.url, "--api-key", KEY, "--policy-url", policy.url + "/v1", "--policy-model", "m", "--task-id", "say-done", *extra]
    )


class ServersTestCase(unittest.TestCase):
    tools = False

    def setUp(self):
        self.env = StandInEnv(key=KEY, tools=self.tools)
        self.policy = StandInPolicy()
        openrlhf_agent_func.AgentInstance.env = None

    def tearDown(self):
        self.env.close()
        self.policy.close()
        openrlhf_agent_func.AgentInstance.env = None

    def step_bodies(self):
        return [body for path, body in self.env.requests if path == "/text/step"]


class EnvClientTest(ServersTestCase):
    def test_reset_step_and_tasks(self):
        client = AgentWorldEnv(self.env.url, KEY)
        self.assertEqual(client.tasks(), ["say-done"])
        first = client.reset("say-done", seed=3, episode_id="e1")
        self.assertEqual(self.env.requests[-1][1], {"task_id": "say-done", "seed": 3, "episode_id": "e1"})
        client.step(first["session_id"], "x", usage={"prompt_tokens": 5, "completion_tokens": 2, "note": "n"})
        self.assertEqual(self.step_bodies()[-1]["usage"], {"prompt_tokens": 5, "completion_tokens": 2})
        result = client.step(first["session_id"], "DONE")
        self.assertEqual(result["info"]["blame"], "agent-success")
        self.assertEqual((result["done"], result["reward"]), (True, 1.0))

    def test_openai_tool_calls_are_flattened(self):
        client = AgentWorldEnv(self.env.url, KEY)
        first = client.reset("say-done")
        call = {"id": "c9", "type": "function", "function": {"name": "finish", "arguments": "{}"}}
        client.step(first["session_id"], "", tool_calls=[call])
        self.assertEqual(self.step_bodies()[-1]["tool_calls"], [{"name": "finish", "arguments": "{}", "id": "c9"}])

    def test_errors_are_clear(self):
        with self.assertRaises(AgentWorldEnvError) as no_key:
            AgentWorldEnv(self.env.url).reset("say-done")
        self.assertEqual((no_key.exception.status, no_key.exception.code), (401, "UNAUTHORIZED"))
        self.assertIn("AGENTWORLD_API_KEY", str(no_key.exception))
        with self.assertRaises(AgentWorldEnvError) as unknown:
            AgentWorldEnv(self.env.url, KEY).reset("no-such-task")
        self.assertEqual(unknown.exception.code, "TASK_NOT_FOUND")
        self.assertIn("no-such-task", str(unknown.exception))
        closed = StandInPolicy()
        closed.close()
        with self.assertRaises(AgentWorldEnvError) as down:
            AgentWorldEnv(closed.url, KEY, timeout_s=5).tasks()
        self.assertEqual((down.exception.code, down.exception.retryable), ("UNREACHABLE", True))
        for bad in ("", "localhost:8080", "ftp://x"):
            with self.assertRaises(ValueError):
                AgentWorldEnv(bad)
        with self.assertRaises(ValueError):
            AgentWorldEnv(self.env.url).reset("")


class ChatmlTest(unittest.TestCase):
    def test_render_parse_round_trip_and_byte_tokens(self):
        tokenizer = ByteChatTokenizer()
        messages = [
            {"role": "system", "content": "sys"},
            {"role": "user", "content": "héllo"},
            {
                "role": "assistant",
                "content": "ok",
                "tool_calls": [{"id": "a", "type": "function", "function": {"name": "f", "arguments": '{"x": 1}'}}],
            },
            {"role": "tool", "tool_call_id": "a", "content": "result"},
        ]
        tools = [{"type": "function", "function": {"name": "f", "parameters": {}}}]
        ids = tokenizer.apply_chat_template(messages, tools=tools, add_generation_prompt=True)
        self.assertEqual(tokenizer.decode(ids), render_chatml(messages, tools, True))
        self.assertEqual(ids.count(256), 5)
        parsed, parsed_tools = parse_chatml(tokenizer.decode(ids))
        self.assertEqual(parsed_tools, tools)
        self.assertEqual([message["role"] for message in parsed], ["system", "user", "assistant", "tool"])
        self.assertEqual(parsed[2]["tool_calls"][0]["function"], {"name": "f", "arguments": '{"x": 1}'})
        self.assertEqual(parsed[3]["tool_call_id"], parsed[2]["tool_calls"][0]["id"])


class VerlLoopTest(ServersTestCase):
    def test_success_in_one_turn(self):
        summary = asyncio.run(verl_agent_loop.run_episode(main_args(verl_agent_loop, self.env, self.policy)))
        self.assertEqual(summary["reward"], 1.0)
        self.assertEqual(summary["policy_spans"], ["DONE"])
        self.assertEqual(summary["env_tokens"], 0)
        self.assertTrue(summary["mask_length_matches"])
        self.assertEqual(summary["num_turns"], 2)
        self.assertIn("Say DONE when you are done.", summary["prompt"])

    def test_failure_masks_the_environment_tokens(self):
        args = main_args(verl_agent_loop, self.env, self.policy, "--seed", "1")
        summary = asyncio.run(verl_agent_loop.run_episode(args))
        self.assertEqual(summary["reward"], 0.0)
        self.assertEqual(summary["policy_spans"], ["not yet"] * 3)
        self.assertEqual(len(summary["env_spans"]), 2)
        for turn, span in enumerate(summary["env_spans"], start=1):
            self.assertIn(f"<|im_start|>user\nNot done yet (turn {turn}).<|im_end|>", span)
            self.assertTrue(span.endswith("<|im_start|>assistant\n"))
        self.assertTrue(summary["mask_length_matches"])
        self.assertEqual(summary["policy_tokens"] + summary["env_tokens"], summary["response_tokens"])
        self.assertEqual(summary["num_turns"], 6)
        self.assertEqual(summary["agentworld"]["blame"], "agent-failure")


class ArtRolloutTest(ServersTestCase):
    def test_group_members_differ_by_seed(self):
        args = main_args(art_rollout, self.env, self.policy, "--group-size", "4", "--seed", "10")
        summary = asyncio.run(art_rollout.main(args))
        members = summary["members"]
        self.assertEqual([member["seed"] for member in members], [10] * 4)
        self.assertEqual([member["member"] for member in members], [0, 1, 2, 3])
        self.assertEqual([member["session_seed"] for member in members], [10000, 10001, 10002, 10003])
        self.assertEqual([member["sampling_seed"] for member in members], [10000, 10001, 10002, 10003])
        self.assertEqual([member["reward"] for member in members], [1.0, 0.0, 1.0, 0.0])
        self.assertEqual(len({member["session_id"] for member in members}), 4)
        self.assertEqual([member["trained_choices"] for member in members], [1, 3, 1, 3])
        policy_seeds = sorted({body["seed"] for path, body in self.policy.requests})
        self.assertEqual(policy_seeds, [10000, 10001, 10002, 10003])
        resets = [body for path, body in self.env.requests if path == "/text/reset"]
        self.assertEqual(sorted(body["member"] for body in resets), [0, 1, 2, 3])
        self.assertEqual(summary["exceptions"], [])


class OpenrlhfAgentTest(ServersTestCase):
    def test_reward_is_the_sum_of_step_rewards(self):
        summary = asyncio.run(openrlhf_agent_func.run_episode(main_args(openrlhf_agent_func, self.env, self.policy)))
        self.assertEqual((summary["reward"], summary["scores"], summary["turns"]), (1.0, 1.0, 1))
        failed = asyncio.run(
            openrlhf_agent_func.run_episode(main_args(openrlhf_agent_func, self.env, self.policy, "--seed", "1"))
        )
        self.assertEqual((failed["reward"], failed["turns"]), (0.0, 3))
        self.assertEqual(failed["actions"], ["not yet"] * 3)
        self.assertEqual([body["action_text"] for body in self.step_bodies()][-3:], ["not yet"] * 3)

    def test_labels(self):
        self.assertEqual(openrlhf_agent_func.parse_label("say-done"), ("say-done", None, None))
        self.assertEqual(openrlhf_agent_func.parse_label('{"task_id": "t", "seed": 4, "member": 2}'), ("t", 4, 2))
        with self.assertRaises(ValueError):
            openrlhf_agent_func.parse_label("")


class ToolHarnessTest(ServersTestCase):
    """A harness that calls tools: each loop forwards the policy's call as `tool_calls`."""

    tools = True

    def assert_finished_by_tool(self, reward):
        self.assertEqual(reward, 1.0)
        [body] = self.step_bodies()
        self.assertEqual([call["name"] for call in body["tool_calls"]], ["finish"])
        tool_requests = [body for path, body in self.policy.requests]
        self.assertEqual(tool_requests[0]["tools"], [StandInEnv.FINISH_TOOL])

    def test_verl(self):
        summary = asyncio.run(verl_agent_loop.run_episode(main_args(verl_agent_loop, self.env, self.policy)))
        self.assert_finished_by_tool(summary["reward"])
        self.assertIn("<tool_call>", summary["policy_spans"][0])

    def test_art(self):
        summary = asyncio.run(art_rollout.main(main_args(art_rollout, self.env, self.policy, "--group-size", "1")))
        self.assert_finished_by_tool(summary["members"][0]["reward"])

    def test_openrlhf(self):
        summary = asyncio.run(openrlhf_agent_func.run_episode(main_args(openrlhf_agent_func, self.env, self.policy)))
        self.assert_finished_by_tool(summary["reward"])


class CommandLineTest(ServersTestCase):
    def test_each_main_prints_one_json_line_and_refuses_missing_flags(self):
        for script in ("verl_agent_loop.py", "art_rollout.py", "openrlhf_agent_func.py"):
            path = os.path.join(EXAMPLES, script)
            flags = ["--env-url", self.env.url, "--api-key", KEY, "--policy-url", self.policy.url + "/v1"]
            run = subprocess.run(
                [sys.executable, path, *flags, "--policy-model", "m", "--task-id", "say-done"],
                capture_output=True,
                text=True,
                timeout=120,
                env={key: value for key, value in os.environ.items() if not key.startswith("AGENTWORLD_")},
            )
            self.assertEqual(run.returncode, 0, run.stderr)
            lines = run.stdout.strip().split("\n")
            self.assertEqual(len(lines), 1)
            summary = json.loads(lines[0])
            reward = summary["members"][0]["reward"] if "members" in summary else summary["reward"]
            self.assertEqual(reward, 1.0, script)
            missing = subprocess.run(
                [sys.executable, path, "--task-id", "say-done"],
                capture_output=True,
                text=True,
                timeout=120,
                env={key: value for key, value in os.environ.items() if not key.startswith("AGENTWORLD_")},
            )
            self.assertEqual(missing.returncode, 2)
            self.assertIn("--env-url is required", missing.stderr)


if __name__ == "__main__":
    unittest.main()
