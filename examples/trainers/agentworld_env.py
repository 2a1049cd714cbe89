"""A standard-library client for AgentWorld's text step routes (`agentworld serve --tasks PATH`).

The routes speak the shape OpenRLHF-style and NeMo-Gym-style environment servers use: text in, observation,
reward, feedback and done out. Every trainer loop in this folder (verl, ART, OpenRLHF) talks to AgentWorld
through this one class:

    env = AgentWorldEnv("http://127.0.0.1:8080", api_key=None)
    env.tasks()                                  # GET  /tasks       -> ["terminal-count-tcp-services", ...]
    first = env.reset("terminal-count-tcp-services", seed=7)
                                                 # POST /text/reset  -> session_id, messages, tools?, observation
    result = env.step(first["session_id"], action_text, tool_calls=None)
                                                 # POST /text/step   -> messages, reward, done, info, ...

`reset` returns the OpenAI chat messages the task's native harness shows first (Terminus-2's prompt for a
terminal task, an MCP tool list for an mcp task); `step` takes the policy's completion text as the harness would
read it (and the tool calls, when the harness calls tools) and returns the messages to append after the
assistant turn. `reward` is 0 until `done`, then the task's score.

Errors: an HTTP error from the server becomes `AgentWorldEnvError` with the server's error code and message
(`{"error": {"code", "message", "retryable"}}`); an unreachable server or a timeout becomes `AgentWorldEnvError`
with code `UNREACHABLE` / `TIMEOUT` and `retryable=True`. Python 3.9+, no third-party packages.
"""

import json
import socket
import urllib.error
import urllib.parse
import urllib.request

__all__ = ["AgentWorldEnv", "AgentWorldEnvError"]


class AgentWorldEnvError(Exception):
    """A failed call to the env server: `status` (HTTP status, or None when no answer came), `code`, `retryable`."""

    def __init__(self, message, *, status=None, code="ENV_ERROR", retryable=False):
        super().__init__(message)
        self.status = status
        self.code = code
        self.retryable = retryable


class AgentWorldEnv:
    """One env server. `api_key` is sent as `Authorization: Bearer KEY` (a keyless loopback server ignores it)."""

    def __init__(self, base_url, api_key=None, timeout_s=300.0):
        parsed = urllib.parse.urlparse(base_url or "")
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError(f"env url must be http(s)://host:port, got {base_url!r}")
        if timeout_s is None or timeout_s <= 0:
            raise ValueError(f"timeout_s must be positive, got {timeout_s!r}")
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout_s = float(timeout_s)

    def tasks(self):
        """The task ids the server was started with (`GET /tasks`)."""
        body = self._call("GET", "/tasks")
        listed = body.get("tasks", body) if isinstance(body, dict) else body
        if not isinstance(listed, list):
            raise AgentWorldEnvError(f"GET /tasks answered {body!r}, not a list of tasks", code="BAD_RESPONSE")
        return [item["id"] if isinstance(item, dict) else item for item in listed]

    def reset(self, task_id, seed=None, episode_id=None, member=None):
        """Starts an episode of `task_id` (`POST /text/reset`).

        `seed` is the episode index (its curriculum stage and session seed, as `agentworld rollout --seed`);
        `member` is a group member of that episode with its own perturbation draws (`--group-size`).
        """
        if not isinstance(task_id, str) or not task_id:
            raise ValueError(f"task_id must be a non-empty string, got {task_id!r}")
        body = {"task_id": task_id}
        if seed is not None:
            body["seed"] = int(seed)
        if member is not None:
            body["member"] = int(member)
        if episode_id is not None:
            body["episode_id"] = str(episode_id)
        answer = self._call("POST", "/text/reset", body)
        _require(answer, ("session_id", "messages"), "/text/reset")
        return answer

    def step(self, session_id, action_text, tool_calls=None, usage=None):
        """Plays one policy turn (`POST /text/step`): its completion text and, for tool harnesses, its tool calls.

        `tool_calls` items are `{"id"?, "name", "arguments"}` (arguments a JSON string or an object); OpenAI's
        `{"id", "type": "function", "function": {"name", "arguments"}}` form is accepted and flattened. `usage`
        (`{"prompt_tokens", "completion_tokens"}`) counts toward the episode's token budget.
        """
        if not isinstance(action_text, str):
            raise ValueError(f"action_text must be a string, got {type(action_text).__name__}")
        body = {"session_id": session_id, "action_text": action_text}
        if tool_calls:
            body["tool_calls"] = [flatten_tool_call(call) for call in tool_calls]
        if usage:
            body["usage"] = {key: int(value) for key, value in usage.items() if isinstance(value, int)}
        answer = self._call("POST", "/text/step", body)
        _require(answer, ("done", "reward"), "/text/step")
        return answer

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if self.api_key:
            request.add_header("Authorization", "Bearer " + self.api_key)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                return _json(response.read(), method, path)
        except urllib.error.HTTPError as error:
            raise _http_error(error, method, path) from None
        except (socket.timeout, TimeoutError) as error:
            raise AgentWorldEnvError(
                f"{method} {path}: no answer within {self.timeout_s:g} s ({error})", code="TIMEOUT", retryable=True
            ) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, (socket.timeout, TimeoutError)):
                raise AgentWorldEnvError(
                    f"{method} {path}: no answer within {self.timeout_s:g} s", code="TIMEOUT", retryable=True
                ) from None
            raise AgentWorldEnvError(
                f"{method} {self.base_url}{path}: env server unreachable ({error.reason})",
                code="UNREACHABLE",
                retryable=True,
            ) from None


def flatten_tool_call(call):
    """`{"id"?, "name", "arguments"}` from either that form or OpenAI's `{"function": {...}}` form."""
    if not isinstance(call, dict):
        call = _as_dict(call)
    function = call.get("function") if isinstance(call.get("function"), dict) else call
    name = function.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError(f"a tool call needs a name, got {call!r}")
    flat = {"name": name, "arguments": function.get("arguments", {})}
    if call.get("id"):
        flat["id"] = call["id"]
    return flat


def _as_dict(value):
    """A pydantic object (openai's ChatCompletionMessageToolCall) or a namespace as a plain dict."""
    for method in ("model_dump", "to_dict"):
        if hasattr(value, method):
            return getattr(value, method)()
    return dict(vars(value))


def _json(raw, method, path):
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise AgentWorldEnvError(
            f"{method} {path}: the answer is not JSON: {raw[:200]!r}", code="BAD_RESPONSE"
        ) from None


def _http_error(error, method, path):
    raw = error.read()
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        payload = None
    detail = payload.get("error") if isinstance(payload, dict) else None
    if isinstance(detail, dict):
        code = str(detail.get("code", f"HTTP_{error.code}"))
        message = str(detail.get("message", raw[:300]))
        retryable = bool(detail.get("retryable", error.code >= 500))
    else:
        code, message, retryable = f"HTTP_{error.code}", raw[:300].decode("utf-8", "replace"), error.code >= 500
    hint = " (send the server's key with --api-key or AGENTWORLD_API_KEY)" if error.code == 401 else ""
    return AgentWorldEnvError(
        f"{method} {path} -> {error.code} {code}: {message}{hint}", status=error.code, code=code, retryable=retryable
    )


def _require(answer, fields, route):
    missing = [field for field in fields if not isinstance(answer, dict) or field not in answer]
    if missing:
        raise AgentWorldEnvError(f"{route} answered without {', '.join(missing)}: {answer!r}", code="BAD_RESPONSE")
