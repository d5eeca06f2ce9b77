"""ServerModel against a real (tiny) HTTP server on 127.0.0.1, and against a closed port."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from autodroid.errors import ModelError
from autodroid.planner.registry import load_model
from autodroid.planner.server import ServerModel


class FakeServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, routes: dict):
        self.routes = routes  # path -> (status, body dict or bytes) or a callable(payload) -> that
        self.requests: list[tuple[str, dict]] = []
        super().__init__(("127.0.0.1", 0), Handler)

    def handle_error(self, request, client_address):
        pass  # the timeout test's client hangs up before the slow answer is written


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length", 0))
        payload = json.loads(self.rfile.read(length) or b"{}")
        self.server.requests.append((self.path, payload))
        route = self.server.routes.get(self.path, (404, {"error": "not found"}))
        status, body = route(payload) if callable(route) else route
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture()
def serve():
    servers = []

    def start(routes: dict) -> FakeServer:
        server = FakeServer(routes)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def url(server: FakeServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


LLAMA_SERVER_ANSWER = {
    "choices": [{"text": "tap(ok)", "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 40, "completion_tokens": 3},
    "timings": {"prompt_ms": 120.0, "predicted_ms": 60.0, "cache_n": 32},
}


def test_completion_request_and_answer_with_llama_server_extras(serve):
    server = serve({
        "/v1/completions": (200, LLAMA_SERVER_ANSWER),
        "/tokenize": (200, {"tokens": [1, 2, 3, 4, 5]}),
        "/apply-template": (200, {"prompt": "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU"}),
    })
    model = ServerModel(url(server) + "/v1", "qwen", chat_template="gguf")
    answer = model.complete("PROMPT", grammar='root ::= "tap(ok)"', max_tokens=7, stop=["\n\n"])
    assert answer.text == "tap(ok)" and answer.prompt_tokens == 40 and answer.generated_tokens == 3
    assert answer.prefill_seconds == pytest.approx(0.12) and answer.decode_seconds == pytest.approx(0.06)
    assert answer.cached_prefix_tokens == 32 and answer.finish_reason == "stop"
    path, payload = server.requests[0]
    assert path == "/v1/completions"
    assert payload == {"model": "qwen", "prompt": "PROMPT", "max_tokens": 7, "temperature": 0, "seed": 0,
                       "cache_prompt": True, "stop": ["\n\n"], "grammar": 'root ::= "tap(ok)"'}
    assert model.count_tokens("hello") == 5 and not model.approximate_tokens
    assert model.chat_prompt("S", "U").startswith("<|im_start|>system\nS")


def test_plain_openai_server_without_extras(serve):
    server = serve({"/v1/completions": (200, {"choices": [{"text": "x", "finish_reason": "length"}]})})
    model = ServerModel(url(server), "m", grammar=False, chat_template="gguf")
    answer = model.complete("p", grammar="root ::= x")
    assert answer.finish_reason == "length" and answer.decode_seconds > 0
    assert "grammar" not in server.requests[0][1]
    assert model.count_tokens("abcdefgh") == 2 and model.approximate_tokens
    assert model.chat_prompt("S", "U") == "S\n\nU\n"
    asked = [path for path, _ in server.requests]
    model.count_tokens("again")
    assert [path for path, _ in server.requests] == asked  # a missing endpoint is asked about once


def test_server_that_does_not_answer_in_time(serve):
    def slow(payload):
        time.sleep(1.0)
        return 200, LLAMA_SERVER_ANSWER

    server = serve({"/v1/completions": slow})
    model = ServerModel(url(server), "m", timeout_s=0.2)
    started = time.monotonic()
    with pytest.raises(ModelError) as caught:
        model.complete("p")
    assert time.monotonic() - started < 0.9
    assert caught.value.message == f"no answer from {url(server)}/v1/completions within 0.2s"
    assert "llama-server" in caught.value.fix


def test_closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    model = load_model(f"http://127.0.0.1:{port}#m")
    with pytest.raises(ModelError, match=rf"no answer from http://127.0.0.1:{port}/v1/completions within .*refused"):
        model.complete("p")


def test_rejected_grammar_and_non_json(serve):
    server = serve({
        "/v1/completions": (400, {"error": {"message": "unknown field: grammar"}}),
        "/tokenize": (200, b"<html>not json</html>"),
    })
    model = ServerModel(url(server), "m")
    with pytest.raises(ModelError, match="answered HTTP 400.*grammar") as caught:
        model.complete("p", grammar="root ::= x")
    assert "grammar: false" in caught.value.fix
    with pytest.raises(ModelError, match="did not answer with JSON"):
        model.count_tokens("x")
