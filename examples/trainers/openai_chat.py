"""OpenAI-compatible chat completions with the standard library, for the trainer loops in this folder.

The `openai` Python package is not in Debian 12 (there is no `python3-openai`), so this speaks
`POST {base_url}/chat/completions` with urllib. Two faces:

- `chat_completion(base_url, model, messages, ...)` returns the answer as a dict (OpenAI's JSON);
- `UrllibAsyncOpenAI(base_url, api_key)` has the one method ART rollouts use,
  `await client.chat.completions.create(model=..., messages=..., tools=..., ...)`, and returns an object read
  with attributes as the openai package's (`completion.choices[0].message.content`, `.tool_calls`, `.finish_reason`)
  so the same rollout code runs on `art.Model.openai_client()` (a real `openai.AsyncOpenAI`) and here.

`base_url` is the OpenAI base URL, ending in `/v1` as vLLM, SGLang and AgentWorld's scripted server print it.
"""

import asyncio
import json
import socket
import urllib.error
import urllib.request

__all__ = ["PolicyError", "Record", "UrllibAsyncOpenAI", "chat_completion"]


class PolicyError(Exception):
    """The policy server failed (HTTP error, unreachable, timeout, not JSON): an infrastructure failure."""

    def __init__(self, message, *, status=None):
        super().__init__(message)
        self.status = status


def chat_completion(base_url, model, messages, *, api_key=None, tools=None, timeout_s=300.0, **sampling):
    """One chat completion; `sampling` holds OpenAI request fields (seed, temperature, max_tokens, logprobs...)."""
    body = {"model": model, "messages": messages}
    if tools:
        body["tools"] = tools
    body.update({key: value for key, value in sampling.items() if value is not None})
    url = base_url.rstrip("/") + "/chat/completions"
    request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), method="POST")
    request.add_header("Content-Type", "application/json")
    if api_key:
        request.add_header("Authorization", "Bearer " + api_key)
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            raw = response.read()
    except urllib.error.HTTPError as error:
        detail = error.read()[:400].decode("utf-8", "replace")
        raise PolicyError(f"POST {url} -> {error.code}: {detail}", status=error.code) from None
    except (socket.timeout, TimeoutError):
        raise PolicyError(f"POST {url}: no answer within {timeout_s:g} s") from None
    except urllib.error.URLError as error:
        raise PolicyError(f"POST {url}: policy server unreachable ({error.reason})") from None
    try:
        answer = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PolicyError(f"POST {url}: the answer is not JSON: {raw[:200]!r}") from None
    if not isinstance(answer, dict) or not answer.get("choices"):
        raise PolicyError(f"POST {url}: no choices in {str(answer)[:300]}")
    return answer


class Record:
    """A JSON object read with attributes (missing keys read as None), as openai's pydantic models are read."""

    def __init__(self, data):
        self._data = data

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _wrap(self._data.get(name))

    def model_dump(self, **_ignored):
        return json.loads(json.dumps(self._data))

    to_dict = model_dump

    def __repr__(self):
        return f"Record({self._data!r})"


def _wrap(value):
    if isinstance(value, dict):
        return Record(value)
    if isinstance(value, list):
        return [_wrap(item) for item in value]
    return value


class _Completions:
    def __init__(self, client):
        self._client = client

    async def create(self, *, model, messages, tools=None, **sampling):
        answer = await asyncio.to_thread(
            chat_completion,
            self._client.base_url,
            model,
            messages,
            api_key=self._client.api_key,
            tools=tools,
            timeout_s=self._client.timeout_s,
            **sampling,
        )
        return Record(answer)


class _Chat:
    def __init__(self, client):
        self.completions = _Completions(client)


class UrllibAsyncOpenAI:
    """The slice of `openai.AsyncOpenAI` a rollout uses: `chat.completions.create`."""

    def __init__(self, base_url, api_key=None, timeout_s=300.0):
        self.base_url = base_url
        self.api_key = api_key
        self.timeout_s = timeout_s
        self.chat = _Chat(self)
