#!/usr/bin/env python3
"""An HTTP receiver on 127.0.0.1 that stands in for Slack's incoming webhooks and
PagerDuty's Events API v2, for FlowNotify's integration tests.

    http_receiver.py DIR [RESPONSE ...]

Binds a free port and writes it to DIR/port. Each request is answered by the next RESPONSE
in turn; once they run out, every request gets "ok". A RESPONSE is a status code ("500"),
a status with Retry-After seconds ("429:1"), "echo" (400 quoting the request line and body
back, as careless proxies and frameworks do: the worst case for a transport that shows
error bodies, since a Slack webhook's secret is its path and a PagerDuty routing key is
in the body), or "ok": check the body the way the real
service does and answer as it would (Slack: 200 "ok" or 400 "invalid_payload"; PagerDuty:
202 with a dedup_key, or 400 "Event object is invalid" with the errors). Which service is
meant comes from the path: /services/... is Slack, /v2/enqueue is PagerDuty.

Every request is appended to DIR/requests.jsonl as it arrives, answer included, so a
test sees the attempts, their order, their timing (monotonic seconds) and exact bodies.
Exits on SIGTERM or SIGKILL, and by itself once the process that started it is gone.
"""
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIRECTORY = sys.argv[1]
RESPONSES = list(sys.argv[2:])
LOCK = threading.Lock()
COUNT = [0]

PAGERDUTY_SEVERITIES = {"critical", "error", "warning", "info"}
PAGERDUTY_ACTIONS = {"trigger", "acknowledge", "resolve"}


def check_slack(body):
    """Slack's incoming webhook: a JSON object with a non-empty `text`, or `blocks`."""
    try:
        message = json.loads(body)
    except ValueError:
        return ["body is not JSON"]
    if not isinstance(message, dict):
        return ["body is not a JSON object"]
    errors = []
    text = message.get("text")
    blocks = message.get("blocks")
    if text is not None and not isinstance(text, str):
        errors.append("text is not a string")
    if blocks is not None and not (isinstance(blocks, list) and all(isinstance(b, dict) and "type" in b for b in blocks)):
        errors.append("blocks is not a list of blocks with a type")
    if not text and not blocks:
        errors.append("no_text")
    return errors


def check_pagerduty(body):
    """PagerDuty Events API v2 (https://developer.pagerduty.com/docs/events-api-v2/)."""
    try:
        event = json.loads(body)
    except ValueError:
        return ["body is not JSON"]
    if not isinstance(event, dict):
        return ["body is not a JSON object"]
    errors = []
    key = event.get("routing_key")
    if not isinstance(key, str) or len(key) != 32:
        errors.append("'routing_key' must be a 32 character string")
    action = event.get("event_action")
    if action not in PAGERDUTY_ACTIONS:
        errors.append("'event_action' must be one of trigger, acknowledge, resolve")
    dedup = event.get("dedup_key")
    if dedup is not None and (not isinstance(dedup, str) or len(dedup) > 255):
        errors.append("'dedup_key' must be a string of at most 255 characters")
    if action in ("acknowledge", "resolve") and not dedup:
        errors.append("'dedup_key' is required for " + str(action))
    if action == "trigger":
        payload = event.get("payload")
        if not isinstance(payload, dict):
            errors.append("'payload' is required for trigger")
        else:
            summary = payload.get("summary")
            if not isinstance(summary, str) or not summary or len(summary) > 1024:
                errors.append("'payload.summary' must be a string of 1 to 1024 characters")
            if not isinstance(payload.get("source"), str) or not payload.get("source"):
                errors.append("'payload.source' is required")
            if payload.get("severity") not in PAGERDUTY_SEVERITIES:
                errors.append("'payload.severity' must be one of critical, error, warning, info")
            details = payload.get("custom_details")
            if details is not None and not isinstance(details, dict):
                errors.append("'payload.custom_details' must be an object")
    return errors


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        with LOCK:
            number = COUNT[0]
            COUNT[0] += 1
        response = RESPONSES[number] if number < len(RESPONSES) else "ok"
        headers = {}
        if response == "ok":
            status, reply = self.answer_as_service(body)
        elif response == "echo":
            quoted = body.decode("utf-8", "replace").replace("\n", " ")
            status, reply = 400, ("bad request: %s %s %s\n" % (self.command, self.path, quoted)).encode()
        else:
            code, _, retry_after = response.partition(":")
            status, reply = int(code), b"scripted %s\n" % code.encode()
            if retry_after:
                headers["Retry-After"] = retry_after
        record = {
            "n": number,
            "t": time.monotonic(),
            "method": self.command,
            "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body.decode("utf-8", "replace"),
            "status": status,
            "reply": reply.decode("utf-8", "replace"),
        }
        with LOCK:
            with open(os.path.join(DIRECTORY, "requests.jsonl"), "a", encoding="utf-8") as log:
                log.write(json.dumps(record) + "\n")
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def answer_as_service(self, body):
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            return 400, b"invalid_payload: Content-Type is not application/json"
        if self.path.startswith("/services/"):
            errors = check_slack(body)
            return (200, b"ok") if not errors else (400, ("invalid_payload: " + "; ".join(errors)).encode())
        if self.path == "/v2/enqueue":
            errors = check_pagerduty(body)
            if errors:
                reply = {"status": "invalid event", "message": "Event object is invalid", "errors": errors}
                return 400, json.dumps(reply).encode()
            event = json.loads(body)
            reply = {"status": "success", "message": "Event processed", "dedup_key": event.get("dedup_key") or "generated"}
            return 202, json.dumps(reply).encode()
        return 404, b"no such endpoint"


def exit_with_parent():
    """Exit once the test runner that started us is gone, even if it could not kill us."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def main():
    exit_with_parent()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    port_file = os.path.join(DIRECTORY, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
