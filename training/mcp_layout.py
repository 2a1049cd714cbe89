"""The byte layout of AgentWorld's embedded MCP world model (layout `mcp-bytes-v1`).

Pure Python, no third-party imports: the TypeScript mirror (src/engines/local/mcp-sequence-layout.ts) builds the
same bytes, and a node test compares the two through `python3 training/layout.py dump FILE`.

Same vocabulary as `terminal-bytes-v1` (layout.py): id 0 `<unk>`, 1 `<s>`, 2 `</s>`, byte b is id 3 + b.

One session (a record whose spec.domain is "mcp") is one sequence:

    <s> SYSTEM_LINE
    ECHO(1) TARGET(1) </s>
    ECHO(2) TARGET(2) </s>
    ...

SYSTEM_LINE is `agentworld mcp SERVER\\n`, SERVER being the spec's `initialState.data.serverName`
(`agentworld mcp\\n` when the spec names no server). ECHO(k) is the tool call the agent made, known to the engine:
`call NAME ARGS\\n`, ARGS the arguments as compact JSON exactly as JavaScript's JSON.stringify writes them (keys
in the record's order, which JavaScript keeps except that array-index keys such as "2" come first in ascending
order; non-ASCII text raw; numbers in JavaScript's shortest form). Missing arguments are `{}`, as the mcp dialect
normalises them. TARGET(k) is the recorded observation text, unchanged. Loss is taken on TARGET bytes and `</s>`
only.

Error results: the sequence holds no flag of its own. The engine returns text only, and the mcp domain derives a
result's isError from that text (src/domains/mcp/error-signs.ts, `hasClearErrorSign`); the generator's
server-memory errors (`Entity with name X not found`) are such texts. The record keeps the server's own flag in
the `datagen.family` event `{family, isError}`, and a `datagen.error-sign-mismatch` event on any turn where that
flag and the text's error sign disagree. A session with such a turn does not fit the layout (a model trained on
its text would teach the domain the wrong flag), and neither does one whose turn is not a `{name, arguments}`
call with an observation string.
"""

from __future__ import annotations

import math
from decimal import Decimal

from layout import SessionSequence, Turn, build_sequence, family_of_turn

LAYOUT_ID = "mcp-bytes-v1"
DOMAIN = "mcp"
SYSTEM_PREFIX = "agentworld mcp"
CALL_PREFIX = "call "
MISMATCH_EVENT = "datagen.error-sign-mismatch"
_MAX_INDEX = 2**32 - 2
# A tool name holding one of these would not read back off the echo line.
NAME_BREAKS = " \t\n\r\f\v"


def system_line(server_name: str | None) -> str:
    """The line after `<s>`: names the server when the spec does."""
    return SYSTEM_PREFIX + ("" if server_name is None else " " + server_name) + "\n"


def server_name_of(record: dict) -> tuple[bool, str | None]:
    """(fits, name): the spec's server name; fits is False when it is not a one-line string."""
    spec = record.get("spec") or {}
    data = ((spec.get("initialState") or {}).get("data")) or {}
    name = data.get("serverName") if isinstance(data, dict) else None
    if name is None:
        return True, None
    if not isinstance(name, str) or name == "" or "\n" in name or "\r" in name:
        return False, None
    return True, name


def _js_string(text: str) -> str:
    out = ['"']
    for char in text:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\b":
            out.append("\\b")
        elif char == "\f":
            out.append("\\f")
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF:
            # Control characters, and lone surrogates (a JSON loader keeps them; paired ones arrive joined).
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _js_number(value: float) -> str:
    """ECMAScript Number::toString of a finite double (repr gives the same shortest digits)."""
    if not math.isfinite(value):
        return "null"
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    _, digit_tuple, exponent = Decimal(repr(abs(value))).as_tuple()
    digits = "".join(str(d) for d in digit_tuple).rstrip("0")
    exponent = int(exponent) + (len(digit_tuple) - len(digits))
    k = len(digits)
    n = exponent + k
    if k <= n <= 21:
        body = digits + "0" * (n - k)
    elif 0 < n <= 21:
        body = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
        body = mantissa + "e" + ("+" if e > 0 else "-") + str(abs(e))
    return sign + body


def _is_index_key(key: str) -> bool:
    return key.isascii() and key.isdigit() and str(int(key)) == key and int(key) <= _MAX_INDEX


def js_json(value: object) -> str:
    """Compact JSON as JavaScript's JSON.stringify writes the value a JavaScript JSON.parse would give."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return _js_number(float(value)) if abs(value) >= 2**53 else str(value)
    if isinstance(value, float):
        return _js_number(value)
    if isinstance(value, str):
        return _js_string(value)
    if isinstance(value, list):
        return "[" + ",".join(js_json(item) for item in value) + "]"
    if isinstance(value, dict):
        keys = [str(key) for key in value]
        indexed = sorted((key for key in keys if _is_index_key(key)), key=int)
        named = [key for key in keys if not _is_index_key(key)]
        # JSON.parse keeps the last of repeated keys; a dict already does.
        return "{" + ",".join(_js_string(key) + ":" + js_json(value[key]) for key in indexed + named) + "}"
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def render_call(name: str, arguments: dict) -> str:
    """ECHO: the call as the engine feeds it."""
    return CALL_PREFIX + name + " " + js_json(arguments) + "\n"


def call_of_action(action: object) -> tuple[str, dict] | None:
    """(name, arguments) of a `{name, arguments}` action; None when the action is not one tool call."""
    if not isinstance(action, dict):
        return None
    name = action.get("name")
    if not isinstance(name, str) or name == "" or any(c in NAME_BREAKS for c in name):
        return None
    arguments = action.get("arguments", {})
    if arguments is None:
        arguments = {}
    if not isinstance(arguments, dict):
        return None
    return name, arguments


def error_flag_of_turn(turn: dict) -> bool | None:
    """The server's isError flag as the generator recorded it (None when the record does not say)."""
    for event in turn.get("events") or []:
        if isinstance(event, dict) and event.get("type") == "datagen.family":
            flag = (event.get("data") or {}).get("isError")
            if isinstance(flag, bool):
                return flag
    return None


def has_sign_mismatch(turn: dict) -> bool:
    return any(isinstance(event, dict) and event.get("type") == MISMATCH_EVENT for event in turn.get("events") or [])


def session_turns(record: dict) -> list[Turn] | None:
    """The turns of a recorded mcp session in this layout, or None when any turn does not fit it."""
    turns: list[Turn] = []
    for turn in record.get("turns") or []:
        call = call_of_action(turn.get("action"))
        observation = turn.get("observation")
        if call is None or not isinstance(observation, str) or has_sign_mismatch(turn):
            return None
        echo = render_call(*call)
        turns.append(Turn(command=echo[len(CALL_PREFIX) : -1], echo=echo, target=observation, family=family_of_turn(turn)))
    return turns


def fits(record: dict) -> bool:
    return (record.get("spec") or {}).get("domain") == DOMAIN


def session_sequence(record: dict) -> SessionSequence | None:
    """The sequence of an mcp record, or None when it is not one or does not fit the layout."""
    if not fits(record):
        return None
    ok, name = server_name_of(record)
    if not ok:
        return None
    turns = session_turns(record)
    if turns is None or len(turns) == 0:
        return None
    return build_sequence(turns, system_line(name))
