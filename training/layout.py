"""The byte layout of AgentWorld's embedded terminal world model (layout `terminal-bytes-v1`).

Pure Python, no third-party imports: the TypeScript engine (src/engines/local/sequence-layout.ts) builds the
same bytes, and a node test compares the two through `python3 training/layout.py dump FILE`.

Vocabulary: id 0 `<unk>`, 1 `<s>`, 2 `</s>`, then byte b is id 3 + b (259 ids in all).

One session is one sequence:

    <s> SYSTEM_LINE
    ECHO(1) TARGET(1) </s>
    ECHO(2) TARGET(2) </s>
    ...

ECHO(k) is what the terminal shows before the command runs: the prompt, the command as typed, and the newline
(continuation lines of a multi-line command are shown after CONTINUATION_PROMPT). The engine knows it and
feeds it. TARGET(k) is the rest of the screen of that turn: the command's output and the next prompt, which the
model must predict (a failed `cd` keeps the old directory, so the next prompt is not known in advance). Loss
is taken on TARGET bytes and `</s>` only.

MCP records (spec.domain "mcp") have a layout of their own, `mcp-bytes-v1` (mcp_layout.py), with the same
vocabulary and shape. `layout_for(record)` / `record_sequence(record)` choose the layout from the record, and
`dump` prints either kind; `session_sequence` here stays the terminal layout's.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field

LAYOUT_ID = "terminal-bytes-v1"
UNK_ID = 0
BOS_ID = 1
EOS_ID = 2
BYTE_OFFSET = 3
VOCAB_SIZE = 256 + BYTE_OFFSET
SYSTEM_LINE = "agentworld terminal, bash 80 columns\n"
CONTINUATION_PROMPT = "> "


def byte_ids(text: str) -> list[int]:
    """The ids of a string's UTF-8 bytes."""
    return [BYTE_OFFSET + b for b in text.encode("utf-8")]


def ids_to_bytes(ids: list[int]) -> bytes:
    """The bytes of byte ids; special ids are dropped."""
    return bytes(i - BYTE_OFFSET for i in ids if BYTE_OFFSET <= i < VOCAB_SIZE)


def command_of_action(action: object) -> str | None:
    """The command line of a one-command action (`[{keystrokes: "cmd\\n"}]`), without its final newline.

    Anything else (several commands, keys such as C-c, text without Enter, an empty command) has no place in
    this layout and yields None.
    """
    if not isinstance(action, list) or len(action) != 1:
        return None
    entry = action[0]
    if not isinstance(entry, dict):
        return None
    keys = entry.get("keystrokes")
    if not isinstance(keys, str) or not keys.endswith("\n"):
        return None
    command = keys[:-1]
    if command.strip() == "" or "\r" in command:
        return None
    return command


def render_echo(prompt: str, command: str) -> str:
    """What the screen shows once the command is typed and Enter pressed."""
    return prompt + command.replace("\n", "\n" + CONTINUATION_PROMPT) + "\n"


def split_observation(observation: str, command: str) -> tuple[str, str] | None:
    """Splits a recorded screen into (echo, target).

    The prompt is read off the screen: its first line must end with the command's first line, and the
    continuation lines must follow as render_echo() shows them. None when the screen does not start that way.
    """
    first_line_end = observation.find("\n")
    if first_line_end < 0:
        return None
    first_line = observation[:first_line_end]
    command_first = command.split("\n", 1)[0]
    if not first_line.endswith(command_first):
        return None
    prompt = first_line[: len(first_line) - len(command_first)]
    if prompt == "":
        return None
    echo = render_echo(prompt, command)
    if not observation.startswith(echo):
        return None
    return echo, observation[len(echo) :]


@dataclass
class Turn:
    command: str
    echo: str
    target: str
    family: str | None


@dataclass
class SessionSequence:
    ids: list[int]
    # 1 where the id is predicted with loss (target bytes and </s>), else 0.
    loss_mask: list[int]
    # For each turn: (index of its first echo id, index of its first target id, index just past its </s>).
    spans: list[tuple[int, int, int]] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)


def family_of_turn(turn: dict) -> str | None:
    for event in turn.get("events") or []:
        if isinstance(event, dict) and event.get("type") == "datagen.family":
            data = event.get("data") or {}
            family = data.get("family")
            if isinstance(family, str):
                return family
    return None


def session_turns(record: dict) -> list[Turn] | None:
    """The turns of a recorded session in this layout, or None when any turn does not fit it."""
    turns: list[Turn] = []
    for turn in record.get("turns") or []:
        command = command_of_action(turn.get("action"))
        observation = turn.get("observation")
        if command is None or not isinstance(observation, str):
            return None
        parts = split_observation(observation, command)
        if parts is None:
            return None
        turns.append(Turn(command=command, echo=parts[0], target=parts[1], family=family_of_turn(turn)))
    return turns


def build_sequence(turns: list[Turn], system_line: str = SYSTEM_LINE) -> SessionSequence:
    """The ids and loss mask of a whole session (mcp_layout.py gives its own system line)."""
    ids = [BOS_ID] + byte_ids(system_line)
    mask = [0] * len(ids)
    sequence = SessionSequence(ids=ids, loss_mask=mask, turns=turns)
    for turn in turns:
        echo_start = len(ids)
        echo = byte_ids(turn.echo)
        ids.extend(echo)
        mask.extend([0] * len(echo))
        target_start = len(ids)
        target = byte_ids(turn.target) + [EOS_ID]
        ids.extend(target)
        mask.extend([1] * len(target))
        sequence.spans.append((echo_start, target_start, len(ids)))
    return sequence


def session_sequence(record: dict) -> SessionSequence | None:
    turns = session_turns(record)
    if turns is None or len(turns) == 0:
        return None
    return build_sequence(turns)


def layout_id_of(record: dict) -> str:
    """The layout a record is laid out in: `mcp-bytes-v1` for spec.domain "mcp", else this one."""
    import mcp_layout

    return mcp_layout.LAYOUT_ID if mcp_layout.fits(record) else LAYOUT_ID


def layout_for(record: dict):
    """The layout module of a record (this one or mcp_layout); each has LAYOUT_ID and session_sequence()."""
    import mcp_layout

    return mcp_layout if mcp_layout.fits(record) else sys.modules[__name__]


def record_sequence(record: dict) -> SessionSequence | None:
    """The sequence of a terminal or mcp record in its own layout, or None when it does not fit."""
    return layout_for(record).session_sequence(record)


def dump(path: str) -> None:
    """Prints one JSON line per session of a JSONL file: its id, layout and sequence (null when it does not fit)."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            sequence = record_sequence(record)
            out = {"id": record.get("id"), "layout": layout_id_of(record), "ids": None, "lossMask": None}
            if sequence is not None:
                out["ids"] = sequence.ids
                out["lossMask"] = sequence.loss_mask
            print(json.dumps(out, separators=(",", ":")))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "dump":
        print("usage: python3 training/layout.py dump SESSIONS.jsonl", file=sys.stderr)
        sys.exit(2)
    # Through the imported module, so that mcp_layout and this code share one copy of it (not `__main__`).
    import layout

    layout.dump(sys.argv[2])
