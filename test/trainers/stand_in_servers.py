"""Two small HTTP servers for the Python unit tests of examples/trainers (standard library, loopback threads).

- `StandInEnv`: the text step contract of `agentworld serve --tasks` on one toy task, `say-done`: the episode ends
  with reward 1 when the policy's text says DONE or it calls the tool `finish`, else after 3 turns with reward 0.
  With `tools=True` the reset offers the `finish` tool. It requires `Authorization: Bearer KEY` when given a key.
- `StandInPolicy`: an OpenAI-compatible `/v1/chat/completions` that answers DONE for even seeds and "not yet" for
  odd ones, or a `finish` tool call when the request offers tools; it records each request body.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Server:
    def __init__(self, handle):
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body):
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                self._answer(*handle(self.command, self.path, None, self.headers))

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length).decode("utf-8") or "null")
                outer.requests.append((self.path, body))
                self._answer(*handle(self.command, self.path, body, self.headers))

        self.requests = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def _error(status, code, message):
    return status, {"error": {"code": code, "message": message, "retryable": False}}


class StandInEnv(_Server):
    FINISH_TOOL = {
        "type": "function",
        "function": {"name": "finish", "description": "End the task.", "parameters": {"type": "object"}},
    }

    def __init__(self, key=None, tools=False):
        self.sessions = {}
        self.key = key
        self.tools = tools
        super().__init__(self._handle)

    def _handle(self, method, path, body, headers):
        if self.key and headers.get("Authorization") != f"Bearer {self.key}":
            return _error(401, "UNAUTHORIZED", "missing or wrong API key")
        if method == "GET" and path == "/tasks":
            return 200, {"tasks": [{"id": "say-done", "instruction": "Say DONE."}]}
        if path == "/text/reset":
            if body.get("task_id") != "say-done":
                return _error(404, "TASK_NOT_FOUND", f"no task {body.get('task_id')!r}")
            session_id = f"s{len(self.sessions)}"
            self.sessions[session_id] = {"turns": 0, "seed": body.get("seed")}
            messages = [
                {"role": "system", "content": "You are in a toy world."},
                {"role": "user", "content": "Say DONE when you are done."},
            ]
            answer = {"session_id": session_id, "task_id": "say-done", "messages": messages}
            seed = (body.get("seed") or 0) * 1000 + (body.get("member") or 0)
            answer.update({"observation": "Say DONE.", "done": False, "info": {"seed": seed}})
            if self.tools:
                answer["tools"] = [self.FINISH_TOOL]
            return 200, answer
        if path == "/text/step":
            session = self.sessions.get(body.get("session_id"))
            if session is None:
                return _error(404, "SESSION_NOT_FOUND", "no such session")
            session["turns"] += 1
            calls = body.get("tool_calls") or []
            finished = "DONE" in body.get("action_text", "") or any(call.get("name") == "finish" for call in calls)
            done = finished or session["turns"] >= 3
            reward = 1.0 if finished else 0.0
            if calls:
                messages = [{"role": "tool", "tool_call_id": calls[0].get("id", "x"), "content": "finished"}]
            else:
                messages = [{"role": "user", "content": f"Not done yet (turn {session['turns']})."}]
            return 200, {
                "session_id": body["session_id"],
                "messages": messages,
                "observation": messages[0]["content"],
                "environment_feedback": messages[0]["content"],
                "reward": reward if done else 0.0,
                "rewards": [reward if done else 0.0],
                "scores": {"say-done": reward},
                "done": done,
                "terminated": done,
                "truncated": False,
                "info": {"step": session["turns"], "blame": ("agent-success" if finished else "agent-failure")}
                if done
                else {"step": session["turns"]},
            }
        return _error(404, "NOT_FOUND", path)


class StandInPolicy(_Server):
    def __init__(self):
        super().__init__(self._handle)

    def _handle(self, method, path, body, headers):
        if path != "/v1/chat/completions":
            return _error(404, "NOT_FOUND", path)
        if body.get("tools"):
            message = {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": "finish", "arguments": "{}"}}
                ],
            }
        else:
            seed = body.get("seed") or 0
            message = {"role": "assistant", "content": "DONE" if seed % 2 == 0 else "not yet"}
        return 200, {
            "id": "c",
            "object": "chat.completion",
            "model": body.get("model"),
            "choices": [{"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}],
        }
