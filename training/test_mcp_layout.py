"""Tests of the mcp byte layout (`mcp-bytes-v1`) and of the dispatch between layouts, over real server-memory
records (fixtures/mcp-sessions.jsonl, from `npm run datagen:mcp -- --count 40 --seed 1`, sessions 28, 7, 25):

    python3 -m unittest discover -s training -p 'test_*.py'
"""

from __future__ import annotations

import copy
import io
import json
import os
import sys
import unittest
from contextlib import redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import layout  # noqa: E402
import mcp_layout  # noqa: E402
from session_data import example_of, load_examples, turn_prompts  # noqa: E402

MCP_FIXTURE = os.path.join(HERE, "fixtures", "mcp-sessions.jsonl")
TERMINAL_FIXTURE = os.path.join(HERE, "fixtures", "sessions.jsonl")


def read_records(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def text_of(ids: list[int]) -> str:
    return layout.ids_to_bytes(ids).decode("utf-8")


class McpLayoutTest(unittest.TestCase):
    records = read_records(MCP_FIXTURE)

    def test_examples_carry_their_layout_and_system_line_for_the_exported_file(self):
        mcp_example = example_of(self.records[0], 100_000)
        self.assertIsNotNone(mcp_example)
        self.assertEqual(mcp_example.layout_id, "mcp-bytes-v1")
        self.assertEqual(mcp_example.system_line, "agentworld mcp server-memory\n")
        terminal_example = next(
            example
            for example in (example_of(record, 100_000) for record in read_records(TERMINAL_FIXTURE))
            if example is not None
        )
        self.assertEqual(terminal_example.layout_id, layout.LAYOUT_ID)
        self.assertEqual(terminal_example.system_line, layout.SYSTEM_LINE)

    def test_every_fixture_session_fits_the_mcp_layout(self):
        self.assertEqual(len(self.records), 3)
        for record in self.records:
            self.assertEqual(layout.layout_id_of(record), "mcp-bytes-v1")
            self.assertIs(layout.layout_for(record), mcp_layout)
            self.assertIsNotNone(layout.record_sequence(record), record["id"])
            # The terminal layout has no place for tool calls.
            self.assertIsNone(layout.session_sequence(record))

    def test_sequence_is_system_line_then_call_echo_and_observation_target_per_turn(self):
        record = self.records[0]
        sequence = layout.record_sequence(record)
        assert sequence is not None
        self.assertEqual(sequence.ids[0], layout.BOS_ID)
        head = "agentworld mcp server-memory\n"
        self.assertEqual(text_of(sequence.ids[1 : 1 + len(head)]), head)
        self.assertEqual(len(sequence.spans), len(record["turns"]))
        self.assertEqual(sequence.spans[0][0], 1 + len(head))
        for (echo_start, target_start, end), turn in zip(sequence.spans, record["turns"]):
            action = turn["action"]
            expected_echo = "call " + action["name"] + " " + json.dumps(action["arguments"], separators=(",", ":"), ensure_ascii=False) + "\n"
            self.assertEqual(text_of(sequence.ids[echo_start:target_start]), expected_echo)
            self.assertEqual(text_of(sequence.ids[target_start : end - 1]), turn["observation"])
            self.assertEqual(sequence.ids[end - 1], layout.EOS_ID)
            self.assertEqual(sequence.loss_mask[echo_start:target_start], [0] * (target_start - echo_start))
            self.assertEqual(sequence.loss_mask[target_start:end], [1] * (end - target_start))
        self.assertEqual(sequence.spans[-1][2], len(sequence.ids))
        self.assertEqual(sum(sequence.loss_mask[: sequence.spans[0][0]]), 0)

    def test_an_error_result_is_its_text_and_the_flag_stays_in_the_event(self):
        record = self.records[0]
        errors = [
            (index, turn)
            for index, turn in enumerate(record["turns"])
            if mcp_layout.error_flag_of_turn(turn) is True
        ]
        self.assertEqual(len(errors), 1)
        index, turn = errors[0]
        sequence = layout.record_sequence(record)
        assert sequence is not None
        _, target_start, end = sequence.spans[index]
        self.assertRegex(text_of(sequence.ids[target_start : end - 1]), r"^Entity with name .+ not found$")
        self.assertEqual(sequence.turns[index].family, "add_observations_missing")

    def test_a_turn_whose_flag_and_text_disagree_does_not_fit(self):
        record = copy.deepcopy(self.records[2])
        record["turns"][1]["events"].append({"type": "datagen.error-sign-mismatch", "data": {"isError": True}})
        self.assertIsNone(layout.record_sequence(record))

    def test_actions_that_are_not_one_tool_call_do_not_fit(self):
        for action in [[{"keystrokes": "ls\n"}], {"name": "two words", "arguments": {}}, {"name": "x", "arguments": [1]}, {"arguments": {}}]:
            record = copy.deepcopy(self.records[2])
            record["turns"][0]["action"] = action
            self.assertIsNone(layout.record_sequence(record), action)
        record = copy.deepcopy(self.records[2])
        record["turns"] = []
        self.assertIsNone(layout.record_sequence(record))

    def test_missing_arguments_are_an_empty_object_and_an_unnamed_server_has_a_bare_line(self):
        record = copy.deepcopy(self.records[2])
        record["turns"][0]["action"] = {"name": "read_graph"}
        del record["spec"]["initialState"]["data"]["serverName"]
        sequence = layout.record_sequence(record)
        assert sequence is not None
        self.assertTrue(text_of(sequence.ids).startswith("agentworld mcp\ncall read_graph {}\n"))
        record["spec"]["initialState"]["data"]["serverName"] = "two\nlines"
        self.assertIsNone(layout.record_sequence(record))

    def test_arguments_are_written_as_javascript_writes_them(self):
        cases = [
            ({"b": 1, "a": [True, None, "x"]}, '{"b":1,"a":[true,null,"x"]}'),
            ({"z": 0, "10": 1, "2": 2, "-1": 3, "01": 4}, '{"2":2,"10":1,"z":0,"-1":3,"01":4}'),
            ({"n": [1.0, 0.5, -0.0, 1e21, 1e20, 1e-7, 0.000001, 123.456, 2**53 + 1, 1.5e300]},
             '{"n":[1,0.5,0,1e+21,100000000000000000000,1e-7,0.000001,123.456,9007199254740992,1.5e+300]}'),
            ({"s": 'é ✓ "q" \\ \n\t\b\f\r \x01 \x7f \u2028 \udc00 😀'},
             '{"s":"é ✓ \\"q\\" \\\\ \\n\\t\\b\\f\\r \\u0001 \x7f \u2028 \\udc00 😀"}'),
        ]
        for value, expected in cases:
            self.assertEqual(mcp_layout.js_json(value), expected)

    def test_training_examples_carry_families_and_prompts_for_both_layouts(self):
        example = example_of(self.records[0], 100000)
        assert example is not None
        families = [layout.family_of_turn(turn) for turn in self.records[0]["turns"]]
        self.assertEqual(example.families, families)
        prompts = turn_prompts(example)
        self.assertEqual(len(prompts), len(families))
        prompt, expected, _ = prompts[0]
        self.assertTrue(layout.ids_to_bytes(prompt).endswith(b"\n"))
        self.assertTrue(layout.ids_to_bytes(prompt).split(b"\n")[-2].startswith(b"call create_entities {"))
        self.assertEqual(expected[-1], layout.EOS_ID)
        self.assertIsNone(example_of(self.records[0], 200))
        examples, skipped = load_examples([MCP_FIXTURE, TERMINAL_FIXTURE], 100000)
        self.assertEqual(skipped, 1)  # the terminal fixture's key-press session
        self.assertEqual(len(examples), 3 + len(read_records(TERMINAL_FIXTURE)) - 1)

    def test_dump_prints_both_layouts(self):
        for path, kind in [(MCP_FIXTURE, "mcp-bytes-v1"), (TERMINAL_FIXTURE, "terminal-bytes-v1")]:
            out = io.StringIO()
            with redirect_stdout(out):
                layout.dump(path)
            lines = [json.loads(line) for line in out.getvalue().splitlines()]
            self.assertEqual({line["layout"] for line in lines}, {kind})
            self.assertEqual([line["id"] for line in lines], [record["id"] for record in read_records(path)])


if __name__ == "__main__":
    unittest.main()
