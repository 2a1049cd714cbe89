"""An OpenEnv-style WebSocket client for the AgentWorld env server (standard library + websockets only).

Usage: python3 python_websocket_client.py BASE_URL API_KEY
Talks to BASE_URL/ws the way OpenEnv's EnvClient does: one connection is one session, every message is
{"type": ..., "data": ...}, and an answer of type "error" is raised. Runs one episode (reset, a rejected action,
three steps, state, close), checks that a connection without the key is refused with 401, and prints one JSON
line with what it saw; exits non-zero on any unexpected answer.
"""

import asyncio
import json
import sys

import websockets

try:  # websockets 13+
    from websockets.asyncio.client import connect as ws_connect

    HEADERS_ARGUMENT = "additional_headers"
except ImportError:  # websockets 10-12 (Debian 12 ships 10.4)
    from websockets.client import connect as ws_connect

    HEADERS_ARGUMENT = "extra_headers"


class ServerError(RuntimeError):
    def __init__(self, data):
        super().__init__("server error: %s (code: %s)" % (data.get("message"), data.get("code")))
        self.data = data


class WebSocketEnv:
    """reset / step / state / close over one WebSocket, as OpenEnv's EnvClient sends them."""

    def __init__(self, base_url, api_key=None):
        self.url = base_url.replace("http://", "ws://", 1).replace("https://", "wss://", 1).rstrip("/") + "/ws"
        self.api_key = api_key
        self.ws = None

    async def connect(self):
        headers = {} if self.api_key is None else {"Authorization": "Bearer " + self.api_key}
        self.ws = await ws_connect(self.url, max_size=100 * 1024 * 1024, **{HEADERS_ARGUMENT: headers})
        return self

    async def _request(self, message):
        await self.ws.send(json.dumps(message))
        answer = json.loads(await asyncio.wait_for(self.ws.recv(), timeout=30))
        if answer.get("type") == "error":
            raise ServerError(answer.get("data", {}))
        return answer

    async def reset(self, **kwargs):
        return (await self._request({"type": "reset", "data": kwargs}))["data"]

    async def step(self, action):
        return (await self._request({"type": "step", "data": action}))["data"]

    async def state(self):
        return (await self._request({"type": "state"}))["data"]

    async def close(self):
        await self.ws.send(json.dumps({"type": "close"}))
        await self.ws.wait_closed()
        return self.ws.close_code


def keys(line):
    return [{"keystrokes": line + "\n", "duration": 1}]


def status_of(error):
    """The HTTP status of a refused handshake, across websockets versions."""
    status = getattr(error, "status_code", None)
    if status is None:
        status = getattr(getattr(error, "response", None), "status_code", None)
    return status


async def main():
    base_url, api_key = sys.argv[1], sys.argv[2]

    try:
        await WebSocketEnv(base_url).connect()
        raise AssertionError("a connection without the key was accepted")
    except websockets.exceptions.InvalidHandshake as error:
        refused_status = status_of(error)
    assert refused_status == 401, refused_status

    env = await WebSocketEnv(base_url, api_key).connect()
    first = await env.reset(spec="terminal", seed=11, episode_id="python-ws")
    assert first["done"] is False and first["reward"] is None, first
    session_id = first["session_id"]
    observations = [first["observation"]]

    try:
        await env.step({"action": [{"duration": 1}]})
        raise AssertionError("a malformed action was accepted")
    except ServerError as error:
        rejected = error.data
    assert rejected["code"] == "INVALID_ACTION" and rejected["openenv_code"] == "VALIDATION_ERROR", rejected

    rewards = []
    for line in ["ls", "cd /tmp", "pwd"]:
        result = await env.step({"action": keys(line), "timeout_s": 30})
        assert result["session_id"] == session_id, result
        assert result["done"] is False and result["terminated"] is False and result["truncated"] is False
        observations.append(result["observation"])
        rewards.append(result["reward"])

    state = await env.state()
    close_code = await env.close()
    print(
        json.dumps(
            {
                "session_id": session_id,
                "observations": observations,
                "rewards": rewards,
                "state": state,
                "rejected": rejected,
                "refused_status": refused_status,
                "close_code": close_code,
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
