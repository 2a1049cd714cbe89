"""A Python trainer's view of the AgentWorld HTTP env server, written with the standard library only.

Usage: python3 python_trainer_client.py BASE_URL API_KEY
Runs one episode (reset, three steps, fork, a bad action, close) and prints one JSON line with what it saw;
exits non-zero on any unexpected answer.
"""

import json
import sys
import urllib.error
import urllib.request


class EnvClient:
    def __init__(self, base_url, api_key):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.api_key)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read().decode("utf-8"))

    def reset(self, spec, seed):
        status, body = self.call("POST", "/reset", {"spec": spec, "seed": seed})
        assert status == 200, body
        return body

    def step(self, session_id, action):
        return self.call("POST", "/step", {"session_id": session_id, "action": action, "timeout_s": 30})


def keys(line):
    return [{"keystrokes": line + "\n", "duration": 1}]


def main():
    client = EnvClient(sys.argv[1], sys.argv[2])
    status, health = client.call("GET", "/health")
    assert status == 200 and health["status"] == "ok", health

    first = client.reset("terminal", 11)
    session_id = first["session_id"]
    observations = [first["observation"]]
    rewards = []
    for line in ["ls", "cd /tmp", "pwd"]:
        status, result = client.step(session_id, keys(line))
        assert status == 200, result
        assert result["done"] is False and result["terminated"] is False and result["truncated"] is False
        observations.append(result["observation"])
        rewards.append(result["reward"])

    status, bad = client.step(session_id, [{"duration": 1}])
    assert status == 400 and bad["error"]["code"] == "INVALID_ACTION", bad

    status, fork = client.call("POST", "/fork", {"session_id": session_id})
    assert status == 200, fork

    status, state = client.call("GET", "/state?session_id=" + session_id)
    assert status == 200, state

    status, done = client.step(session_id, [])
    assert status == 200 and done["terminated"] is True and done["done"] is True, done

    status, closed = client.call("POST", "/close", {"session_id": session_id})
    assert status == 200, closed
    status, after = client.step(session_id, keys("ls"))
    assert status == 409 and after["error"]["code"] == "SESSION_CLOSED", after

    print(json.dumps({
        "session_id": session_id,
        "fork_id": fork["session_id"],
        "observations": observations,
        "rewards": rewards,
        "state": state,
    }))


if __name__ == "__main__":
    main()
