"""ChatML text and a byte-level ChatML tokenizer, so the token-level loops run without a model download.

Real trainers tokenize with the policy's Hugging Face tokenizer (Qwen's template is ChatML). This module gives
the loops in this folder the same three calls on a tiny tokenizer, for tests and the `__main__` demos:

- `render_chatml(messages, tools=None, add_generation_prompt=False)`: Qwen-style ChatML text (tools listed in
  the system turn inside `<tools>`, assistant tool calls as hermes `<tool_call>{...}</tool_call>` blocks);
- `parse_chatml(text)`: the messages back from such text (what a chat endpoint needs when a stand-in engine is
  handed token ids);
- `ByteChatTokenizer`: `encode`, `decode` and `apply_chat_template` as transformers' tokenizers have them; one
  token per UTF-8 byte (ids 0-255) plus `<|im_start|>` (256) and `<|im_end|>` (257, the end-of-turn token).
- `extract_hermes_tool_calls(text)`: what verl's `HermesToolParser` and vLLM's hermes parser read from a completion.
"""

import json
import re

__all__ = [
    "IM_END",
    "IM_START",
    "ByteChatTokenizer",
    "completion_text",
    "extract_hermes_tool_calls",
    "parse_chatml",
    "render_chatml",
]

IM_START = "<|im_start|>"
IM_END = "<|im_end|>"
_TOOL_CALL = re.compile(r"<tool_call>(.*?)</tool_call>", re.DOTALL)
_TOOLS_BLOCK = re.compile(r"\n*# Tools\n\n<tools>\n.*?\n</tools>", re.DOTALL)


def _content_text(content):
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))


def _tool_call_block(call):
    function = call.get("function", call)
    arguments = function.get("arguments", {})
    if isinstance(arguments, str):
        try:
            arguments = json.loads(arguments)
        except json.JSONDecodeError:
            pass
    return "<tool_call>\n" + json.dumps({"name": function.get("name"), "arguments": arguments}) + "\n</tool_call>"


def render_chatml(messages, tools=None, add_generation_prompt=False):
    """Messages as ChatML text, the way Qwen's chat template lays them out."""
    messages = list(messages)
    parts = []
    if tools:
        system = _content_text(messages[0]["content"]) if messages and messages[0]["role"] == "system" else ""
        if messages and messages[0]["role"] == "system":
            messages = messages[1:]
        listed = "\n".join(json.dumps(tool) for tool in tools)
        parts.append(f"{IM_START}system\n{system}\n\n# Tools\n\n<tools>\n{listed}\n</tools>{IM_END}\n")
    for message in messages:
        role = message["role"]
        text = _content_text(message.get("content"))
        if role == "assistant" and message.get("tool_calls"):
            blocks = "\n".join(_tool_call_block(call) for call in message["tool_calls"])
            text = (text + "\n" if text else "") + blocks
        parts.append(f"{IM_START}{role}\n{text}{IM_END}\n")
    if add_generation_prompt:
        parts.append(f"{IM_START}assistant\n")
    return "".join(parts)


def completion_text(message):
    """A chat answer's message as the text a model samples: its content, its tool calls as hermes blocks."""
    rendered = render_chatml([{"role": "assistant", **message}])
    return rendered[len(IM_START + "assistant\n") : -len(IM_END + "\n")]


def parse_chatml(text):
    """The messages of ChatML text (the inverse of `render_chatml`), with the tools listed in the system turn.

    Returns `(messages, tools)`. A trailing open `assistant` turn (the generation prompt) is dropped; a tool turn
    gets the id of the matching call of the assistant turn before it.
    """
    messages, tools, pending_ids = [], None, []
    for chunk in text.split(IM_START)[1:]:
        body = chunk.split(IM_END, 1)[0] if IM_END in chunk else chunk
        role, _, content = body.partition("\n")
        if IM_END not in chunk:
            if role == "assistant" and not content:
                continue
        if role == "system":
            block = _TOOLS_BLOCK.search(content)
            if block:
                lines = block.group(0).split("<tools>\n", 1)[1].rsplit("\n</tools>", 1)[0]
                tools = [json.loads(line) for line in lines.split("\n") if line.strip()]
                content = content[: block.start()] + content[block.end() :]
                if not content:
                    continue
        message = {"role": role, "content": content}
        if role == "assistant":
            calls = extract_hermes_tool_calls(content)[1]
            if calls:
                pending_ids = [f"call_{len(messages)}_{index}" for index in range(len(calls))]
                message = {
                    "role": "assistant",
                    "content": _TOOL_CALL.sub("", content).strip() or None,
                    "tool_calls": [
                        {"id": pending_ids[index], "type": "function", "function": call}
                        for index, call in enumerate(calls)
                    ],
                }
        elif role == "tool":
            message["tool_call_id"] = pending_ids.pop(0) if pending_ids else f"call_{len(messages)}"
        messages.append(message)
    return messages, tools


def extract_hermes_tool_calls(text):
    """`(content, calls)`: the text without its `<tool_call>` blocks, and each block as `{"name", "arguments"}`.

    `arguments` is a JSON string, as OpenAI's tool calls carry it. A block that is not JSON with a name is left
    in the content (the environment then sees it as the policy wrote it).
    """
    calls = []

    def take(match):
        try:
            call = json.loads(match.group(1))
            name = call["name"]
        except (json.JSONDecodeError, KeyError, TypeError):
            return match.group(0)
        arguments = call.get("arguments", {})
        calls.append({"name": name, "arguments": arguments if isinstance(arguments, str) else json.dumps(arguments)})
        return ""

    content = _TOOL_CALL.sub(take, text)
    return content.strip() if calls else text, calls


class ByteChatTokenizer:
    """A ChatML tokenizer with one token per byte: `encode`/`decode`/`apply_chat_template` as transformers has."""

    special_tokens = {IM_START: 256, IM_END: 257}
    eos_token = IM_END
    eos_token_id = 257
    pad_token_id = 257
    _special = re.compile("(" + "|".join(re.escape(token) for token in special_tokens) + ")")

    def encode(self, text, add_special_tokens=False):
        ids = []
        for piece in self._special.split(text):
            if piece in self.special_tokens:
                ids.append(self.special_tokens[piece])
            elif piece:
                ids.extend(piece.encode("utf-8"))
        return ids

    def decode(self, ids, skip_special_tokens=False):
        names = {value: key for key, value in self.special_tokens.items()}
        out, pending = [], bytearray()
        for token in ids:
            if token < 256:
                pending.append(token)
                continue
            out.append(pending.decode("utf-8", "replace"))
            pending = bytearray()
            if not skip_special_tokens:
                out.append(names[token])
        out.append(pending.decode("utf-8", "replace"))
        return "".join(out)

    def apply_chat_template(self, messages, tools=None, add_generation_prompt=False, tokenize=True, **_kwargs):
        text = render_chatml(messages, tools=tools, add_generation_prompt=add_generation_prompt)
        return self.encode(text) if tokenize else text
